package se.gransnav.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import se.gransnav.routing.Forbund;
import se.gransnav.routing.ForbundRegistry;
import se.gransnav.system.QueueNames;
import se.gransnav.tracking.DeliveryJournal;
import se.gransnav.tracking.TrackingEvent;
import se.gransnav.tracking.TrackingRepository;

/**
 * Delivers an accepted message to its förbund's inbox queue. The message body passes unchanged;
 * the JMS properties are exactly those of contract section 7 ({@code hubType},
 * {@code hubTrackingId}, {@code JMSXGroupID} = participant reference), so the hub's internal ones
 * stay inside the hub.
 *
 * <p>A förbund with a webhook or a file drop also gets the message, with the same properties, on
 * {@code hub.webhook.<id>} / {@code hub.filedrop.<id>}, in the same transaction as its queue: the
 * adapters' own routes take it from there, each with its own consumer, so a webhook that is down
 * holds back neither the queue nor the other förbund.
 */
@Component
public class ForbundDelivery {

    /** Exchange property naming the destination queue. */
    public static final String DESTINATION = "hubDestination";
    /** Exchange property naming the förbund's webhook queue; absent when it has no webhook. */
    public static final String WEBHOOK_DESTINATION = "hubWebhookDestination";
    /** Exchange property naming the förbund's file-drop queue; absent when it has no file drop. */
    public static final String FILE_DROP_DESTINATION = "hubFileDropDestination";

    private final ForbundRegistry forbundRegistry;
    private final DeliveryJournal journal;
    private final TrackingRepository tracking;
    private final Clock clock;

    ForbundDelivery(ForbundRegistry forbundRegistry, DeliveryJournal journal, TrackingRepository tracking, Clock clock) {
        this.forbundRegistry = forbundRegistry;
        this.journal = journal;
        this.tracking = tracking;
        this.clock = clock;
    }

    public void prepare(Exchange exchange) {
        Message message = exchange.getMessage();
        String forbundId = message.getHeader("hubForbundId", String.class);
        String trackingId = message.getHeader("hubTrackingId", String.class);
        String type = message.getHeader("hubType", String.class);
        String group = message.getHeader("JMSXGroupID", String.class);
        Object replays = message.getHeader(DeadLetter.REPLAYS);
        if (trackingId == null || type == null || group == null) {
            throw new IllegalStateException("accepted message without the hub's JMS properties");
        }
        Forbund forbund = forbundRegistry.byId(forbundId).orElseThrow(() ->
                new IllegalStateException("accepted message for förbund " + forbundId
                        + ", which is no longer configured"));
        message.removeHeaders("*");
        message.setHeader("hubType", type);
        message.setHeader("hubTrackingId", trackingId);
        message.setHeader("JMSXGroupID", group);
        exchange.setProperty(DESTINATION, forbund.inboxQueue());
        if (forbund.webhook() != null) {
            exchange.setProperty(WEBHOOK_DESTINATION, QueueNames.webhook(forbund.id()));
        }
        if (forbund.fileDrop()) {
            exchange.setProperty(FILE_DROP_DESTINATION, QueueNames.fileDrop(forbund.id()));
        }
        if (replays != null && deliveredBefore(trackingId)) {
            TrackingEvent step = new TrackingEvent(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                    "DUPLICATE", "QUEUE", "replayed, but delivered to " + forbund.inboxQueue() + " before: not sent again");
            AfterCommit.run(() -> journal.step(trackingId, step));
            exchange.setRouteStop(true);
            return;
        }
        if (replays != null) {
            message.setHeader(DeadLetter.REPLAYS, replays);
        }
        DeadLetters.sendsBegin(exchange);
    }

    /**
     * Duplicate suppression for replayed messages (an operator moving a dead letter back): one the
     * tracking journey shows delivered to the förbund's queue is not sent again. Only replays are
     * looked up; a message redelivered by the broker after a rollback was never delivered.
     */
    private boolean deliveredBefore(String trackingId) {
        return tracking.journey(trackingId).stream()
                .anyMatch(step -> "DELIVERED".equals(step.step()) && "QUEUE".equals(step.channel()));
    }

    /**
     * Records the delivery once the delivery's transaction has committed (a rolled-back delivery
     * was none), through the {@link DeliveryJournal}: a tracking store that is slow or down must
     * not hold deliveries back.
     */
    public void delivered(Exchange exchange) {
        String trackingId = exchange.getMessage().getHeader("hubTrackingId", String.class);
        String queue = exchange.getProperty(DESTINATION, String.class);
        TrackingEvent event = new TrackingEvent(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                "DELIVERED", "QUEUE", queue);
        AfterCommit.run(() -> journal.delivered(trackingId, event));
    }
}
