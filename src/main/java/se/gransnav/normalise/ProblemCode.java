package se.gransnav.normalise;

/**
 * The error codes of the partner contract (section 3). Each code carries the HTTP status an
 * answer gets when it is the most severe problem found.
 */
public enum ProblemCode {

    MALFORMED("HUB-001", 400, "Malformed message"),
    SCHEMA_VIOLATION("HUB-002", 400, "Message does not follow the schema"),
    INVALID_IDENTITY_NUMBER("HUB-003", 422, "Invalid identity number"),
    UNKNOWN_MUNICIPALITY("HUB-004", 422, "Unknown municipality"),
    NO_FORBUND_FOR_MUNICIPALITY("HUB-005", 422, "No förbund for the municipality"),
    CONSENT_MISSING("HUB-006", 422, "Consent missing"),
    GUARDIAN_CONSENT_MISSING("HUB-007", 422, "Guardian consent missing"),
    AGE_OUT_OF_RANGE("HUB-008", 422, "Participant outside the age range"),
    CONSENT_WITHDRAWN("HUB-009", 422, "Participant has withdrawn consent"),
    NOT_ALLOWED("HUB-011", 403, "Not allowed for this partner"),
    TOO_LARGE("HUB-012", 413, "Body too large"),
    UNSUPPORTED_MEDIA_TYPE("HUB-013", 415, "Unsupported media type or charset"),
    UNSUPPORTED_SCHEMA_VERSION("HUB-014", 400, "Unsupported schemaVersion");

    private final String code;
    private final int httpStatus;
    private final String title;

    ProblemCode(String code, int httpStatus, String title) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.title = title;
    }

    /** The code as partners see it, e.g. {@code HUB-003}. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }
}
