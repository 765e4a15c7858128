package se.gransnav.statusfile;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVRecord;

import se.gransnav.normalise.ProblemCode;

/**
 * The header row of a status file: which position holds which column. Immutable.
 *
 * <p>Names match {@link StatusColumn#byHeader} (case, surrounding space and Unicode form do not
 * matter). A cell with an empty name names no column: its cells are ignored and it is not listed
 * as an ignored column (spreadsheets add such columns with a trailing {@code ;}).
 */
final class Header {

    private final int[] positionOf = new int[StatusColumn.values().length];
    private final StatusColumn[] columnAt;
    private final List<String> ignoredColumns;

    private Header(int fieldCount, List<String> ignoredColumns) {
        Arrays.fill(positionOf, -1);
        this.columnAt = new StatusColumn[fieldCount];
        this.ignoredColumns = List.copyOf(ignoredColumns);
    }

    /**
     * Reads the header row.
     *
     * @throws StatusFileException HUB-013 for undecodable bytes, HUB-002 for a missing required
     *                             column, HUB-001 for a name that appears twice. Messages name only
     *                             the contract's columns or positions: if a file lacks its header,
     *                             this row holds personal data.
     */
    static Header of(CSVRecord record, long line, Charset charset) throws StatusFileException {
        for (String cell : record) {
            if (cell.indexOf(StrictDecodingReader.UNDECODABLE) >= 0) {
                throw new StatusFileException(ProblemCode.UNSUPPORTED_MEDIA_TYPE, line,
                        "the header row holds bytes that are not valid " + charset.name()
                                + "; is the file in another character set?");
            }
        }
        List<String> ignored = new ArrayList<>();
        Map<String, Integer> unknownPositions = new HashMap<>();
        String duplicate = null;
        int[] positions = new int[StatusColumn.values().length];
        Arrays.fill(positions, -1);
        StatusColumn[] columns = new StatusColumn[record.size()];
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).strip();
            if (name.isEmpty()) {
                continue;
            }
            StatusColumn column = StatusColumn.byHeader(name).orElse(null);
            if (column != null) {
                if (positions[column.ordinal()] >= 0 && duplicate == null) {
                    duplicate = "the column " + column.contractName() + " appears more than once (columns "
                            + (positions[column.ordinal()] + 1) + " and " + (i + 1) + ")";
                }
                if (positions[column.ordinal()] < 0) {
                    positions[column.ordinal()] = i;
                    columns[i] = column;
                }
            } else {
                Integer earlier = unknownPositions.putIfAbsent(StatusColumn.key(name), i);
                if (earlier != null && duplicate == null) {
                    duplicate = "two columns have the same name (columns " + (earlier + 1) + " and " + (i + 1) + ")";
                }
                if (earlier == null) {
                    ignored.add(name);
                }
            }
        }
        List<String> missing = Stream.of(StatusColumn.values())
                .filter(c -> c.required() && positions[c.ordinal()] < 0)
                .map(StatusColumn::contractName)
                .toList();
        if (!missing.isEmpty()) {
            boolean looksLikeUtf8 = ignored.stream().anyMatch(n -> n.contains("Ã"));
            throw new StatusFileException(ProblemCode.SCHEMA_VIOLATION, line,
                    "the header row has no column " + String.join(", ", missing) + " (required: "
                            + Stream.of(StatusColumn.values()).filter(StatusColumn::required)
                                    .map(StatusColumn::contractName).collect(Collectors.joining(", "))
                            + (looksLikeUtf8
                                    ? "; the header looks like UTF-8 read as " + charset.name()
                                            + ": save the file with a byte-order mark or have the partner configured for UTF-8"
                                    : "")
                            + ")");
        }
        if (duplicate != null) {
            throw new StatusFileException(ProblemCode.MALFORMED, line, duplicate);
        }
        Header header = new Header(record.size(), ignored);
        System.arraycopy(positions, 0, header.positionOf, 0, positions.length);
        System.arraycopy(columns, 0, header.columnAt, 0, columns.length);
        return header;
    }

    /** How many fields the header has; a row may have fewer, not more. */
    int fieldCount() {
        return columnAt.length;
    }

    /** The position (0-based) of a column, or -1 when the file does not have it. */
    int positionOf(StatusColumn column) {
        return positionOf[column.ordinal()];
    }

    /** The column at a position, or null for an unknown or unnamed column. */
    StatusColumn columnAt(int position) {
        return position < columnAt.length ? columnAt[position] : null;
    }

    List<String> ignoredColumns() {
        return ignoredColumns;
    }
}
