package se.gransnav.intake;

/**
 * What the partner is told: the tracking id and whether the message was new ({@code ACCEPTED})
 * or one the hub already had ({@code DUPLICATE}).
 */
public record AcceptanceResult(String trackingId, Status status) {

    public enum Status { ACCEPTED, DUPLICATE }

    public boolean duplicate() {
        return status == Status.DUPLICATE;
    }
}
