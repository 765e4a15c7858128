package se.gransnav.tracking;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the tracking store keeps a message's record.
 *
 * @param retention     records of messages that reached an end (delivered, dead-lettered, rejected,
 *                      duplicate) and have not changed for this long are deleted; the duplicate
 *                      check by partner and messageId reaches back this far
 * @param purgeInterval how often the hub looks for such records
 */
@ConfigurationProperties("gransnav.tracking")
public record TrackingProperties(@DefaultValue("180d") Duration retention,
                                 @DefaultValue("1h") Duration purgeInterval) {

    public TrackingProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("gransnav.tracking.retention must be positive");
        }
    }
}
