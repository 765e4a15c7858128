package se.gransnav.tracking;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes tracking records past their retention ({@code gransnav.tracking.retention}), every
 * {@code gransnav.tracking.purge-interval}, and logs how many: records of messages still on their
 * way are never deleted. A partner resending a message whose record is gone is answered as for a
 * new message, so the retention is also how far back the hub recognises a resend.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class TrackingRetention {

    private static final Logger log = LoggerFactory.getLogger(TrackingRetention.class);

    private final TrackingRepository tracking;
    private final TrackingProperties properties;
    private final Clock clock;

    TrackingRetention(TrackingRepository tracking, TrackingProperties properties, Clock clock) {
        this.tracking = tracking;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${gransnav.tracking.purge-interval:1h}",
            fixedDelayString = "${gransnav.tracking.purge-interval:1h}")
    void purge() {
        OffsetDateTime before = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(properties.retention());
        try {
            int deleted = tracking.purgeFinishedBefore(before);
            log.info("Tracking retention: deleted the records of {} finished message(s) unchanged since {}", deleted, before);
        } catch (DataAccessException e) {
            log.warn("Tracking retention: purge failed ({}); tried again in {}", e.getClass().getName(),
                    properties.purgeInterval());
        }
    }
}
