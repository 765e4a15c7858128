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
}
