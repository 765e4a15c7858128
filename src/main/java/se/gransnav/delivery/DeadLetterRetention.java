package se.gransnav.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import se.gransnav.payload.PayloadCipher;
import se.gransnav.payload.PayloadProperties;
import se.gransnav.system.QueueNames;

/**
 * Keeps the dead letters the way the hub promises: sealed, and not for longer than
 * {@code gransnav.payloads.retention} (30 days).
 *
 * <ul>
 *   <li><b>Purge</b>, every {@code gransnav.payloads.purge-interval} (1 h): every dead letter in the
 *   hub's {@code DLQ.<queue>} queues dead-lettered before the retention began (by
 *   {@code hubDeadLetteredAtMillis}, the numeric twin of {@code hubDeadLetteredAt}; else by its JMS
 *   timestamp) is consumed and dropped, and one line logs how many per queue — no ids, no bodies.</li>
 *   <li><b>Sealing</b>, every {@code gransnav.payloads.seal-interval} (1 min): the dead letters the broker
 *   moved itself (when moving in the route was not safe, {@link DeadLetters}) arrive in clear; each
 *   is taken off its dead-letter queue and put back sealed, with its dead-letter time, in one local
 *   JMS transaction (as a replay moves a message): neither lost nor kept twice.</li>
 * </ul>
 *
 * <p>Plain JMS with the hub's own login, like the operator API, so it works the same on the embedded
 * and on a standalone broker.
 */
