package se.gransnav.tracking;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.converter.stream.CachedOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.gransnav.routing.ForbundRegistry;

/**
 * {@code GET /operator/api/v1/tracking/export?from=2026-11-01&to=2026-12-01[&forbund=<id>]}: the
 * tracking records of the messages received from {@code from} up to (not including) {@code to},
 * Swedish time, as a CSV file for a spreadsheet program — for the förbund's follow-up and the
 * operators' own. Semicolons and UTF-8 with a byte-order mark, as Swedish Excel expects; every cell
 * is made {@linkplain SpreadsheetCells safe to open}, since messageIds are the partners' own text.
 * The records hold no personal data (no identity numbers, names or free text), and neither does
 * the file. At most 366 days at a time; the rows are streamed (spooled to disk beyond a few
 * megabytes), never all in memory.
 */
@Component
class TrackingExport {

    static final String CONTENT_TYPE = "text/csv; charset=UTF-8";
    static final List<String> HEADER = List.of("sparningsId", "partner", "meddelandeId", "meddelandetyp", "kanal",
            "förbund", "status", "mottagen", "senastÄndrad");

    private static final Logger log = LoggerFactory.getLogger(TrackingExport.class);
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final int MAX_DAYS = 366;
    private static final CSVFormat FORMAT = CSVFormat.EXCEL.builder().setDelimiter(';').setRecordSeparator("\r\n").get();

    private final TrackingRepository tracking;
    private final ForbundRegistry forbund;
    private final TransactionTemplate readOnly;
    private final ObjectMapper json = new ObjectMapper();

    TrackingExport(TrackingRepository tracking, ForbundRegistry forbund, PlatformTransactionManager database) {
        this.tracking = tracking;
        this.forbund = forbund;
        this.readOnly = new TransactionTemplate(database);
        // PostgreSQL streams rows by fetch size only inside a transaction.
        this.readOnly.setReadOnly(true);
    }

    public void export(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        String forbundId = blankToNull(in.getHeader("forbund", String.class));
        List<String> problems = new ArrayList<>();
        LocalDate from = date(in.getHeader("from", String.class), "from", problems);
        LocalDate to = date(in.getHeader("to", String.class), "to", problems);
        if (from != null && to != null && !to.isAfter(from)) {
            problems.add("to must be after from");
        } else if (from != null && to != null && ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            problems.add("at most " + MAX_DAYS + " days at a time");
        }
        if (forbundId != null && forbund.byId(forbundId).isEmpty()) {
            problems.add("forbund: no förbund with that id");
        }
        if (!problems.isEmpty()) {
            problem(in, String.join("; ", problems));
            return;
        }
        CachedOutputStream file = new CachedOutputStream(exchange);
        int[] rows = {0};
        try (Writer writer = new OutputStreamWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, FORMAT)) {
            writer.write('\uFEFF');
            csv.printRecord(HEADER);
            readOnly.executeWithoutResult(status -> tracking.receivedBetween(
                    from.atStartOfDay(SWEDEN).toOffsetDateTime(), to.atStartOfDay(SWEDEN).toOffsetDateTime(), forbundId,
                    message -> {
                        print(csv, message);
                        rows[0]++;
                    }));
        }
        log.info("Tracking export {} to {}{}: {} messages", from, to, forbundId == null ? "" : " for " + forbundId, rows[0]);
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        in.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        in.setHeader("Content-Disposition", "attachment; filename=\"gransnav-sparning-" + from + "-" + to
                + (forbundId == null ? "" : "-" + forbundId) + ".csv\"");
        in.setBody(file.newStreamCache());
    }

    private static void print(CSVPrinter csv, TrackedMessage m) {
        try {
            csv.printRecord(cells(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> cells(TrackedMessage m) {
        return List.of(m.trackingId(), m.partnerId(), m.messageId(), m.messageType(), m.channel(), m.forbundId(),
                m.status().name(), local(m.receivedAt()), local(m.updatedAt())).stream()
                .map(SpreadsheetCells::text).toList();
    }

    private static String local(OffsetDateTime time) {
        return time.atZoneSameInstant(SWEDEN).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).replace('T', ' ');
    }

    private static LocalDate date(String value, String name, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(name + ": required, a date such as 2026-11-01");
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            problems.add(name + ": not a date (yyyy-MM-dd)");
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private void problem(Message out, String detail) throws JsonProcessingException {
        ObjectNode body = json.createObjectNode().put("status", 400).put("detail", detail);
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
        out.setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        out.setBody(json.writeValueAsString(body));
    }
}
