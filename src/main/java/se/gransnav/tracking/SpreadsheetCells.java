package se.gransnav.tracking;

/**
 * Makes a value safe to open in a spreadsheet program. A cell that begins with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return is read as a formula by Excel and LibreOffice
 * ("CSV injection": {@code =HYPERLINK(...)} or worse in a partner's messageId); such a value gets a
 * leading apostrophe, which the program shows as text and does not evaluate. Quoting of
 * separators and quotes is the CSV printer's job, not this one's.
 */
final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r',
                 // Full-width forms, which some spreadsheet programs also take as formula signs.
                 '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> "'" + value;
            default -> value;
        };
    }
}
