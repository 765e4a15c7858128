package se.gransnav.statusfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.Objects;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import se.gransnav.normalise.ProblemCode;

/**
 * Reads an AME/AMI status file (partner contract, section 5) as a stream and hands each data row
 * to a {@link RowHandler}, either as a canonical {@code STATUS_UPDATE} message ({@link Row}) or
 * as a {@link RejectedRow} with its problems. Stateless and thread-safe: one instance reads any
 * number of files at the same time.
 *
 * <h2>Streaming</h2>
 * The file is decoded and parsed in buffers of a few kilobytes; rows are handed over as they are
 * parsed and nothing is kept per row, so a file of a million rows reads in constant memory. A
 * single row may hold at most {@value #MAX_RECORD_CHARS} characters (a quote that is never closed
 * would otherwise make the parser buffer the rest of the file). The caller limits the file's size
 * (HUB-012).
 *
 * <h2>Format</h2>
 * <ul>
 *   <li>Character set: {@code configuredCharset} (the partner's, UTF-8 or windows-1252); a UTF-8
 *       byte-order mark at the start is removed and the file is then read as UTF-8 whatever is
 *       configured.</li>
 *   <li>Separator {@code ;}, quote {@code "} (a quote inside a quoted field is doubled), line ends
 *       CRLF, LF (or CR). White space around a field and around a quoted field is ignored.</li>
 *   <li>The first row that is not blank is the header: column names in any order, matched without
 *       regard to case, surrounding space or Unicode normal form. Löpnummer, Personnummer,
 *       Hemkommun, Datum and Händelse are required. Unknown columns are ignored and listed in the
 *       {@link Summary}; columns without a name are ignored silently.</li>
 *   <li>Blank rows (empty lines, or only separators and white space) are skipped: they are not
 *       data rows and are not counted.</li>
 *   <li>A row with fewer fields than the header has absent values in the missing cells; a row with
 *       more is rejected as a whole with HUB-001, since its columns may be shifted.</li>
 *   <li>Empty cells are absent values; cells are trimmed.</li>
 * </ul>
 *
 * <h2>Line numbers</h2>
 * {@link Row#lineNumber()} and {@link RejectedRow#lineNumber()} are the physical line where the
 * row starts, counting every line of the file (the header, blank lines and the extra lines of
 * quoted fields that hold line breaks), starting at 1.
 *
 * <h2>Bytes not valid in the character set</h2>
 * Such bytes are never replaced by a look-alike character. Where they occur decides what happens:
 * <ul>
 *   <li>in the header row: the file cannot be read ({@link StatusFileException}, HUB-013) and no
 *       row is handed over;</li>
 *   <li>in a data row: that row is rejected with HUB-013, one problem per affected cell with the
 *       column's name as path, whichever column it is (also one the hub ignores); the other rows
 *       go on.</li>
 * </ul>
 * Rejecting the row rather than the file is exact because separators, quotes and line ends are
 * ASCII, which both charsets always decode, so invalid bytes cannot change where a row or cell
 * ends. It keeps each row's outcome independent of its position in the file, which a file-level
 * failure after some rows had been handed over would not. Rejecting the row even for a column the
 * hub ignores keeps the rule simple (a row is read exactly as sent, or not at all) and makes a
 * file in the wrong character set visible on its first row with a non-ASCII letter. A Windows-1252
 * file read as UTF-8 usually fails already in its header (Löpnummer, Händelse). A UTF-8 file
 * without byte-order mark read as Windows-1252 cannot be detected byte by byte; its header then
 * lacks Löpnummer and Händelse, and the exception says so with a hint.
 *
 * <h2>File-level failures</h2>
 * {@link StatusFileException} is thrown for an empty file, a file with no header row, a header with
 * a required column missing or a name repeated (any name, also an unknown one), and for CSV that
 * breaks off: a quote that is not closed before the end of the file, characters between a closing
 * quote and the next separator, or a row over {@value #MAX_RECORD_CHARS} characters. Header
 * failures come before any row is handed over; the others come when the reader reaches them, so
 * <strong>the rows before that point have been handed to the handler already</strong>, and the
 * caller decides what to do with them (the parser cannot find where the next row begins after such
 * an error, so reading stops).
 */
@Component
public final class StatusFileReader {

