package se.gransnav.statusfile;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVRecord;

import se.gransnav.normalise.Problem;
import se.gransnav.normalise.ProblemCode;

/**
 * Turns one data row into a canonical {@code STATUS_UPDATE} message (partner contract, section 5)
 * or the list of its problems. Immutable and thread-safe; one instance serves one file's header.
 *
 * <p>Only what a CSV cell can get wrong is checked here: a required cell missing, a word that is
 * not one of the column's words, a date or number that does not parse, a {@code Löpnummer} that
 * cannot make a message id, bytes not valid in the charset. The contract's rules (identity number,
 * municipality code, hours 0–744, period order, …) are the canonical reader's.
 */
final class StatusRowMapper {

    static final String SCHEMA_VERSION = "1.0";
    static final String MESSAGE_ID_PREFIX = "statusfil:";
    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    /** With {@link #MESSAGE_ID_PREFIX} it stays inside the 100 characters a messageId may have. */
    static final Pattern ROW_ID = Pattern.compile("[A-Za-z0-9._:-]{1,80}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,9}(?:[.,][0-9]{1,9})?");
    private static final DateTimeFormatter OCCURRED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    static final Vocabulary<String> EVENTS = Vocabulary.of(
            "inskriven", "ENROLLED",
            "aktivitet", "ACTIVITY_REPORTED",
            "paus", "PAUSED",
            "återupptagen", "RESUMED",
            "avslutad", "EXITED");
    static final Vocabulary<String> CATEGORIES = Vocabulary.of(
            "arbete", "WORK",
            "hälsa", "HEALTH",
            "socialt", "SOCIAL",
            "kompetens", "COMPETENCE");
    static final Vocabulary<String> KINDS = Vocabulary.of(
            "arbetsträning", "WORK_TRAINING",
            "praktik", "INTERNSHIP",
            "studier", "STUDIES",
            "hälsofrämjande", "HEALTH_PROMOTION",
            "boendestöd", "HOUSING_SUPPORT",
            "samtal", "COUNSELLING",
            "grupp", "GROUP_ACTIVITY",
            "annat", "OTHER");
    static final Vocabulary<String> EXIT_REASONS = Vocabulary.of(
            "arbete", "WORK",
            "studier", "STUDIES",
            "närmat sig arbetsmarknaden", "CLOSER_TO_LABOUR_MARKET",
            "övrigt", "OTHER");
    static final Vocabulary<String> EXIT_DETAILS = Vocabulary.of(
            "arbetssökande", "JOB_SEEKING",
            "arbetslivsinriktad rehabilitering", "VOCATIONAL_REHABILITATION",
            "medicinsk rehabilitering", "MEDICAL_REHABILITATION",
            "sjukersättning", "SICKNESS_COMPENSATION",
            "flyttat", "MOVED",
            "annat", "OTHER");
    static final Vocabulary<Boolean> PERMANENT = Vocabulary.yesNo("tillsvidare", "visstid");
    static final Vocabulary<Boolean> FULL_TIME = Vocabulary.yesNo("heltid", "deltid");
    static final Vocabulary<Boolean> SUBSIDISED = Vocabulary.yesNo("ja", "nej");

    private final Header header;
    private final String charsetName;

    StatusRowMapper(Header header, Charset charset) {
        this.header = header;
        this.charsetName = charset.name();
    }

