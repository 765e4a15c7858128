package se.gransnav.statusfile;

import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One data row of a status file, turned into a canonical {@code STATUS_UPDATE} message. The
 * message has not been checked against the contract's rules (identity number, municipality,
 * schema limits) and holds the identity number as the file gave it. It belongs to the handler,
 * which may change it. {@code toString} shows no content.
 *
 * @param lineNumber the physical line of the file where the row starts (the header is usually line 1)
 * @param rowId      the row's {@code Löpnummer}
 * @param message    the canonical message; its {@code messageId} is {@code "statusfil:" + rowId}
 */
public record Row(long lineNumber, String rowId, ObjectNode message) {

    public Row {
        Objects.requireNonNull(rowId, "rowId");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "Row[line " + lineNumber + ", rowId " + rowId + "]";
    }
}
