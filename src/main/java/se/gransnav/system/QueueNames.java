package se.gransnav.system;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import se.gransnav.normalise.Channel;
import se.gransnav.routing.Forbund;
import se.gransnav.routing.ForbundRegistry;
import se.gransnav.security.Partner;
import se.gransnav.security.PartnerRegistry;

/**
 * The hub's internal queues. The external ones ({@code forbund.<id>.inbox},
 * {@code hub.intake.<partnerId>}, {@code hub.receipts.<partnerId>}) are fixed by the contract.
 *
 * @param accepted every accepted message, durably stored before the partner is answered, waiting
 *                 for delivery to its förbund
 */
@ConfigurationProperties("gransnav.queues")
public record QueueNames(@DefaultValue("hub.accepted") String accepted) {

    private static final String DEAD_LETTER_PREFIX = "DLQ.";

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
     * {@code DLQ.hub.webhook.<forbundId>}.
     */
    public static String webhookDeadLetters(String forbundId) {
        return deadLetters(webhook(forbundId));
    }

    /**
     * The dead-letter queue of one of the hub's queues, {@code DLQ.<queue>}: an address and queue
     * of its own, also the broker's dead-letter address for that queue, so the hub's own
     * dead-lettering (with the reason) and the broker's (after repeated rollbacks) meet there.
     */
    public static String deadLetters(String queue) {
        return DEAD_LETTER_PREFIX + queue;
    }

    /** The queue a dead-letter queue belongs to, or null when the name is not one. */
    public static String sourceOfDeadLetters(String deadLetterQueue) {
        return deadLetterQueue != null && deadLetterQueue.startsWith(DEAD_LETTER_PREFIX)
                ? deadLetterQueue.substring(DEAD_LETTER_PREFIX.length()) : null;
    }

    /**
     * Every queue the hub creates and consumes or fills, each of which has its own dead-letter
     * queue: the accepted queue, each förbund's inbox (and webhook and file-drop queues), and each
     * queue partner's intake and receipts.
     */
    public List<String> hubQueues(ForbundRegistry forbundRegistry, PartnerRegistry partnerRegistry) {
        List<String> names = new ArrayList<>(List.of(accepted));
        for (Forbund forbund : forbundRegistry.all()) {
            names.add(forbund.inboxQueue());
            if (forbund.webhook() != null) {
                names.add(webhook(forbund.id()));
            }
            if (forbund.fileDrop()) {
                names.add(fileDrop(forbund.id()));
            }
        }
        for (Partner partner : partnerRegistry.all()) {
            if (partner.mayUse(Channel.QUEUE)) {
                names.add(intake(partner.id()));
                names.add(receipts(partner.id()));
            }
        }
        return List.copyOf(names);
    }

    /** Internal: messages waiting to be written to a förbund's file drop, {@code hub.filedrop.<forbundId>}. */
    public static String fileDrop(String forbundId) {
        return "hub.filedrop." + forbundId;
    }
}
