package se.gransnav.normalise;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A message the hub will not accept, with every problem found. The exception message names only
 * the codes, so it is safe to log.
 */
public class MessageRejectedException extends RuntimeException {

    private final transient List<Problem> problems;

    public MessageRejectedException(List<Problem> problems) {
        super(summary(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public MessageRejectedException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * The code that decides the answer's status: HUB-012 and HUB-013 stand alone, HUB-011 (not
     * allowed) wins over syntax problems, which win over the content rules.
     */
    public ProblemCode leadingCode() {
        return problems.stream().map(Problem::code)
                .min(Comparator.comparingInt(MessageRejectedException::precedence))
                .orElseThrow();
    }

    private static int precedence(ProblemCode code) {
        return switch (code) {
            case TOO_LARGE, UNSUPPORTED_MEDIA_TYPE -> 0;
            case NOT_ALLOWED -> 1;
            case MALFORMED, SCHEMA_VIOLATION, UNSUPPORTED_SCHEMA_VERSION -> 2;
            default -> 3;
        };
    }

    private static String summary(List<Problem> problems) {
        return problems.size() + " problem(s): " + problems.stream().map(p -> p.code().code()).distinct()
                .collect(Collectors.joining(", "));
    }
}
