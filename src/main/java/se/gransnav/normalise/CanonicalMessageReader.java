package se.gransnav.normalise;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;

import se.gransnav.routing.ParticipantRefs;
import se.gransnav.security.Partner;

/**
 * Turns the bytes a partner sent into a {@link ValidatedMessage}, or a
 * {@link MessageRejectedException} listing every problem. The order of checks follows what can be
 * known: media type and character set, then JSON syntax, then the schema version, then the schema
 * and the contract's rules together.
 */
@Component
public class CanonicalMessageReader {

    static final String SUPPORTED_SCHEMA_VERSION = "1.0";

    /** Deep nesting and huge strings are refused while parsing, before they cost memory. */
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(32)
            .maxStringLength(1 << 20)
            .maxNumberLength(50)
            .build();

    private final ObjectMapper json;
    private final SchemaValidation schema;
    private final MessageRules rules;
    private final ParticipantRefs participantRefs;
    private final ConsentGate consent;

    CanonicalMessageReader(SchemaValidation schema, MessageRules rules, ParticipantRefs participantRefs) {
        this(schema, rules, participantRefs, ConsentGate.OPEN);
    }

    @Autowired
    CanonicalMessageReader(SchemaValidation schema, MessageRules rules, ParticipantRefs participantRefs,
                           ConsentGate consent) {
        this.schema = schema;
        this.rules = rules;
        this.participantRefs = participantRefs;
        this.consent = consent;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(LIMITS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.json = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** Reads an HTTP body: the media type must be JSON and the character set, if named, UTF-8. */
    public ValidatedMessage readHttp(byte[] body, String contentType, Partner partner, OffsetDateTime receivedAt) {
        checkMediaType(contentType);
        return read(body, partner, Channel.HTTP, receivedAt);
    }

    /** Reads one canonical message in UTF-8 JSON, from any channel. */
    public ValidatedMessage read(byte[] body, Partner partner, Channel channel, OffsetDateTime receivedAt) {
        return validate(parse(body), partner, channel, receivedAt);
    }

    /** Parses UTF-8 JSON strictly (no duplicate keys, nothing after the value). */
    public JsonNode parse(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new MessageRejectedException(new Problem(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "",
                    "the body is not valid UTF-8"));
        }
        try {
            JsonNode tree = json.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new MessageRejectedException(new Problem(ProblemCode.MALFORMED, "", "the body is empty"));
            }
            return tree;
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new MessageRejectedException(new Problem(ProblemCode.MALFORMED, "", "not well-formed JSON" + where
                    + (e.getMessage() != null && e.getMessage().contains("Duplicate field") ? " (a field is repeated)" : "")
                    + (e.getMessage() != null && e.getMessage().contains("exceeds the maximum") ? " (nested too deep or a value too long)" : "")));
        } catch (IOException e) {
            throw new MessageRejectedException(new Problem(ProblemCode.MALFORMED, "", "the body cannot be read as JSON"));
        }
    }

    /**
     * Checks that a whole stream is one well-formed UTF-8 JSON value, token by token, without
     * building it in memory (for files that may be large). Same rules as {@link #parse}.
     */
    public void checkWellFormed(java.io.InputStream in) throws IOException {
        try (JsonParser parser = json.getFactory().createParser(in)) {
            if (parser.nextToken() == null) {
                throw new MessageRejectedException(new Problem(ProblemCode.MALFORMED, "", "the file is empty"));
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new MessageRejectedException(new Problem(ProblemCode.MALFORMED, "",
                        "not well-formed JSON: more than one value"));
            }
        } catch (java.io.CharConversionException e) {
            throw new MessageRejectedException(new Problem(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "",
                    "the file is not valid UTF-8"));
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            boolean encoding = e.getMessage() != null && e.getMessage().contains("UTF-8");
            throw new MessageRejectedException(new Problem(
                    encoding ? ProblemCode.UNSUPPORTED_MEDIA_TYPE : ProblemCode.MALFORMED, "",
                    (encoding ? "not valid UTF-8" : "not well-formed JSON")
                            + (location == null ? "" : " at line " + location.getLineNr()
                            + ", column " + location.getColumnNr())));
        }
    }

