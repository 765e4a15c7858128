package se.gransnav.normalise;

import java.util.Objects;

/**
 * One thing wrong with a message. {@code path} is a JSON Pointer into the message as the partner
 * sent it (or the partner's own field names for other formats). The message never repeats a value
 * that may be personal data (identity numbers, names, free text); at most it names a municipality
 * code, which on its own identifies nobody.
 */
public record Problem(ProblemCode code, String path, String message) {

    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
