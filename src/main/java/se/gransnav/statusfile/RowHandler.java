package se.gransnav.statusfile;

/**
 * Receives the data rows of a status file one at a time, in file order, on the thread that calls
 * {@link StatusFileReader#read}. Every data row goes to exactly one of the two methods. An
 * exception thrown here stops the reading and reaches the caller of {@code read} unchanged.
 */
public interface RowHandler {

    /** A row that became a canonical message (not yet checked against the contract's rules). */
    void row(Row row);

    /** A row that could not become a message; the other rows go on. */
    void rejected(RejectedRow row);
}
