package se.gransnav.delivery;

import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import se.gransnav.payload.PayloadCipher;

/**
 * Dead letters are kept sealed ({@link PayloadCipher}): the hub seals a message's body as it moves
 * it to {@code DLQ.<queue>}, and opens it again wherever it can come back — the operator API's
 * replay ({@link DeadLetterQueues}) and, for the broker console's own retry, the first step of
 * every route that consumes one of the hub's queues ({@link #open}). The seal is bound to the
 * dead letter's original queue and tracking id, which travel with it unchanged.
 */
@Component
public class SealedDeadLetters {

    private final PayloadCipher cipher;

    SealedDeadLetters(PayloadCipher cipher) {
        this.cipher = cipher;
    }

    /** What the seal is bound to besides format and key: the original queue and the tracking id. */
    public static String context(String originalQueue, String trackingId) {
        return (originalQueue == null ? "" : originalQueue) + "|" + (trackingId == null ? "" : trackingId);
    }

    /**
     * Seals the body of a dead letter that {@link DeadLetter#mark} has prepared (its original queue
     * set); one already sealed (a sealed message that came back and failed again) stays as it is.
     */
    void seal(Message message) {
        if (message.getHeader(PayloadCipher.VERSION) != null) {
            return;
        }
        String body = message.getBody(String.class);
        if (body == null) {
            throw new IllegalStateException("a dead letter without a body cannot be sealed");
        }
        PayloadCipher.Sealed sealed = cipher.seal(body, context(message.getHeader(DeadLetter.ORIGINAL_QUEUE, String.class),
                message.getHeader("hubTrackingId", String.class)));
        message.setBody(sealed.text());
        message.setHeader(PayloadCipher.VERSION, sealed.version());
        message.setHeader(PayloadCipher.KEY_ID, sealed.keyId());
    }

    /**
     * The first step of each route that consumes a hub queue: a message that is sealed (a dead
     * letter the broker console sent back as it was) is opened and loses its seal's properties;
     * any other message passes unchanged. A seal that cannot be opened throws, and the message
     * rolls back, still sealed, to end up in its dead-letter queue again.
     */
    public void open(Exchange exchange) {
        Message message = exchange.getMessage();
        String version = message.getHeader(PayloadCipher.VERSION, String.class);
        if (version == null) {
            return;
        }
        String plain = cipher.open(new PayloadCipher.Sealed(message.getBody(String.class),
                message.getHeader(PayloadCipher.KEY_ID, String.class), version),
                context(message.getHeader(DeadLetter.ORIGINAL_QUEUE, String.class), message.getHeader("hubTrackingId", String.class)));
        message.setBody(plain);
        message.removeHeader(PayloadCipher.VERSION);
        message.removeHeader(PayloadCipher.KEY_ID);
    }

    /** Whether a JMS message carries a sealed body. */
    static boolean isSealed(jakarta.jms.Message message) throws JMSException {
        return message.propertyExists(PayloadCipher.VERSION);
    }

    /** The clear body of a sealed dead letter (for a replay). */
    String open(TextMessage sealed) throws JMSException {
        return cipher.open(new PayloadCipher.Sealed(sealed.getText(), sealed.getStringProperty(PayloadCipher.KEY_ID),
                sealed.getStringProperty(PayloadCipher.VERSION)),
                context(sealed.getStringProperty(DeadLetter.ORIGINAL_QUEUE), sealed.getStringProperty("hubTrackingId")));
    }

    /** Seals a clear body for a dead letter of {@code originalQueue} with {@code trackingId}. */
    PayloadCipher.Sealed seal(String body, String originalQueue, String trackingId) {
        return cipher.seal(body, context(originalQueue, trackingId));
    }
}