@Component
@EnableScheduling
class DeadLetterRetention {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetention.class);
    private static final long RECEIVE_TIMEOUT_MS = 2_000;
    private static final String CLEAR = PayloadCipher.VERSION + " IS NULL";

    private final ConnectionFactory connectionFactory;
    private final DeadLetterQueues deadLetterQueues;
    private final SealedDeadLetters sealing;
    private final QueueNames queueNames;
    private final PayloadProperties properties;
    private final Clock clock;

    DeadLetterRetention(ConnectionFactory connectionFactory, DeadLetterQueues deadLetterQueues, SealedDeadLetters sealing,
                        QueueNames queueNames, PayloadProperties properties, Clock clock) {
        this.connectionFactory = connectionFactory;
        this.deadLetterQueues = deadLetterQueues;
        this.sealing = sealing;
        this.queueNames = queueNames;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The JMS selector of the dead letters to purge: dead-lettered before {@code cutoff}. Those
     * without the hub's time (none should remain once sealed) go by their JMS timestamp, which for a
     * message the hub or its sealing put there is the time it arrived in the dead-letter queue.
     */
    static String purgeSelector(Instant cutoff) {
        long millis = cutoff.toEpochMilli();
        return "(" + DeadLetter.DEAD_LETTERED_AT_MILLIS + " IS NOT NULL AND " + DeadLetter.DEAD_LETTERED_AT_MILLIS
                + " < " + millis + ") OR (" + DeadLetter.DEAD_LETTERED_AT_MILLIS + " IS NULL AND JMSTimestamp < " + millis + ")";
    }

    /** Where the retention begins now. */
    Instant cutoff() {
        return clock.instant().minus(properties.retention());
    }

    @Scheduled(initialDelayString = "${gransnav.payloads.purge-interval:1h}",
            fixedDelayString = "${gransnav.payloads.purge-interval:1h}")
    void scheduledPurge() {
        try {
            purge();
        } catch (JMSException | RuntimeException e) {
            log.warn("Dead-letter retention: purge failed ({}); tried again in {}", e.getClass().getName(),
                    properties.purgeInterval());
        }
    }

    /** Deletes the dead letters past the retention; returns how many per queue (queues with none left out). */
    Map<String, Integer> purge() throws JMSException {
        Instant cutoff = cutoff();
        String selector = purgeSelector(cutoff);
        Map<String, Integer> purged = new LinkedHashMap<>();
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            for (String queue : deadLetterQueues.queues()) {
                int expected;
                try {
                    expected = count(session, queue, selector);
                } catch (InvalidDestinationException e) {
                    log.warn("Dead-letter retention: the broker has no queue {}; skipped", queue);
                    continue;
                }
                int n = 0;
                if (expected > 0) {
                    try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
                        while (n < expected && consumer.receive(RECEIVE_TIMEOUT_MS) != null) {
                            n++;
                            if (n % 100 == 0) {
                                session.commit();
                            }
                        }
                        session.commit();
                    } catch (JMSException | RuntimeException e) {
                        session.rollback();
                        throw e;
                    }
                }
                if (n > 0) {
                    purged.put(queue, n);
                }
            }
        }
        int total = purged.values().stream().mapToInt(Integer::intValue).sum();
        java.time.Duration retention = properties.retention();
        log.info("Dead-letter retention: deleted {} dead letter(s) dead-lettered before {} (retention {}){}", total,
                cutoff, retention.toSeconds() % 86_400 == 0 ? retention.toDays() + " days" : retention,
                purged.isEmpty() ? "" : ": " + purged);
        return purged;
    }

    @Scheduled(initialDelayString = "${gransnav.payloads.seal-interval:1m}",
            fixedDelayString = "${gransnav.payloads.seal-interval:1m}")
    void scheduledSeal() {
        try {
            sealClear();
        } catch (JMSException | RuntimeException e) {
            log.warn("Dead-letter sealing failed ({}); tried again in {}", e.getClass().getName(),
                    properties.sealInterval());
        }
    }

    /** Seals the dead letters that are in clear; returns how many it sealed. */
    int sealClear() throws JMSException {
        int sealed = 0;
        int notText = 0;
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            for (String queue : deadLetterQueues.queues()) {
                List<String> ids = new ArrayList<>();
                try (QueueBrowser browser = session.createBrowser(session.createQueue(queue), CLEAR)) {
                    for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements() && ids.size() < DeadLetterQueues.MAX_PER_CALL; ) {
                        Message m = (Message) e.nextElement();
                        if (m instanceof TextMessage) {
                            ids.add(m.getJMSMessageID());
                        } else {
                            notText++;
                        }
                    }
                } catch (InvalidDestinationException e) {
                    log.warn("Dead-letter sealing: the broker has no queue {}; skipped", queue);
                    continue;
                }
                for (String id : ids) {
                    if (sealOne(session, queue, id)) {
                        sealed++;
                    }
                }
            }
        }
        if (sealed > 0 || notText > 0) {
            log.info("Dead-letter sealing: sealed {} dead letter(s) the broker had moved in clear{}", sealed,
                    notText == 0 ? "" : "; " + notText + " not a text message, left as they are");
        }
        return sealed;
    }

    private boolean sealOne(Session session, String queue, String messageId) throws JMSException {
        String selector = "JMSMessageID = '" + messageId.replace("'", "''") + "' AND " + CLEAR;
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector);
             MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Message clear = consumer.receive(RECEIVE_TIMEOUT_MS);
            if (!(clear instanceof TextMessage text)) {
                session.rollback();
                return false;
            }
            try {
                producer.send(sealedCopy(session, text, queue));
                session.commit();
                return true;
            } catch (JMSException | RuntimeException e) {
                session.rollback();
                throw e;
            }
        }
    }

    /**
     * The sealed form of a dead letter the broker moved: its properties without the broker's
     * (the duplicate id among them; JMSXGroupID kept), its original queue and dead-letter time
     * named as the hub names them. Artemis' own original address stays only where a route of the
     * hub consumes that queue — there the console's retry works, since the route opens the seal;
     * a förbund's inbox or a partner's receipts queue is read by others, who could not open it, so
     * their dead letters go back only through the operator API's replay, which opens them.
     */
    TextMessage sealedCopy(Session session, TextMessage clear, String deadLetterQueue) throws JMSException {
        Map<String, Object> props = DeadLetterQueues.properties(clear);
        String original = firstNonNull((String) props.get(DeadLetter.ORIGINAL_QUEUE),
                props.get(DeadLetter.ARTEMIS_ORIGINAL_QUEUE) == null ? null : String.valueOf(props.get(DeadLetter.ARTEMIS_ORIGINAL_QUEUE)),
                QueueNames.sourceOfDeadLetters(deadLetterQueue));
        String trackingId = (String) props.get("hubTrackingId");
        PayloadCipher.Sealed sealed = sealing.seal(clear.getText(), original, trackingId);
        TextMessage copy = session.createTextMessage(sealed.text());
        for (Map.Entry<String, Object> property : props.entrySet()) {
            String name = property.getKey();
            if (name.equals("JMSXGroupID") || !(name.startsWith("JMSX") || name.startsWith("_AMQ"))) {
                copy.setObjectProperty(name, property.getValue());
            }
        }
        Instant now = clock.instant();
        copy.setStringProperty(DeadLetter.ORIGINAL_QUEUE, original);
        if (!props.containsKey(DeadLetter.DEAD_LETTERED_AT)) {
            copy.setStringProperty(DeadLetter.DEAD_LETTERED_AT, now.toString());
        }
        if (!props.containsKey(DeadLetter.DEAD_LETTERED_AT_MILLIS)) {
            copy.setLongProperty(DeadLetter.DEAD_LETTERED_AT_MILLIS, deadLetteredAt(props, now).toEpochMilli());
        }
        if (consumedByTheHub(original)) {
            copy.setStringProperty(DeadLetter.ARTEMIS_ORIGINAL_ADDRESS, original);
            copy.setStringProperty(DeadLetter.ARTEMIS_ORIGINAL_QUEUE, original);
        }
        copy.setStringProperty(PayloadCipher.VERSION, sealed.version());
        copy.setStringProperty(PayloadCipher.KEY_ID, sealed.keyId());
        copy.setJMSCorrelationID(clear.getJMSCorrelationID() != null ? clear.getJMSCorrelationID() : clear.getJMSMessageID());
        copy.setJMSType(clear.getJMSType());
        return copy;
    }

    /** Whether one of the hub's routes consumes {@code queue} (and so opens what comes back sealed). */
    boolean consumedByTheHub(String queue) {
        return queue != null && (queue.equals(queueNames.accepted()) || queue.startsWith(QueueNames.intake(""))
                || queue.startsWith(QueueNames.webhook("")) || queue.startsWith(QueueNames.fileDrop("")));
    }

    private static Instant deadLetteredAt(Map<String, Object> props, Instant fallback) {
        Object at = props.get(DeadLetter.DEAD_LETTERED_AT);
        if (at != null) {
            try {
                return Instant.parse(String.valueOf(at));
            } catch (java.time.format.DateTimeParseException e) {
                return fallback;
            }
        }
        return fallback;
    }

    private static int count(Session session, String queue, String selector) throws JMSException {
        int n = 0;
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queue), selector)) {
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
                n++;
            }
        }
        return n;
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
