package se.gransnav.routing;

import java.time.LocalDate;

/**
 * A municipality's membership of a förbund. {@code from} and {@code to} are inclusive; a missing
 * bound means "as far as the hub's data reaches".
 */
public record Membership(String municipalityCode, LocalDate from, LocalDate to) {

    public boolean validOn(LocalDate date) {
        return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }

    boolean overlaps(Membership other) {
        LocalDate latestStart = later(from, other.from);
        LocalDate earliestEnd = earlier(to, other.to);
        return latestStart == null || earliestEnd == null || !latestStart.isAfter(earliestEnd);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
