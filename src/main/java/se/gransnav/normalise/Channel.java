package se.gransnav.normalise;

/** How a message reached the hub (contract section 2). */
public enum Channel {
    HTTP,
    FILE,
    QUEUE
}