    /** True for a record whose cells are all empty or white space: not a data row. */
    static boolean isBlank(CSVRecord record) {
        for (String cell : record) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Maps a non-blank data record starting at {@code line} and hands it to {@code handler}. */
    void handle(CSVRecord record, long line, RowHandler handler) {
        Cells cells = new Cells(record);
        if (record.size() > header.fieldCount()) {
            // Columns may be shifted (an unquoted ';' in a value): no cell of this row can be trusted.
            handler.rejected(new RejectedRow(line, cells.rowId(), List.of(new Problem(ProblemCode.MALFORMED, "",
                    "the row has " + record.size() + " fields but the header has " + header.fieldCount()))));
            return;
        }
        cells.checkDecodable();
        ObjectNode message = map(cells);
        if (cells.problems.isEmpty()) {
            handler.row(new Row(line, cells.rowId(), message));
        } else {
            handler.rejected(new RejectedRow(line, cells.rowId(), cells.problems));
        }
    }

    private ObjectNode map(Cells cells) {
        String rowId = cells.required(StatusColumn.LOPNUMMER);
        if (rowId != null && !ROW_ID.matcher(rowId).matches()) {
            cells.problem(StatusColumn.LOPNUMMER, "must be 1 to 80 of the characters A-Z a-z 0-9 . _ : -");
        }
        String personalIdentityNumber = cells.required(StatusColumn.PERSONNUMMER);
        String municipality = cells.required(StatusColumn.HEMKOMMUN);
        LocalDate date = cells.date(StatusColumn.DATUM, true);
        String status = cells.word(StatusColumn.HANDELSE, EVENTS, true);

        ObjectNode message = NODES.objectNode();
        message.put("schemaVersion", SCHEMA_VERSION);
        message.put("messageId", MESSAGE_ID_PREFIX + rowId);
        message.put("type", "STATUS_UPDATE");
        message.put("occurredAt", date == null ? null : OCCURRED_AT.format(date.atStartOfDay(SWEDEN)));
        ObjectNode participant = message.putObject("participant");
        participant.put("personalIdentityNumber", personalIdentityNumber);
        participant.put("homeMunicipalityCode", municipality);
        ObjectNode statusUpdate = message.putObject("statusUpdate");
        statusUpdate.put("status", status);
        if ("ACTIVITY_REPORTED".equals(status)) {
            statusUpdate.set("activity", activity(cells));
        } else if ("EXITED".equals(status)) {
            statusUpdate.set("exit", exit(cells));
        }
        // Activity and exit columns on rows of other events are not read, so not forwarded.
        return message;
    }

    private static ObjectNode activity(Cells cells) {
        ObjectNode activity = NODES.objectNode();
        activity.put("category", cells.word(StatusColumn.KATEGORI, CATEGORIES, true));
        activity.put("kind", cells.word(StatusColumn.INSATS, KINDS, true));
        activity.put("hours", cells.decimal(StatusColumn.TIMMAR, true));
        LocalDate start = cells.date(StatusColumn.PERIOD_FRAN, false);
        if (start != null) {
            activity.put("periodStart", start.toString());
        }
        LocalDate end = cells.date(StatusColumn.PERIOD_TILL, false);
        if (end != null) {
            activity.put("periodEnd", end.toString());
        }
        return activity;
    }

    private static ObjectNode exit(Cells cells) {
        ObjectNode exit = NODES.objectNode();
        String reason = cells.word(StatusColumn.AVSLUTSORSAK, EXIT_REASONS, true);
        exit.put("reason", reason);
        String detail = cells.word(StatusColumn.AVSLUTSDETALJ, EXIT_DETAILS, false);
        if (detail != null) {
            exit.put("detail", detail);
        }
        if ("WORK".equals(reason)) {
            // The employment columns are read only when the reason is WORK, the only reason the
            // contract lets employment go with.
            ObjectNode employment = NODES.objectNode();
            putIfPresent(employment, "permanent", cells.word(StatusColumn.ANSTALLNINGSFORM, PERMANENT, false));
            putIfPresent(employment, "fullTime", cells.word(StatusColumn.OMFATTNING, FULL_TIME, false));
            putIfPresent(employment, "subsidised", cells.word(StatusColumn.SUBVENTIONERAD, SUBSIDISED, false));
            if (!employment.isEmpty()) {
                exit.set("employment", employment);
            }
        }
        return exit;
    }

    private static void putIfPresent(ObjectNode node, String field, Boolean value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** The cells of one record, and the problems found in them so far. */
    private final class Cells {

        private final CSVRecord record;
        private final List<Problem> problems = new ArrayList<>();
        private boolean[] undecodable;

        Cells(CSVRecord record) {
            this.record = record;
        }

        /** Reports every cell that holds bytes not valid in the charset, in any column. */
        void checkDecodable() {
            for (int i = 0; i < record.size(); i++) {
                if (record.get(i).indexOf(StrictDecodingReader.UNDECODABLE) >= 0) {
                    if (undecodable == null) {
                        undecodable = new boolean[record.size()];
                    }
                    undecodable[i] = true;
                    StatusColumn column = header.columnAt(i);
                    problems.add(column != null
                            ? new Problem(ProblemCode.UNSUPPORTED_MEDIA_TYPE, column.contractName(),
                                    "holds bytes that are not valid " + charsetName)
                            : new Problem(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "",
                                    "column " + (i + 1) + " holds bytes that are not valid " + charsetName));
                }
            }
        }

        /** The Löpnummer when it is a valid one, else null. */
        String rowId() {
            String rowId = value(StatusColumn.LOPNUMMER);
            return rowId != null && ROW_ID.matcher(rowId).matches() ? rowId : null;
        }

        /** The trimmed cell, or null when the column or cell is absent, empty or undecodable. */
        String value(StatusColumn column) {
            int position = header.positionOf(column);
            if (position < 0 || position >= record.size() || isUndecodable(position)) {
                return null;
            }
            String value = record.get(position).strip();
            return value.isEmpty() ? null : value;
        }

        private boolean isUndecodable(int position) {
            return undecodable != null && undecodable[position];
        }

        String required(StatusColumn column) {
            String value = value(column);
            int position = header.positionOf(column);
            if (value == null && !(position >= 0 && position < record.size() && isUndecodable(position))) {
                problem(column, "is required");
            }
            return value;
        }

        <T> T word(StatusColumn column, Vocabulary<T> vocabulary, boolean required) {
            String value = required ? required(column) : value(column);
            if (value == null) {
                return null;
            }
            T meaning = vocabulary.meaning(value).orElse(null);
            if (meaning == null) {
                problem(column, vocabulary.notOneOf());
            }
            return meaning;
        }

        LocalDate date(StatusColumn column, boolean required) {
            String value = required ? required(column) : value(column);
            if (value == null) {
                return null;
            }
            if (DATE.matcher(value).matches()) {
                try {
                    return LocalDate.parse(value); // ISO_LOCAL_DATE resolves strictly: no 30 February
                } catch (DateTimeException e) {
                    // reported below
                }
            }
            problem(column, "is not a date of the form YYYY-MM-DD");
            return null;
        }

        BigDecimal decimal(StatusColumn column, boolean required) {
            String value = required ? required(column) : value(column);
            if (value == null) {
                return null;
            }
            if (!DECIMAL.matcher(value).matches()) {
                problem(column, "is not a number (digits, with a decimal comma or point)");
                return null;
            }
            return new BigDecimal(value.replace(',', '.'));
        }

        void problem(StatusColumn column, String message) {
            problems.add(new Problem(ProblemCode.SCHEMA_VIOLATION, column.contractName(), message));
        }
    }
}
