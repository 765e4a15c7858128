package se.gransnav.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import se.gransnav.routing.ForbundRegistry;
import se.gransnav.security.PartnerRegistry;
import se.gransnav.system.QueueNames;

/**
 * What operators do with dead letters (the operator API, {@code routes/operator-api.camel.yaml}):
 * see which dead-letter queues hold messages and why, and replay them — move them back to the queue
 * they came from, one JMS transaction per message (taken off the dead-letter queue together with
 * its arrival back on its queue). A replayed message loses its dead-letter properties and gets a
 * replay count; the route it returns to applies the usual duplicate suppression (the accepted
 * queue's delivery looks its tracking id up; the queue intake's acceptance does so by message id).
 * A sealed dead letter ({@link SealedDeadLetters}) goes back opened, as it first arrived; one that
 * cannot be opened (its key is gone) stays where it is and the replay stops with the reason.
 *
 * <p>Works the same on the embedded and a standalone broker: plain JMS, the hub's own login. Only
 * the dead-letter queues of the hub's own queues are known here; nothing of a body is returned.
 */
@Component
public class DeadLetterQueues {

    /** At most this many messages are listed or replayed in one call. */
    static final int MAX_PER_CALL = 1000;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueues.class);
    private static final Set<String> KEPT_PROPERTIES = Set.of("JMSXGroupID");

    private final ConnectionFactory connectionFactory;
    private final List<String> deadLetterQueues;
    private final SealedDeadLetters sealing;

    DeadLetterQueues(ConnectionFactory connectionFactory, QueueNames queues, ForbundRegistry forbundRegistry,
                     PartnerRegistry partnerRegistry, SealedDeadLetters sealing) {
        this.connectionFactory = connectionFactory;
        this.sealing = sealing;
        this.deadLetterQueues = queues.hubQueues(forbundRegistry, partnerRegistry).stream()
                .map(QueueNames::deadLetters).toList();
    }

    /** The dead-letter queues of the hub's queues, {@code DLQ.<queue>}. */
    List<String> queues() {
        return deadLetterQueues;
    }

    /** One dead-letter queue and how many messages it holds. */
    public record QueueCount(String queue, String sourceQueue, int messages) {
    }

    /** One dead letter, described without its body. */
    public record Summary(String messageId, String trackingId, String type, String reason, Integer attempts,
                         String originalQueue, String deadLetteredAt, Integer replays) {
    }

    /** The outcome of a replay. */
    public record Replayed(String queue, String sourceQueue, int replayed, List<String> trackingIds) {
    }

    /** Thrown for a queue name that is not a dead-letter queue of the hub. */
    public static final class UnknownDeadLetterQueueException extends RuntimeException {
        UnknownDeadLetterQueueException(String queue) {
            super("not a dead-letter queue of the hub: " + queue);
        }
    }

    /** Every dead-letter queue of the hub's queues with its message count (counted up to {@value #MAX_PER_CALL}). */
    public List<QueueCount> counts() throws JMSException {
        List<QueueCount> counts = new ArrayList<>();
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : deadLetterQueues) {
                try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                    int n = 0;
                    for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements() && n < MAX_PER_CALL; e.nextElement()) {
                        n++;
                    }
                    counts.add(new QueueCount(queue, QueueNames.sourceOfDeadLetters(queue), n));
                }
            }
        }
        return counts;
    }

    /** The messages of one dead-letter queue, oldest first, without bodies. */
    public List<Summary> list(String queue) throws JMSException {
        requireKnown(queue);
        List<Summary> summaries = new ArrayList<>();
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements() && summaries.size() < MAX_PER_CALL; ) {
                    summaries.add(summary((Message) e.nextElement()));
                }
            }
        }
        return summaries;
    }

    /**
     * Moves the messages of a dead-letter queue back to their queue: all of them, or only those
     * with the given tracking id. Each move is a transaction of its own.
     */
    public Replayed replay(String queue, String trackingId) throws JMSException {
        requireKnown(queue);
        String source = QueueNames.sourceOfDeadLetters(queue);
        List<String> replayed = new ArrayList<>();
        String selector = trackingId == null ? null : "hubTrackingId = '" + trackingId.replace("'", "''") + "'";
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector);
                 MessageProducer producer = session.createProducer(session.createQueue(source))) {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                while (replayed.size() < MAX_PER_CALL) {
                    Message dead = consumer.receive(500);
                    if (dead == null) {
                        break;
                    }
                    try {
                        producer.send(replayCopy(session, dead, sealing));
                        session.commit();
                    } catch (JMSException | RuntimeException e) {
                        session.rollback();
                        throw e;
                    }
                    replayed.add(dead.getStringProperty("hubTrackingId"));
                }
            }
        }
        log.info("Replayed {} message(s) from {} to {}", replayed.size(), queue, source);
        return new Replayed(queue, source, replayed.size(), replayed);
    }

    private void requireKnown(String queue) {
        if (!deadLetterQueues.contains(queue)) {
            throw new UnknownDeadLetterQueueException(queue);
        }
    }

    /**
     * The message as it was before it was dead-lettered: same body (opened, if sealed) and
     * properties, without the dead-letter properties, the seal's and the broker's (the duplicate id
     * among them), with its correlation id, and one more replay counted.
     */
    static Message replayCopy(Session session, Message dead, SealedDeadLetters sealing) throws JMSException {
        if (!(dead instanceof TextMessage text)) {
            throw new JMSException("only text messages are replayed; " + dead.getJMSMessageID() + " is not one");
        }
        TextMessage copy = session.createTextMessage(SealedDeadLetters.isSealed(text) ? sealing.open(text) : text.getText());
        for (Map.Entry<String, Object> property : properties(dead).entrySet()) {
            String name = property.getKey();
            if (KEPT_PROPERTIES.contains(name) || !(name.startsWith("JMSX") || name.startsWith("_AMQ")
                    || name.startsWith("hubDeadLetter") || name.equals(DeadLetter.REPLAYS)
                    || name.equals(se.gransnav.payload.PayloadCipher.VERSION)
                    || name.equals(se.gransnav.payload.PayloadCipher.KEY_ID))) {
                copy.setObjectProperty(name, property.getValue());
            }
        }
        copy.setIntProperty(DeadLetter.REPLAYS, dead.propertyExists(DeadLetter.REPLAYS)
                ? dead.getIntProperty(DeadLetter.REPLAYS) + 1 : 1);
        copy.setJMSCorrelationID(dead.getJMSCorrelationID());
        copy.setJMSType(dead.getJMSType());
        return copy;
    }

    static Map<String, Object> properties(Message message) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            properties.put((String) name, message.getObjectProperty((String) name));
        }
        return properties;
    }

    private static Summary summary(Message message) throws JMSException {
        return new Summary(message.getJMSMessageID(), message.getStringProperty("hubTrackingId"),
                message.getStringProperty("hubType"), message.getStringProperty(DeadLetter.REASON),
                integer(message, DeadLetter.ATTEMPTS),
                firstNonNull(message.getStringProperty(DeadLetter.ORIGINAL_QUEUE),
                        message.getStringProperty(DeadLetter.ARTEMIS_ORIGINAL_QUEUE)),
                message.getStringProperty(DeadLetter.DEAD_LETTERED_AT), integer(message, DeadLetter.REPLAYS));
    }

    private static Integer integer(Message message, String name) throws JMSException {
        return message.propertyExists(name) ? message.getIntProperty(name) : null;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
