package se.gransnav.tracking;

import java.time.OffsetDateTime;

/** What the hub remembers of an accepted message: no personal data, only references. */
public record TrackedMessage(
        String trackingId,
        String partnerId,
        String messageId,
        String messageType,
        String channel,
        String forbundId,
        TrackingStatus status,
        OffsetDateTime receivedAt,
        OffsetDateTime updatedAt) {
}
