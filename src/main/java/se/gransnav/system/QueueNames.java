package se.gransnav.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hub's internal queues. The external ones ({@code forbund.<id>.inbox},
 * {@code hub.intake.<partnerId>}, {@code hub.receipts.<partnerId>}) are fixed by the contract.
 *
 * @param accepted every accepted message, durably stored before the partner is answered, waiting
 *                 for delivery to its förbund
 */
@ConfigurationProperties("gransnav.queues")
public record QueueNames(@DefaultValue("hub.accepted") String accepted) {

    /** Where a partner sends canonical messages: {@code hub.intake.<partnerId>}. */
    public static String intake(String partnerId) {
        return "hub.intake." + partnerId;
    }

    /** Where a partner reads its receipts: {@code hub.receipts.<partnerId>}. */
    public static String receipts(String partnerId) {
        return "hub.receipts." + partnerId;
    }

    /** Internal: messages waiting for a förbund's webhook, {@code hub.webhook.<forbundId>}. */
    public static String webhook(String forbundId) {
        return "hub.webhook." + forbundId;
    }

    /**
     * Messages the webhook of a förbund did not take after every attempt,
     * {@code DLQ.hub.webhook.<forbundId>}: an address and queue of its own, also the dead-letter
     * address of {@link #webhook}, so the hub's own dead-lettering and the broker's meet there.
     */
    public static String webhookDeadLetters(String forbundId) {
        return "DLQ." + webhook(forbundId);
    }

    /** Internal: messages waiting to be written to a förbund's file drop, {@code hub.filedrop.<forbundId>}. */
    public static String fileDrop(String forbundId) {
        return "hub.filedrop." + forbundId;
    }
}
