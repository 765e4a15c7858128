package se.gransnav.tracking;

import java.time.OffsetDateTime;

/**
 * One step of a message's journey, e.g. RECEIVED, VALIDATED, ROUTED (detail: the förbund),
 * ACCEPTED, DELIVERED (channel: QUEUE). {@code detail} never holds personal data.
 */
public record TrackingEvent(OffsetDateTime occurredAt, String step, String channel, String detail) {

    public static TrackingEvent of(OffsetDateTime at, String step) {
        return new TrackingEvent(at, step, null, null);
    }
}