    /** Applies the schema and every rule to a parsed message and normalises it. */
    public ValidatedMessage validate(JsonNode tree, Partner partner, Channel channel, OffsetDateTime receivedAt) {
        if (!tree.isObject()) {
            throw new MessageRejectedException(new Problem(ProblemCode.SCHEMA_VIOLATION, "",
                    "a message must be a JSON object"));
        }
        ObjectNode message = ((ObjectNode) tree).deepCopy();
        JsonNode version = message.path("schemaVersion");
        if (version.isTextual() && !SUPPORTED_SCHEMA_VERSION.equals(version.textValue())) {
            throw new MessageRejectedException(new Problem(ProblemCode.UNSUPPORTED_SCHEMA_VERSION, "/schemaVersion",
                    "schemaVersion " + SUPPORTED_SCHEMA_VERSION + " is the only version this hub reads"));
        }
        List<Problem> problems = new ArrayList<>();
        if (!partner.mayUse(channel)) {
            problems.add(new Problem(ProblemCode.NOT_ALLOWED, "",
                    "partner " + partner.id() + " may not send through " + channel));
        }
        JsonNode hub = message.remove("hub");
        if (hub != null) {
            JsonNode claimed = hub.path("partnerId");
            boolean otherPartner = claimed.isTextual() && !claimed.textValue().equals(partner.id());
            problems.add(otherPartner
                    ? new Problem(ProblemCode.NOT_ALLOWED, "/hub/partnerId",
                            "names another partner; the sender is always the authenticated partner")
                    : new Problem(ProblemCode.SCHEMA_VIOLATION, "/hub", "is set by the hub and must not be sent"));
        }
        problems.addAll(schema.validate(message));
        MessageRules.Outcome outcome = rules.check(message, partner);
        problems.addAll(outcome.problems());
        if (!problems.isEmpty()) {
            throw new MessageRejectedException(problems);
        }
        ValidatedMessage validated = normalise(message, outcome, partner, channel, receivedAt);
        if (consent.stops(validated)) {
            throw new MessageRejectedException(new Problem(ProblemCode.CONSENT_WITHDRAWN, "",
                    "the participant has withdrawn consent to förbund " + validated.forbund().id()
                            + "; only a new REFERRAL with consent is accepted"));
        }
        return validated;
    }

    private ValidatedMessage normalise(ObjectNode message, MessageRules.Outcome outcome, Partner partner,
                                       Channel channel, OffsetDateTime receivedAt) {
        PersonalIdentityNumber pin = outcome.identityNumber();
        if (pin == null || outcome.forbund() == null) {
            // Every rule that leaves these unset reports a problem; this guards the contract's
            // promise that nothing a client sends ends in a 5xx should a rule ever miss one.
            throw new MessageRejectedException(new Problem(ProblemCode.SCHEMA_VIOLATION, "",
                    "the participant or the förbund cannot be determined from this message"));
        }
        ObjectNode participant = (ObjectNode) message.get("participant");
        participant.put("personalIdentityNumber", pin.normalised());
        if (!participant.has("gender")) {
            participant.put("gender", pin.legalGender().name());
        }
        return new ValidatedMessage(message, MessageType.valueOf(message.get("type").textValue()),
                message.get("messageId").textValue(), outcome.forbund(),
                participantRefs.of(outcome.forbund(), pin.normalised()), partner, channel, receivedAt);
    }

    static void checkMediaType(String contentType) {
        MimeType type;
        try {
            type = contentType == null ? null : MimeType.valueOf(contentType);
        } catch (InvalidMimeTypeException e) {
            type = null;
        }
        boolean json = type != null && "application".equals(type.getType())
                && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        String charset = type == null ? null : type.getParameter("charset");
        String label = charset == null ? null : charset.toLowerCase(Locale.ROOT).replace("\"", "");
        if (!json || (label != null && !label.equals("utf-8") && !label.equals("utf8"))) {
            throw new MessageRejectedException(new Problem(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "",
                    "send Content-Type: application/json (UTF-8)"));
        }
    }

    /** The JSON writer matching this reader's number handling. */
    public ObjectMapper objectMapper() {
        return json;
    }

}
