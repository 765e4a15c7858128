package se.gransnav.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import se.gransnav.security.Partner;
import se.gransnav.security.PartnerAuthenticator;

/**
 * {@code GET /api/v1/messages/{trackingId}}: a message's status and journey, for the partner that
 * sent it and for operators. Another partner's message, an unknown id and a message not yet
 * accepted all answer the same 404, so a partner learns nothing about ids that are not its own.
 */
@Component
public class TrackingQuery {

    private final TrackingRepository tracking;
    private final ObjectMapper json = new ObjectMapper();

    TrackingQuery(TrackingRepository tracking) {
        this.tracking = tracking;
    }

    public void describe(Exchange exchange) throws JsonProcessingException {
        String trackingId = exchange.getMessage().getHeader("trackingId", String.class);
        Partner partner = exchange.getProperty(PartnerAuthenticator.PARTNER, Partner.class);
        boolean operator = exchange.getProperty(PartnerAuthenticator.OPERATOR) != null;
        TrackedMessage message = tracking.byTrackingId(trackingId)
                .filter(m -> operator || (partner != null && m.partnerId().equals(partner.id())))
                .filter(m -> m.status() != TrackingStatus.RECEIVED)
                .orElseThrow(TrackingNotFoundException::new);
        ObjectNode body = json.createObjectNode()
                .put("trackingId", message.trackingId())
                .put("messageId", message.messageId())
                .put("type", message.messageType())
                .put("partnerId", message.partnerId())
                .put("channel", message.channel())
                .put("forbundId", message.forbundId())
                .put("status", message.status().name())
                .put("receivedAt", message.receivedAt().toInstant().toString())
                .put("updatedAt", message.updatedAt().toInstant().toString());
        ArrayNode journey = body.putArray("journey");
        for (TrackingEvent e : tracking.journey(trackingId)) {
            ObjectNode step = journey.addObject()
                    .put("at", e.occurredAt().toInstant().toString())
                    .put("step", e.step());
            if (e.channel() != null) {
                step.put("channel", e.channel());
            }
            if (e.detail() != null) {
                step.put("detail", e.detail());
            }
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(body));
    }
}
