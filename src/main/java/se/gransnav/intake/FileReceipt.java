package se.gransnav.intake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import se.gransnav.normalise.Problem;

/**
 * The receipt of one dropped file, {@code <partnerId>/receipts/<file name>.receipt.json}. It is
 * written as the file is read (rejections as they are found, counts at the end), so a file of a
 * million rejected rows costs no memory, and to a temporary name first: a partner never sees a
 * half-written receipt. It never holds personal data: positions, codes and messages only.
 */
final class FileReceipt implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    private final Path target;
    private final Path temporary;
    private final OutputStream out;
    private final JsonGenerator json;
    private long accepted;
    private long duplicates;
    private long rejected;

    FileReceipt(Path receiptsDir, String fileName) throws IOException {
        this(receiptsDir.resolve(fileName + ".receipt.json"), receiptsDir.resolve("." + fileName + ".receipt.json.tmp"),
                fileName);
    }

    /** A receipt written to {@code temporary} and renamed to {@code target} when complete. */
    FileReceipt(Path target, Path temporary, String fileName) throws IOException {
        Files.createDirectories(target.getParent());
        this.target = target;
        this.temporary = temporary;
        this.out = Files.newOutputStream(temporary);
        this.json = JSON.createGenerator(out, JsonEncoding.UTF8).useDefaultPrettyPrinter();
        json.writeStartObject();
        json.writeStringField("file", fileName);
        json.writeArrayFieldStart("rejections");
    }

    void accepted(boolean duplicate) {
        if (duplicate) {
            duplicates++;
        } else {
            accepted++;
        }
    }

    /** A rejected row (by line) or array element (by index), with every problem it has. */
    void rejected(String positionName, long position, String rowId, List<Problem> problems) throws IOException {
        rejected++;
        for (Problem p : problems) {
            json.writeStartObject();
            json.writeNumberField(positionName, position);
            if (rowId != null) {
                json.writeStringField("rowId", rowId);
            }
            json.writeStringField("code", p.code().code());
            json.writeStringField("path", p.path());
            json.writeStringField("message", p.message());
            json.writeEndObject();
        }
    }

    /** Ends the receipt of a file that was read to its end. */
    void complete(List<String> ignoredColumns) throws IOException {
        finish("PROCESSED", ignoredColumns, null);
    }

    /** Ends the receipt of a file the hub could not read (rows before the fault are counted). */
    void unreadable(Problem problem, Long line) throws IOException {
        json.writeStartObject();
        if (line != null) {
            json.writeNumberField("line", line);
        }
        json.writeStringField("code", problem.code().code());
        json.writeStringField("path", problem.path());
        json.writeStringField("message", problem.message());
        json.writeEndObject();
        finish("UNREADABLE", List.of(), problem);
    }

    private void finish(String status, List<String> ignoredColumns, Problem fileProblem) throws IOException {
        json.writeEndArray();
        json.writeStringField("status", status);
        json.writeNumberField("accepted", accepted);
        json.writeNumberField("duplicate", duplicates);
        json.writeNumberField("rejected", rejected);
        json.writeArrayFieldStart("ignoredColumns");
        for (String column : ignoredColumns) {
            json.writeString(column);
        }
        json.writeEndArray();
        if (fileProblem != null) {
            json.writeStringField("error", fileProblem.code().code() + ": " + fileProblem.message());
        }
        json.writeEndObject();
        json.close();
        out.close();
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Path target() {
        return target;
    }

    long accepted() {
        return accepted;
    }

    long duplicates() {
        return duplicates;
    }

    long rejected() {
        return rejected;
    }

    /** Drops an unfinished receipt (the file will be read again). */
    @Override
    public void close() throws IOException {
        if (!json.isClosed()) {
            json.close();
            out.close();
            Files.deleteIfExists(temporary);
        }
    }
}
