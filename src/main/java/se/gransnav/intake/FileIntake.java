package se.gransnav.intake;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import se.gransnav.normalise.CanonicalMessageReader;
import se.gransnav.normalise.Channel;
import se.gransnav.normalise.MessageRejectedException;
import se.gransnav.normalise.Problem;
import se.gransnav.normalise.ProblemCode;
import se.gransnav.normalise.ValidatedMessage;
import se.gransnav.security.Partner;
import se.gransnav.security.PartnerRegistry;
import se.gransnav.statusfile.RejectedRow;
import se.gransnav.statusfile.Row;
import se.gransnav.statusfile.RowHandler;
import se.gransnav.statusfile.StatusFileColumns;
import se.gransnav.statusfile.StatusFileException;
import se.gransnav.statusfile.StatusFileReader;
import se.gransnav.statusfile.Summary;

/**
 * Reads one file a partner dropped in {@code <inbox>/<partnerId>/}: a status file ({@code *.csv},
 * one STATUS_UPDATE per row) or canonical JSON ({@code *.json}, one object or an array). Every
 * row or element is accepted on its own, exactly as over HTTP, or rejected with its line or index;
 * then the receipt is written and the file moved to {@code .done/}. A file that cannot be read at
 * all gets a receipt saying why and goes to {@code .error/}.
 *
 * <p>Accepted rows go on in batches ({@link BatchAcceptance}); the receipt is completed only when
 * the last batch is stored. If the broker or the database fails in the middle, this throws: the file stays where it is,
 * without a receipt, and is read again on a later poll. So does a file whose reading the hub did
 * not finish because it stopped. Rows accepted the first time are then duplicates (row identity
 * is partner + messageId, for status files partner + Löpnummer) and are not delivered again.
 */
@Component
public class FileIntake {

    static final String DONE = ".done";
    static final String ERROR = ".error";
    static final String RECEIPTS = "receipts";

    private static final Logger log = LoggerFactory.getLogger(FileIntake.class);

    private final PartnerRegistry partners;
    private final CanonicalMessageReader reader;
    private final StatusFileReader statusFiles;
    private final BatchAcceptance acceptance;
    private final InboxProperties inbox;
    private final Clock clock;

    FileIntake(PartnerRegistry partners, CanonicalMessageReader reader, StatusFileReader statusFiles,
               BatchAcceptance acceptance, InboxProperties inbox, Clock clock) {
        this.partners = partners;
        this.reader = reader;
        this.statusFiles = statusFiles;
        this.acceptance = acceptance;
        this.inbox = inbox;
        this.clock = clock;
    }

    public void process(Exchange exchange, String partnerId) throws IOException {
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        Partner partner = partners.byId(partnerId).orElseThrow(() ->
                new IllegalStateException("file intake for unknown partner " + partnerId));
        Path folder = file.getParent();
        if (!folder.toAbsolutePath().normalize().equals(Path.of(inbox.dir(), partnerId).toAbsolutePath().normalize())
                || !file.normalize().equals(file)) {
            // InboxFileNames keeps such names out; never read a file from outside the partner's folder.
            throw new IllegalStateException("a file outside the inbox folder of " + partnerId + " was not read");
        }
        String name = file.getFileName().toString();
        try (FileReceipt receipt = new FileReceipt(folder.resolve(RECEIPTS), name)) {
            Problem refused = refusal(file, partner);
            if (refused != null) {
                receipt.unreadable(refused, null);
                moveTo(file, ERROR);
                return;
            }
            OffsetDateTime receivedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            boolean readable = name.toLowerCase(Locale.ROOT).endsWith(".csv")
                    ? statusFile(file, partner, receivedAt, receipt)
                    : jsonFile(file, partner, receivedAt, receipt);
            moveTo(file, readable ? DONE : ERROR);
            log.info("File from {} {}: {} accepted, {} duplicate, {} rejected", partner.id(),
                    readable ? "processed" : "unreadable", receipt.accepted(), receipt.duplicates(), receipt.rejected());
        }
    }

