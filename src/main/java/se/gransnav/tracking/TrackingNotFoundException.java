package se.gransnav.tracking;

/** No message with that tracking id that the caller may see. Deliberately the same for both. */
public class TrackingNotFoundException extends RuntimeException {

    public TrackingNotFoundException() {
        super("no such message for this caller");
    }
}
