package se.gransnav.statusfile;

import java.util.List;

import se.gransnav.normalise.Problem;

/**
 * One data row of a status file that could not become a message. Each problem's {@code path} is
 * the contract's name of the CSV column concerned (e.g. {@code "Händelse"}), or {@code ""} for
 * the row as a whole; no message repeats a cell's value.
 *
 * @param lineNumber the physical line of the file where the row starts
 * @param rowId      the row's {@code Löpnummer}, or {@code null} when it is missing or not a valid one
 * @param problems   at least one problem
 */
public record RejectedRow(long lineNumber, String rowId, List<Problem> problems) {

    public RejectedRow {
        problems = List.copyOf(problems);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a rejected row needs at least one problem");
        }
    }
}
