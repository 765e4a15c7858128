package se.gransnav.delivery;

import java.time.Clock;
import java.time.ZoneOffset;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;

import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import se.gransnav.system.BrokerProperties;
import se.gransnav.system.QueueNames;
import se.gransnav.system.StorageGuard;
import se.gransnav.tracking.TrackingEvent;
import se.gransnav.tracking.TrackingRepository;
import se.gransnav.tracking.TrackingStatus;

/**
 * The last attempt of a transacted JMS consumer (the {@code queue-errors} route configuration):
 * when a message has failed as often as the broker allows ({@code gransnav.broker.max-delivery-attempts},
 * the broker's JMSXDeliveryCount), the route moves it to {@code DLQ.<queue>} itself, in the same JMS
 * transaction that takes it off its queue, with the reason the broker could not know: the
 * exception, the attempts, the queue and the time ({@link DeadLetter}). The body is the message as
 * it arrived (the route configuration restores the original message), sealed ({@link SealedDeadLetters}):
 * a dead letter may be kept for weeks, and is kept encrypted.
 *
 * <p>Only when that is safe: not when the route had already begun its own transacted sends (they
 * would commit together with the dead letter — a message both delivered and dead-lettered), not
 * when the broker itself is failing (the move would fail too) or the disk is full ({@link StorageGuard}),
 * and not while the hub stops. Then
 * the transaction rolls back as on every earlier attempt and the broker dead-letters the message to
 * the same queue, with its own properties (original queue, delivery count) but without the reason,
 * which the log line of each attempt has, and in clear until {@link DeadLetterRetention} seals it.
 */
@Component
public class DeadLetters {

    /**
     * Exchange property a route sets just before its transacted sends begin
     * ({@link #sendsBegin(Exchange)}): from then on a failure rolls back instead.
     */
    public static final String SENDS_BEGUN = "hubTransactedSendsBegun";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final int maxDeliveryAttempts;
    private final TrackingRepository tracking;
    private final QueueNames queues;
    private final Clock clock;
    private final SealedDeadLetters sealing;

    DeadLetters(BrokerProperties broker, TrackingRepository tracking, QueueNames queues, Clock clock,
                SealedDeadLetters sealing) {
        this.maxDeliveryAttempts = broker.maxDeliveryAttempts();
        this.tracking = tracking;
        this.queues = queues;
        this.clock = clock;
        this.sealing = sealing;
    }

    /** Marks the point after which the route's transacted sends begin. */
    public static void sendsBegin(Exchange exchange) {
        exchange.setProperty(SENDS_BEGUN, true);
    }

    /** Whether the failed exchange is on its last delivery and may be dead-lettered by the route. */
    public boolean isLastAttempt(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (caught == null) {
            caught = exchange.getException();
        }
        if (exchange.getProperty(SENDS_BEGUN, false, Boolean.class) || brokerTrouble(caught)
                || DeadLetter.stopping(exchange)) {
            return false;
        }
        return deliveryCount(exchange) >= maxDeliveryAttempts;
    }

    /** Turns the (original) message into its sealed dead letter and logs why, without personal data. */
    public void prepare(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String queue = sourceQueue(exchange);
        int attempts = deliveryCount(exchange);
        String reason = DeadLetter.reason(caught);
        String trackingId = exchange.getMessage().getHeader("hubTrackingId", String.class);
        DeadLetter.mark(exchange, queue, reason, attempts, clock.instant());
        sealing.seal(exchange.getMessage());
        log.warn("Moved message {} from {} to {} after {} attempts: {}", trackingId == null ? "(not yet tracked)" : trackingId,
                queue, QueueNames.deadLetters(queue), attempts, reason);
        if (trackingId != null) {
            TrackingEvent step = new TrackingEvent(clock.instant().atOffset(ZoneOffset.UTC), "DEAD_LETTERED",
                    "QUEUE", reason + " after " + attempts + " attempts; in " + QueueNames.deadLetters(queue));
            boolean undelivered = queue.equals(queues.accepted());
            AfterCommit.run(() -> record(trackingId, undelivered, step));
        }
    }

    private void record(String trackingId, boolean undelivered, TrackingEvent step) {
        try {
            if (undelivered) {
                tracking.record(trackingId, TrackingStatus.DEAD_LETTERED, step);
            } else {
                tracking.addStep(trackingId, step);
            }
        } catch (DataAccessException e) {
            log.warn("Could not record the dead letter {} in tracking: {}", trackingId, e.getClass().getName());
        }
    }

    static boolean brokerTrouble(Throwable caught) {
        for (Throwable t = caught; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JMSException || t instanceof org.springframework.jms.JmsException
                    || t instanceof StorageGuard.StorageUnavailableException) {
                return true;
            }
        }
        return false;
    }

    private static int deliveryCount(Exchange exchange) {
        Integer header = exchange.getMessage().getHeader("JMSXDeliveryCount", Integer.class);
        if (header != null) {
            return header;
        }
        jakarta.jms.Message jms = jmsMessage(exchange);
        try {
            return jms == null ? 0 : jms.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException | NumberFormatException e) {
            return 0;
        }
    }

    private static String sourceQueue(Exchange exchange) {
        jakarta.jms.Message jms = jmsMessage(exchange);
        try {
            Destination destination = jms == null ? null : jms.getJMSDestination();
            if (destination instanceof Queue queue) {
                return queue.getQueueName();
            }
        } catch (JMSException e) {
            // falls through
        }
        throw new IllegalStateException("cannot tell which queue the failed message came from");
    }

    private static jakarta.jms.Message jmsMessage(Exchange exchange) {
        if (exchange.getMessage() instanceof JmsMessage jms && jms.getJmsMessage() != null) {
            return jms.getJmsMessage();
        }
        if (exchange.getIn() instanceof JmsMessage jms && jms.getJmsMessage() != null) {
            return jms.getJmsMessage();
        }
        return exchange.getUnitOfWork() != null && exchange.getUnitOfWork().getOriginalInMessage() instanceof JmsMessage original
                ? original.getJmsMessage() : null;
    }
}
