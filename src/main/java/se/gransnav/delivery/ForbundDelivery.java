package se.gransnav.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import se.gransnav.routing.Forbund;
import se.gransnav.routing.ForbundRegistry;
import se.gransnav.tracking.TrackingEvent;
import se.gransnav.tracking.TrackingRepository;
import se.gransnav.tracking.TrackingStatus;

/**
 * Delivers an accepted message to its förbund's inbox queue. The message body passes unchanged;
 * the JMS properties are exactly those of contract section 7 ({@code hubType},
 * {@code hubTrackingId}, {@code JMSXGroupID} = participant reference), so the hub's internal ones
 * stay inside the hub.
 */
@Component
public class ForbundDelivery {

    /** Exchange property naming the destination queue. */
    public static final String DESTINATION = "hubDestination";

    private static final Logger log = LoggerFactory.getLogger(ForbundDelivery.class);

    private final ForbundRegistry forbundRegistry;
    private final TrackingRepository tracking;
    private final Clock clock;

    ForbundDelivery(ForbundRegistry forbundRegistry, TrackingRepository tracking, Clock clock) {
        this.forbundRegistry = forbundRegistry;
        this.tracking = tracking;
        this.clock = clock;
    }

    public void prepare(Exchange exchange) {
        Message message = exchange.getMessage();
        String forbundId = message.getHeader("hubForbundId", String.class);
        String trackingId = message.getHeader("hubTrackingId", String.class);
        String type = message.getHeader("hubType", String.class);
        String group = message.getHeader("JMSXGroupID", String.class);
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
    }

    /**
     * Records the delivery. The message is on the förbund's queue once the transaction commits; a
     * tracking store that is down must not hold deliveries back, so a failure here is logged and
     * the delivery goes on.
     */
    public void delivered(Exchange exchange) {
        String trackingId = exchange.getMessage().getHeader("hubTrackingId", String.class);
        String queue = exchange.getProperty(DESTINATION, String.class);
        try {
            tracking.record(trackingId, TrackingStatus.DELIVERED, new TrackingEvent(
                    OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), "DELIVERED", "QUEUE", queue));
        } catch (DataAccessException e) {
            log.warn("Delivered {} to {} but could not record it in tracking: {}", trackingId, queue,
                    e.getClass().getName());
        }
    }
}