    /**
     * Refuses a file whose name the hub does not accept ({@link InboxFileNames}): it is moved to
     * {@code .error/} and given a receipt under a harmless form of its name, and is never read.
     */
    void refuseName(Path file) throws IOException {
        String partnerId = file.getParent().getFileName().toString();
        String harmless = InboxFileNames.harmless(file.getFileName().toString());
        try (FileReceipt receipt = new FileReceipt(file.getParent().resolve(RECEIPTS), harmless)) {
            receipt.unreadable(new Problem(ProblemCode.MALFORMED, "",
                    "file names may not contain \\, / or control characters; the file was not read"), null);
            Path folder = Files.createDirectories(file.getParent().resolve(ERROR));
            Path target = folder.resolve(harmless);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                target = folder.resolve(harmless + "." + System.currentTimeMillis());
            }
            Files.move(file, target, LinkOption.NOFOLLOW_LINKS);
        }
        log.warn("File from {} refused unread: its name has characters the hub does not accept", partnerId);
    }

    private Problem refusal(Path file, Partner partner) throws IOException {
        if (!partner.mayUse(Channel.FILE)) {
            return new Problem(ProblemCode.NOT_ALLOWED, "", "partner " + partner.id() + " may not send files");
        }
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return new Problem(ProblemCode.MALFORMED, "", "only plain files are read, not links");
        }
        if (!Files.isReadable(file)) {
            return new Problem(ProblemCode.MALFORMED, "", "the hub may not read the file (its permissions)");
        }
        if (Files.size(file) > inbox.maxFileSize().toBytes()) {
            return new Problem(ProblemCode.TOO_LARGE, "", "the file is larger than " + inbox.maxFileSize().toBytes()
                    + " bytes");
        }
        return null;
    }

    private boolean statusFile(Path file, Partner partner, OffsetDateTime receivedAt, FileReceipt receipt)
            throws IOException {
        return statusFile(file, partner.statusFileCharset(), partner, Channel.FILE, receivedAt, receipt);
    }

    /**
     * Reads a status file row by row into {@code receipt}; false (and the receipt says why) when
     * it cannot be read at all. Shared by file drops and {@code POST /api/v1/statusfiler}.
     */
    boolean statusFile(Path file, java.nio.charset.Charset charset, Partner partner, Channel channel,
                       OffsetDateTime receivedAt, FileReceipt receipt) throws IOException {
        BatchAcceptance.Batch batch = acceptance.start();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Summary summary = statusFiles.read(in, charset, partner.id(), new RowHandler() {
                @Override
                public void row(Row row) {
                    accept(batch, row.message(), partner, channel, receivedAt, receipt, "line", row.lineNumber(),
                            row.rowId(), true);
                }

                @Override
                public void rejected(RejectedRow row) {
                    write(() -> receipt.rejected("line", row.lineNumber(), row.rowId(), row.problems()));
                }
            });
            batch.flush();
            receipt.complete(summary.ignoredColumns());
            return true;
        } catch (StatusFileException e) {
            // The rows before the fault are accepted; the receipt counts them.
            batch.flush();
            receipt.unreadable(e.problem(), e.lineNumber().isPresent() ? e.lineNumber().getAsLong() : null);
            return false;
        }
    }

    private boolean jsonFile(Path file, Partner partner, OffsetDateTime receivedAt, FileReceipt receipt)
            throws IOException {
        ObjectMapper json = reader.objectMapper();
        // The whole file must be well-formed UTF-8 JSON before any of it counts. Both passes
        // stream from disk: only one element at a time is ever in memory.
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            reader.checkWellFormed(in);
        } catch (MessageRejectedException e) {
            receipt.unreadable(e.problems().get(0), null);
            return false;
        }
        ObjectReader elements = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        BatchAcceptance.Batch batch = acceptance.start();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser parser = json.getFactory().createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                long index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    acceptNode(batch, elements.readTree(parser), partner, receivedAt, receipt, index++);
                }
            } else {
                acceptNode(batch, elements.readTree(parser), partner, receivedAt, receipt, 0);
            }
        }
        batch.flush();
        receipt.complete(List.of());
        return true;
    }

    private void acceptNode(BatchAcceptance.Batch batch, JsonNode element, Partner partner, OffsetDateTime receivedAt,
                            FileReceipt receipt, long index) {
        accept(batch, element, partner, Channel.FILE, receivedAt, receipt, "index", index, null, false);
    }

    private void accept(BatchAcceptance.Batch batch, JsonNode message, Partner partner, Channel channel, OffsetDateTime receivedAt,
                        FileReceipt receipt, String positionName, long position, String rowId, boolean csv) {
        ValidatedMessage validated;
        try {
            validated = reader.validate(message, partner, channel, receivedAt);
        } catch (MessageRejectedException rejection) {
            List<Problem> problems = csv ? rejection.problems().stream()
                    .map(p -> new Problem(p.code(), StatusFileColumns.of(p.path()), p.message())).toList()
                    : rejection.problems();
            write(() -> receipt.rejected(positionName, position, rowId, problems));
            return;
        }
        batch.add(validated, receipt::accepted);
    }

    private static void moveTo(Path file, String folderName) throws IOException {
        Path folder = Files.createDirectories(file.getParent().resolve(folderName));
        Path target = folder.resolve(file.getFileName());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            // The same name was dropped before: keep both.
            target = folder.resolve(file.getFileName() + "." + System.currentTimeMillis());
        }
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void write(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
