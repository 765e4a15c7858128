package se.gransnav.statusfile;

import java.util.List;

/**
 * What {@link StatusFileReader#read} did with a whole file.
 *
 * @param dataRows       the data rows handed to the handler, accepted or rejected (empty lines
 *                       are not rows)
 * @param ignoredColumns the header names the hub does not know, as written in the file (trimmed),
 *                       in file order; their cells were not read
 */
public record Summary(long dataRows, List<String> ignoredColumns) {

    public Summary {
        ignoredColumns = List.copyOf(ignoredColumns);
    }
}
