package se.gransnav.delivery;

import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ServiceStatus;

import se.gransnav.system.PersonalNumberMask;
import se.gransnav.system.QueueNames;

/**
 * What a dead-lettered message carries besides its body (sealed: {@link SealedDeadLetters}): the hub's own properties (type,
 * tracking id, JMS group), why it was dead-lettered, after how many attempts, from which queue and
 * when, and Artemis' own "original address/queue" properties, so that the broker console's
 * "retry" (Hawtio's Artemis tab) sends it back where it came from. No personal data: the reason is
 * an exception class and its message with anything shaped like a personal number masked, or an
 * HTTP status.
 */
public final class DeadLetter {

    /** JMS properties of a dead-lettered message. */
    public static final String REASON = "hubDeadLetterReason";
    public static final String ATTEMPTS = "hubDeadLetterAttempts";
    public static final String ORIGINAL_QUEUE = "hubDeadLetterOriginalQueue";
    public static final String DEAD_LETTERED_AT = "hubDeadLetteredAt";
    /** The same time in epoch milliseconds: what the retention's selector compares (JMS selectors compare numbers only). */
    public static final String DEAD_LETTERED_AT_MILLIS = "hubDeadLetteredAtMillis";
    /** How many times an operator has replayed the message (absent before the first replay). */
    public static final String REPLAYS = "hubReplays";

    /** Artemis' names (Message.HDR_ORIGINAL_ADDRESS / HDR_ORIGINAL_QUEUE), read by its retry operation. */
    static final String ARTEMIS_ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    static final String ARTEMIS_ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";

    /** Exchange property naming the dead-letter queue to send to. */
    public static final String DESTINATION = "hubDeadLetterDestination";

    private static final int MAX_REASON_LENGTH = 500;

    private DeadLetter() {
    }

    /** A reason from an exception: its class and its message, personal numbers masked. */
    static String reason(Throwable caught) {
        if (caught == null) {
            return "unknown";
        }
        String text = caught.getMessage() == null ? caught.getClass().getName()
                : caught.getClass().getName() + ": " + PersonalNumberMask.mask(caught.getMessage());
        return text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) + "…" : text;
    }

    /**
     * Turns the message into its dead letter: keeps the body and its own properties (the hub's, the
     * JMS group, a partner's), keeps its correlation (its correlation id, or else its message id, so
     * that a replayed intake message is answered with the receipt its partner waits for), drops the
     * broker's and Camel's internal headers — among them the duplicate id, which would make the
     * dead-letter queue, or the source queue on replay, drop the message as a duplicate — adds the
     * reason, and names the destination, DLQ.<queue>, in an exchange property.
     */
    static void mark(Exchange exchange, String sourceQueue, String reason, int attempts, Instant at) {
        Message message = exchange.getMessage();
        Object correlation = message.getHeader("JMSCorrelationID");
        if (correlation == null) {
            correlation = message.getHeader("JMSMessageID");
        }
        message.removeHeaders("_AMQ_*");
        message.removeHeaders("JMSX*", "JMSXGroupID");
        message.removeHeaders("Camel*");
        message.removeHeaders("hubDeadLetter*");
        if (correlation != null) {
            message.setHeader("JMSCorrelationID", correlation);
        }
        message.setHeader(REASON, reason);
        message.setHeader(ATTEMPTS, attempts);
        message.setHeader(ORIGINAL_QUEUE, sourceQueue);
        message.setHeader(DEAD_LETTERED_AT, at.toString());
        message.setHeader(DEAD_LETTERED_AT_MILLIS, at.toEpochMilli());
        message.setHeader(ARTEMIS_ORIGINAL_ADDRESS, sourceQueue);
        message.setHeader(ARTEMIS_ORIGINAL_QUEUE, sourceQueue);
        exchange.setProperty(DESTINATION, QueueNames.deadLetters(sourceQueue));
    }

    /**
     * Whether the hub (or the exchange's route) is stopping: a failure then is no reason to
     * dead-letter; the message is rolled back and taken up again after the restart.
     */
    static boolean stopping(Exchange exchange) {
        if (exchange.getContext().isStopping() || exchange.getContext().isStopped()
                || exchange.getContext().getShutdownStrategy().isForceShutdown()) {
            return true;
        }
        String routeId = exchange.getFromRouteId();
        ServiceStatus route = routeId == null ? null
                : exchange.getContext().getRouteController().getRouteStatus(routeId);
        return route != null && (route.isStopping() || route.isStopped());
    }
}
