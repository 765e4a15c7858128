package se.gransnav.intake;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;

import se.gransnav.normalise.Channel;
import se.gransnav.normalise.MessageRejectedException;
import se.gransnav.normalise.Problem;
import se.gransnav.normalise.ProblemCode;
import se.gransnav.security.Partner;
import se.gransnav.security.PartnerAuthenticator;

/**
 * {@code POST /api/v1/statusfiler}: a status file over HTTP ({@code Content-Type: text/csv;
 * charset=UTF-8} or {@code windows-1252}; without a charset the partner's configured one). Read
 * row by row exactly like a dropped file; the answer is the receipt: 200 when the file was read
 * to its end (rejected rows listed with their lines), 4xx problem+json with the receipt so far
 * when it could not be read.
 */
@Component
public class HttpStatusFileIntake {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileIntake files;
    private final Clock clock;

    HttpStatusFileIntake(FileIntake files, Clock clock) {
        this.files = files;
        this.clock = clock;
    }

    public void process(Exchange exchange) throws IOException {
        Partner partner = exchange.getProperty(PartnerAuthenticator.PARTNER, Partner.class);
        if (!partner.mayUse(Channel.HTTP)) {
            throw new MessageRejectedException(new Problem(ProblemCode.NOT_ALLOWED, "",
                    "partner " + partner.id() + " may not send through HTTP"));
        }
        Charset charset = charset(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class), partner);
        Path upload = Path.of(exchange.getMessage().getHeader(StatusFileUpload.HEADER, String.class));
        Path receiptFile = StatusFileUpload.receiptOf(upload);
        Path temporary = Files.createTempFile(upload.getParent(), "receipt-", ".tmp");
        boolean readable;
        try (FileReceipt receipt = new FileReceipt(receiptFile, temporary, "upload")) {
            OffsetDateTime receivedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            readable = files.statusFile(upload, charset, partner, Channel.HTTP, receivedAt, receipt);
        } finally {
            Files.deleteIfExists(temporary);
        }
        if (readable) {
            // Streamed from disk, however many rejections it lists; deleted with the upload when
            // the request ends (StatusFileUpload).
            exchange.getMessage().removeHeaders("*");
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(new ClosingAtEnd(Files.newInputStream(receiptFile)));
            return;
        }
        ObjectNode receipt = (ObjectNode) JSON.readTree(Files.readAllBytes(receiptFile));
        JsonNode fault = receipt.path("rejections").get(receipt.path("rejections").size() - 1);
        ProblemCode code = ProblemCode.valueOf(codeName(fault.path("code").asText()));
        ObjectNode problem = AnswerBodies.problem(code.code().toLowerCase(Locale.ROOT), code.title(),
                code.httpStatus(), "the file cannot be read: " + fault.path("message").asText());
        problem.set("receipt", receipt);
        answer(exchange, code.httpStatus(), HttpAnswers.PROBLEM_JSON, problem);
    }

    /** Closes the file as soon as it has been read to its end, whoever reads it. */
    static final class ClosingAtEnd extends java.io.FilterInputStream {

        ClosingAtEnd(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                close();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                close();
            }
            return n;
        }
    }

    private static String codeName(String code) {
        for (ProblemCode c : ProblemCode.values()) {
            if (c.code().equals(code)) {
                return c.name();
            }
        }
        return ProblemCode.MALFORMED.name();
    }

    static Charset charset(String contentType, Partner partner) {
        MimeType type;
        try {
            type = contentType == null ? null : MimeType.valueOf(contentType);
        } catch (InvalidMimeTypeException e) {
            type = null;
        }
        if (type == null || !"text".equals(type.getType()) || !"csv".equals(type.getSubtype())) {
            throw unsupported();
        }
        String name = type.getParameter("charset");
        if (name == null) {
            return partner.statusFileCharset();
        }
        return switch (name.replace("\"", "").toLowerCase(Locale.ROOT)) {
            case "utf-8", "utf8" -> StandardCharsets.UTF_8;
            case "windows-1252", "cp1252" -> Charset.forName("windows-1252");
            default -> throw unsupported();
        };
    }

    private static MessageRejectedException unsupported() {
        return new MessageRejectedException(new Problem(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "",
                "send Content-Type: text/csv; charset=UTF-8 or charset=windows-1252"));
    }

    private static void answer(Exchange exchange, int status, String contentType, ObjectNode body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
        exchange.getMessage().setBody(body.toString());
    }
}
