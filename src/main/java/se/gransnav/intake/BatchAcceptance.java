package se.gransnav.intake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import se.gransnav.normalise.MessageType;
import se.gransnav.normalise.ValidatedMessage;
import se.gransnav.system.PlainSendConnections;
import se.gransnav.system.StorageGuard;
import se.gransnav.tracking.TrackedMessage;
import se.gransnav.tracking.TrackingEvent;
import se.gransnav.tracking.TrackingRepository;
import se.gransnav.tracking.TrackingStatus;

/**
 * Accepts the rows of a file (or the elements of a JSON array) a few hundred at a time, with the
 * same outcome as accepting each through {@code direct:accept-message} but with one database
 * transaction for their tracking rows, one broker transaction (one journal sync) for their sends
 * and one database transaction to mark them accepted — instead of all three per row.
 *
 * <p>The guarantees are those of single acceptance. Tracking rows are written in status RECEIVED
 * before the send; the broker transaction keeps every message's duplicate id. Whatever is unusual
 * goes one by one through {@code direct:accept-message}, which settles it exactly as for a single
 * message: a batch holding a row left RECEIVED by an earlier, interrupted reading (its message may
 * or may not be on the broker: Artemis would fail a whole transaction for one duplicate, while a
 * single send with a duplicate id is dropped quietly), a batch whose tracking rows clash with a
 * concurrent intake of the same rows, and a batch whose broker transaction failed. A failure of
 * the one-by-one path is thrown to the caller, who leaves the file to be read again.
 */
@Component
class BatchAcceptance {

    /** What becomes of each message added to a batch, called in the order they were added. */
    interface Outcome {
        void accepted(boolean duplicate);
    }

    private static final Logger log = LoggerFactory.getLogger(BatchAcceptance.class);

    private final MessageAcceptance acceptance;
    private final StorageGuard storage;
    private final TrackingRepository tracking;
    private final ProducerTemplate producer;
    private final PlainSendConnections connections;
    private final String acceptedQueue;
    private final int batchSize;

    BatchAcceptance(MessageAcceptance acceptance, TrackingRepository tracking, ProducerTemplate producer,
                    PlainSendConnections connections, @Value("${gransnav.queues.accepted}") String acceptedQueue,
                    IntakeProperties properties, StorageGuard storage) {
        this.acceptance = acceptance;
        this.storage = storage;
        this.tracking = tracking;
        this.producer = producer;
        this.connections = connections;
        this.acceptedQueue = acceptedQueue;
        this.batchSize = properties.batchSize();
    }

    /** A new batch for one partner's file. Add messages in file order; {@link Batch#flush} at the end. */
    Batch start() {
        return new Batch();
    }

    /**
     * Whether a message may wait in a batch: one that changes nothing for the messages after it.
     * A REFERRAL or CONSENT_WITHDRAWN changes what the hub accepts next about the participant, a
     * SIP notice what it knows about the meeting; each is accepted on its own, after everything
     * before it and before anything after it.
     */
    static boolean batchable(ValidatedMessage message) {
        return message.type() == MessageType.STATUS_UPDATE || message.type() == MessageType.HANDOVER;
    }

    final class Batch {

        private List<Pending> pending = new ArrayList<>();

        void add(ValidatedMessage message, Outcome outcome) {
            if (!batchable(message)) {
                flush();
                outcome.accepted(acceptOne(message));
                return;
            }
            pending.add(new Pending(message, outcome));
            if (pending.size() >= batchSize) {
                flush();
            }
        }

        /** Accepts everything added so far; throws when it could not be stored. */
        void flush() {
            if (!pending.isEmpty()) {
                storage.requireRoom();
            }
            List<Pending> batch = pending;
            pending = new ArrayList<>();
            if (batch.isEmpty()) {
                return;
            }
            if (!acceptTogether(batch)) {
                for (Pending p : batch) {
                    p.outcome.accepted(acceptOne(p.message));
                }
            }
        }
    }

    /**
     * The batch in one go, or false (having changed nothing a single acceptance cannot settle)
     * when it must go one by one.
     */
    private boolean acceptTogether(List<Pending> batch) {
        for (Pending p : batch) {
            p.trackingId = MessageAcceptance.trackingId(p.message.partner().id(), p.message.messageId());
        }
        Map<String, TrackedMessage> known = tracking.byTrackingIds(
                batch.stream().map(p -> p.trackingId).distinct().toList());
        Set<String> seen = new HashSet<>();
        Map<TrackedMessage, List<TrackingEvent>> journeys = new LinkedHashMap<>();
        List<Pending> fresh = new ArrayList<>();
        for (Pending p : batch) {
            TrackedMessage earlier = known.get(p.trackingId);
            if (!seen.add(p.trackingId) || earlier != null && earlier.status() != TrackingStatus.RECEIVED) {
                p.duplicate = true;
            } else if (earlier != null) {
                return false;
            } else {
                journeys.put(acceptance.received(p.message, p.trackingId), acceptance.journeyStart(p.message));
                fresh.add(p);
            }
        }
        if (!fresh.isEmpty()) {
            try {
                tracking.insertAll(journeys);
            } catch (DataIntegrityViolationException concurrent) {
                return false;
            }
            try {
                send(fresh);
            } catch (JMSException | RuntimeException e) {
                log.info("A batch of {} could not be sent together ({}); sending one by one", fresh.size(),
                        e.getClass().getName());
                return false;
            }
            tracking.advanceAll(fresh.stream().map(p -> p.trackingId).toList(), TrackingStatus.RECEIVED,
                    TrackingStatus.ACCEPTED, TrackingEvent.of(acceptance.now(), "ACCEPTED"));
            tracking.writeToDisk();
        }
        for (Pending p : batch) {
            p.outcome.accepted(p.duplicate);
        }
        return true;
    }

    /** One broker transaction: all of them are on the broker's disk, or none. */
    private void send(List<Pending> fresh) throws JMSException {
        try (Connection connection = connections.connectionFactory().createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageProducer sender = session.createProducer(session.createQueue(acceptedQueue))) {
            sender.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (Pending p : fresh) {
                TextMessage message = session.createTextMessage(acceptance.outgoingJson(p.message, p.trackingId));
                for (Map.Entry<String, String> property : MessageAcceptance.properties(p.message, p.trackingId)
                        .entrySet()) {
                    message.setStringProperty(property.getKey(), property.getValue());
                }
                sender.send(message);
            }
            session.commit();
        }
    }

    /** @return whether it was a duplicate */
    private boolean acceptOne(ValidatedMessage message) {
        Exchange result = producer.send("direct:accept-message", e -> e.getMessage().setBody(message));
        if (result.getException() != null) {
            throw new IllegalStateException("could not store a message from a file; the file will be read again",
                    result.getException());
        }
        return result.getProperty(MessageAcceptance.RESULT, AcceptanceResult.class).duplicate();
    }

    private static final class Pending {
        final ValidatedMessage message;
        final Outcome outcome;
        String trackingId;
        boolean duplicate;

        Pending(ValidatedMessage message, Outcome outcome) {
            this.message = message;
            this.outcome = outcome;
        }
    }
}
