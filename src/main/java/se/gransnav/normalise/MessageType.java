package se.gransnav.normalise;

/** The five kinds of participant message of the contract (section 3). */
public enum MessageType {
    REFERRAL,
    STATUS_UPDATE,
    SIP_MEETING_NOTICE,
    HANDOVER,
    CONSENT_WITHDRAWN;

    /** Whether the contract requires {@code consent.given = true} for this type. */
    public boolean requiresConsent() {
        return this == REFERRAL || this == SIP_MEETING_NOTICE || this == HANDOVER;
    }
}
