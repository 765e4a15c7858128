package se.gransnav.intake;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import se.gransnav.delivery.DeadLetters;
import se.gransnav.normalise.CanonicalMessageReader;
import se.gransnav.normalise.Channel;
import se.gransnav.normalise.MessageRejectedException;
import se.gransnav.security.Partner;
import se.gransnav.security.PartnerRegistry;

/**
 * Queue intake (contract section 2): canonical JSON text messages on
 * {@code hub.intake.<partnerId>}, each answered by a receipt on {@code hub.receipts.<partnerId>}
 * in the shape of the HTTP answer plus the sender's {@code messageId}, correlated by the
 * incoming JMS correlation id, or else its message id. The partner is the one whose queue it is.
 */
@Component
public class QueueIntake {

    /** Exchange property: the receipt (JSON) to send once the message is accepted or rejected. */
    static final String RECEIPT = "hubReceipt";
    /** Exchange property: the sender's messageId, when it could be read. */
    static final String MESSAGE_ID = "hubMessageId";
    /** Exchange property: the JMS correlation id for the receipt. */
    static final String CORRELATION = "hubCorrelationId";

    private final PartnerRegistry partners;
    private final CanonicalMessageReader reader;
    private final Clock clock;

    QueueIntake(PartnerRegistry partners, CanonicalMessageReader reader, Clock clock) {
        this.partners = partners;
        this.reader = reader;
        this.clock = clock;
    }

    /**
     * Reads the message. A rejection does not fail the exchange: the message is answered with a
     * rejection receipt and consumed, as a rejected HTTP request is answered with a 4xx. Only an
     * accepted message goes on (the exchange property {@link #RECEIPT} is then unset).
     */
    public void read(Exchange exchange, String partnerId) {
        Message in = exchange.getMessage();
        String correlation = in.getHeader("JMSCorrelationID", String.class);
        exchange.setProperty(CORRELATION, correlation != null ? correlation : in.getHeader("JMSMessageID", String.class));
        Partner partner = partners.byId(partnerId).orElseThrow(() ->
                new IllegalStateException("queue intake for unknown partner " + partnerId));
        byte[] body = in.getBody(byte[].class);
        OffsetDateTime receivedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        JsonNode tree = null;
        try {
            tree = reader.parse(body == null ? new byte[0] : body);
            exchange.setProperty(MESSAGE_ID, messageIdOf(tree));
            in.setBody(reader.validate(tree, partner, Channel.QUEUE, receivedAt));
        } catch (MessageRejectedException rejection) {
            exchange.setProperty(MESSAGE_ID, tree == null ? null : messageIdOf(tree));
            exchange.setProperty(RECEIPT, withMessageId(AnswerBodies.rejection(rejection), exchange));
        }
    }

    /** Whether {@link #read} rejected the message. */
    public boolean isRejected(Exchange exchange) {
        return exchange.getProperty(RECEIPT) != null;
    }

    /** The receipt for an accepted (or duplicate) message. */
    public void accepted(Exchange exchange) {
        AcceptanceResult result = exchange.getProperty(MessageAcceptance.RESULT, AcceptanceResult.class);
        exchange.setProperty(RECEIPT, withMessageId(AnswerBodies.acceptance(result), exchange));
    }

    /** Makes the exchange the receipt message: JSON body, correlation id, nothing else. */
    public void receipt(Exchange exchange) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setBody(AnswerBodies.text(exchange.getProperty(RECEIPT, ObjectNode.class)));
        String correlation = exchange.getProperty(CORRELATION, String.class);
        if (correlation != null) {
            out.setHeader("JMSCorrelationID", correlation);
        }
        DeadLetters.sendsBegin(exchange);
    }

    private static ObjectNode withMessageId(ObjectNode receipt, Exchange exchange) {
        String messageId = exchange.getProperty(MESSAGE_ID, String.class);
        if (messageId == null) {
            receipt.putNull("messageId");
        } else {
            receipt.put("messageId", messageId);
        }
        return receipt;
    }

    /** The sender's messageId if it is one (a well-formed id; never other content of the message). */
    private static String messageIdOf(JsonNode tree) {
        JsonNode id = tree.path("messageId");
        return id.isTextual() && id.textValue().matches("[A-Za-z0-9._:-]{1,100}") ? id.textValue() : null;
    }
}
