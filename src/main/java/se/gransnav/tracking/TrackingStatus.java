package se.gransnav.tracking;

/**
 * Where a message is. {@link #RECEIVED} is internal: the message passed validation but the partner
 * has not yet been told it is accepted (the hub may have stopped in between; a retry completes it).
 * The others are the statuses of contract section 8.
 */
public enum TrackingStatus {
    RECEIVED,
    ACCEPTED,
    REJECTED,
    DUPLICATE,
    ROUTED,
    DELIVERED,
    DEAD_LETTERED
}