    /** The most characters one row (record) may hold, quoted line breaks included. */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    private static final Logger log = LoggerFactory.getLogger(StatusFileReader.class);

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setDelimiter(';')
            .setQuote('"')
            .setEscape(null)
            .setCommentMarker(null)
            // Empty lines become records, so that every line is counted; blank ones are skipped here.
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(true)
            .setTrim(false)
            .setLenientEof(false)
            .setTrailingData(false)
            .get();

    /**
     * Reads a whole status file and hands each data row, in file order, to {@code handler}.
     *
     * @param in                the file; read to the end (or to a file-level failure) and not closed
     * @param configuredCharset the partner's character set, UTF-8 or windows-1252 (the rules above hold
     *                          for any charset that encodes ASCII as single bytes); a UTF-8
     *                          byte-order mark overrides it
     * @param partnerId         the sending partner, for the log (rows do not carry it)
     * @param handler           receives every data row, accepted or rejected
     * @return how many data rows there were and which columns were ignored
     * @throws StatusFileException  when the file as a whole cannot be read; see the class comment
     *                              for which rows have been handed over by then
     * @throws UncheckedIOException when reading {@code in} fails (not the partner's CSV at fault)
     */
    public Summary read(InputStream in, Charset configuredCharset, String partnerId, RowHandler handler)
            throws StatusFileException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(configuredCharset, "configuredCharset");
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(handler, "handler");
        try (StrictDecodingReader reader = StrictDecodingReader.open(in, configuredCharset, MAX_RECORD_CHARS)) {
            if (reader.isEmpty()) {
                throw new StatusFileException(ProblemCode.MALFORMED, 0, "the file is empty");
            }
            Summary summary = read(reader, handler);
            log.debug("Status file from partner {} ({}): {} data rows, {} ignored columns", partnerId,
                    reader.charset().name(), summary.dataRows(), summary.ignoredColumns().size());
            return summary;
        } catch (StrictDecodingReader.InputFailure e) {
            throw new UncheckedIOException((IOException) e.getCause());
        } catch (IOException e) {
            // Creating and closing the parser declare IOException; over this reader they do no I/O.
            throw new UncheckedIOException(e);
        }
    }

    private static Summary read(StrictDecodingReader reader, RowHandler handler)
            throws StatusFileException, IOException {
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            return read(parser, reader, handler);
        }
    }

    private static Summary read(CSVParser parser, StrictDecodingReader reader, RowHandler handler)
            throws StatusFileException, IOException {
        Iterator<CSVRecord> records = parser.iterator();
        Header header = null;
        StatusRowMapper mapper = null;
        long dataRows = 0;
        long lastLineRead = 0;
        while (true) {
            // Every line belongs to a record (empty lines too), so a record starts on the line after
            // the one where the previous record ended.
            long line = lastLineRead + 1;
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    break;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                throw fileLevel(e.getCause(), line);
            }
            lastLineRead = parser.getCurrentLineNumber();
            reader.recordDone();
            if (StatusRowMapper.isBlank(record)) {
                continue;
            }
            if (header == null) {
                header = Header.of(record, line, reader.charset());
                mapper = new StatusRowMapper(header, reader.charset());
                continue;
            }
            dataRows++;
            mapper.handle(record, line, handler);
        }
        if (header == null) {
            throw new StatusFileException(ProblemCode.MALFORMED, 0, "the file has no header row, only blank lines");
        }
        return new Summary(dataRows, header.ignoredColumns());
    }

    /** The parser's failure as the file's problem; a failure of the stream itself goes on as it is. */
    private static StatusFileException fileLevel(IOException e, long line) throws IOException {
        if (e instanceof StrictDecodingReader.InputFailure) {
            throw e;
        }
        if (e instanceof StrictDecodingReader.RecordTooLongException) {
            return new StatusFileException(ProblemCode.MALFORMED, line, "the row starting here is longer than "
                    + MAX_RECORD_CHARS + " characters; is a quote (\") not closed?");
        }
        // Only the kind of error is taken from the parser's text, never the text itself.
        String parserMessage = String.valueOf(e.getMessage());
        if (parserMessage.contains("EOF reached before encapsulated token finished")) {
            return new StatusFileException(ProblemCode.MALFORMED, line,
                    "a quote (\") in the row starting here is not closed before the end of the file");
        }
        if (parserMessage.contains("between encapsulated token and delimiter")) {
            return new StatusFileException(ProblemCode.MALFORMED, line,
                    "in the row starting here, a quoted field is followed by other characters before the next ;");
        }
        return new StatusFileException(ProblemCode.MALFORMED, line, "the row starting here is not valid CSV");
    }
}
