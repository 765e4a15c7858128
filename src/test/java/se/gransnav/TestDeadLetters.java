package se.gransnav;

import java.time.Duration;
import java.util.List;

import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

import se.gransnav.delivery.DeadLetter;
import se.gransnav.delivery.SealedDeadLetters;
import se.gransnav.payload.PayloadCipher;
import se.gransnav.payload.PayloadProperties;

/**
 * The clear body of a dead letter read from a hub started with the quickstart profile
 * ({@link HubProcess}), whose dead letters are sealed with the quickstart's demo key
 * ({@code config/application-quickstart.yml}); a message that is not sealed is returned as it is.
 */
public final class TestDeadLetters {

    /** The quickstart's demo key, as in config/application-quickstart.yml. */
    public static final String QUICKSTART_PAYLOAD_KEY = "0iM29+3nJQQEbdf8xVla8IMlNQPmNwqXoIhg25X11Rg=";

    private static final PayloadCipher QUICKSTART = new PayloadCipher(new PayloadProperties(QUICKSTART_PAYLOAD_KEY,
            List.of(HubIntegrationTestSupport.PAYLOAD_KEY), Duration.ofDays(30), Duration.ofHours(1), Duration.ofMinutes(1)));

    private TestDeadLetters() {
    }

    public static String body(TextMessage message) throws JMSException {
        if (!message.propertyExists(PayloadCipher.VERSION)) {
            return message.getText();
        }
        return QUICKSTART.open(new PayloadCipher.Sealed(message.getText(), message.getStringProperty(PayloadCipher.KEY_ID),
                message.getStringProperty(PayloadCipher.VERSION)),
                SealedDeadLetters.context(message.getStringProperty(DeadLetter.ORIGINAL_QUEUE),
                        message.getStringProperty("hubTrackingId")));
    }
}
