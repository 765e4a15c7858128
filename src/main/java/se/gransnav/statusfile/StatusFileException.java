package se.gransnav.statusfile;

import java.util.Objects;
import java.util.OptionalLong;

import se.gransnav.normalise.Problem;
import se.gransnav.normalise.ProblemCode;

/**
 * The status file as a whole cannot be read: it is empty, its header is unusable (a required
 * column missing, a name repeated, bytes not valid in its character set), or its CSV breaks off
 * (a quote that is never closed, a row longer than the reader allows).
 *
 * <p>A checked exception on purpose: it can come after rows were already handed to the
 * {@link RowHandler} (anything found after the header), and a caller must decide what that means
 * for the rows it has (see {@link StatusFileReader#read}). Errors found in the header or before it
 * come before any row.
 *
 * <p>The message names the line and what is wrong, never a cell's value, so it is safe to log
 * and to show to the partner.
 */
public final class StatusFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ProblemCode code;
    private final long lineNumber;
    private final String reason;

    StatusFileException(ProblemCode code, long lineNumber, String reason) {
        super(lineNumber > 0 ? "line " + lineNumber + ": " + reason : reason);
        this.code = Objects.requireNonNull(code, "code");
        this.lineNumber = lineNumber;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * The contract's code: {@code HUB-001} for a file that is not readable CSV (empty, no header,
     * a repeated column name, an unclosed quote), {@code HUB-002} for a missing required column,
     * {@code HUB-013} for a header that is not valid in the file's character set.
     */
    public ProblemCode code() {
        return code;
    }

    /** The physical line (1-based) where the problem is, when it is tied to one. */
    public OptionalLong lineNumber() {
        return lineNumber > 0 ? OptionalLong.of(lineNumber) : OptionalLong.empty();
    }

    /** What is wrong, without the line number. */
    public String reason() {
        return reason;
    }

    /** The exception as one problem for an answer to the partner; path {@code ""} (the file). */
    public Problem problem() {
        return new Problem(code, "", getMessage());
    }
}
