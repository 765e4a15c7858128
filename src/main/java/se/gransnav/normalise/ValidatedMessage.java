package se.gransnav.normalise;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.node.ObjectNode;

import se.gransnav.routing.Forbund;
import se.gransnav.security.Partner;

/**
 * A message that passed every rule, normalised (12-digit identity number, gender filled in) and
 * routed to its förbund. Its {@code toString} shows no content.
 *
 * @param message the canonical message, without the {@code hub} object
 */
public record ValidatedMessage(
        ObjectNode message,
        MessageType type,
        String messageId,
        Forbund forbund,
        String participantRef,
        Partner partner,
        Channel channel,
        OffsetDateTime receivedAt) {

    @Override
    public String toString() {
        return "ValidatedMessage[" + type + " from " + partner.id() + " to " + forbund.id() + "]";
    }
}
