package se.gransnav.normalise;

import java.util.Objects;

/**
 * A personal identity number or coordination number could not be parsed.
 *
 * <p>Checked, so that callers have to decide what an invalid number means for their message.
 * The message is a fixed English explanation and never contains the input or any digit of it:
 * the input is the identity number of a real person. Instances are created only by
 * {@link PersonalIdentityNumber#parse}.
 */
public final class InvalidIdentityNumberException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the number was rejected. */
    public enum Reason {
        /** Not one of the accepted forms (wrong length, characters or separator). */
        FORMAT,
        /** The date part is not a real date, is too early or lies in the future. */
        DATE,
        /** The Luhn check digit does not match. */
        CHECK_DIGIT
    }

    static final String FORMAT_MESSAGE = "must be YYYYMMDDNNNC, YYMMDD-NNNC or YYMMDD+NNNC";
    static final String DATE_MESSAGE = "the date part is not a real date";
    static final String FUTURE_MESSAGE = "birth date is in the future";
    static final String CHECK_DIGIT_MESSAGE = "the check digit is wrong";

    private final Reason reason;

    /** Callers pass one of the constant messages above, never anything derived from the input. */
    InvalidIdentityNumberException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the number was rejected. */
    public Reason reason() {
        return reason;
    }
}
