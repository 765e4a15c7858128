package se.gransnav.normalise;

import org.springframework.stereotype.Component;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.regex.RegularExpression;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Checks a canonical participant message (partner contract, section 3) against the JSON Schema
 * {@value #SCHEMA_RESOURCE} (draft 2020-12, with {@code format} asserted, so {@code date} and
 * {@code date-time} values are checked).
 *
 * <p>Every violation becomes a {@link ProblemCode#SCHEMA_VIOLATION} problem whose path is a JSON
 * Pointer (RFC 6901) to the offending value; for a missing, unknown or forbidden property it points
 * at that property. The message text is built only from the schema keyword and its schema-side
 * arguments (limits, enum lists, patterns). It never contains a value from the message and never
 * uses the library's own text, because values may be identity numbers or health data.
 *
 * <p>The schema is loaded once; an instance is immutable and safe to share between threads.
 */
@Component
final class SchemaValidation {

    /** Classpath location of the schema, e.g. for serving it to partners. */
    static final String SCHEMA_RESOURCE = "schema/participant-message-v1.json";

    /** The schema's {@code $id}. */
    static final String SCHEMA_ID = "https://gransnav.se/schema/participant-message-v1.json";

    private final JsonSchema schema;
    private final JsonNode schemaRoot;

    SchemaValidation() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(
                        "https://gransnav.se/schema/", "classpath:schema/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .regularExpressionFactory(SchemaValidation::ecmaScriptAnchors)
                .build();
        this.schema = factory.getSchema(SchemaLocation.of(SCHEMA_ID), config);
        this.schema.initializeValidators();
        this.schemaRoot = schema.getSchemaNode();
    }

    static String schemaResource() {
        return SCHEMA_RESOURCE;
    }

    /** Every schema violation in {@code message}, sorted by path then message, without duplicates. */
    List<Problem> validate(JsonNode message) {
        return schema.validate(message).stream()
                .map(m -> new Problem(ProblemCode.SCHEMA_VIOLATION, pointer(m), describe(m)))
                .distinct()
                .sorted(Comparator.comparing(Problem::path).thenComparing(Problem::message))
                .toList();
    }

    private static String pointer(ValidationMessage m) {
        StringBuilder pointer = new StringBuilder();
        JsonNodePath location = m.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            pointer.append('/').append(escape(location.getName(i)));
        }
        // required and additionalProperties report the object; point at the property itself
        if (("required".equals(m.getType()) || "additionalProperties".equals(m.getType()))
                && m.getProperty() != null) {
            pointer.append('/').append(escape(m.getProperty()));
        }
        return pointer.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private String describe(ValidationMessage m) {
        JsonNode arg = m.getSchemaNode();
        return switch (m.getType()) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not a known field";
            case "false" -> notAllowed(m.getSchemaLocation().getFragment());
            case "type" -> "must be " + (arg.isArray() ? "one of the types: " + list(arg) : article(arg.asText()));
            case "enum" -> "must be one of: " + list(arg);
            case "const" -> "must be " + arg.asText();
            case "pattern" -> {
                // a pattern next to a format only tightens it: say what the format says
                JsonNode format = parent(m.getSchemaLocation().getFragment(), 1).get("format");
                yield format != null ? format(format.asText()) : "must match " + arg.asText();
            }
            case "format" -> format(arg.asText());
            case "minLength" -> arg.asInt() == 1 ? "must not be empty" : "must be at least " + arg.asText() + " characters";
            case "maxLength" -> "must be at most " + arg.asText() + " characters";
            case "minItems" -> arg.asInt() == 1 ? "must not be empty" : "must have at least " + arg.asText() + " items";
            case "maxItems" -> "must have at most " + arg.asText() + " items";
            case "uniqueItems" -> "must not contain duplicates";
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" ->
                    range(parent(m.getSchemaLocation().getFragment(), 1));
            default -> "does not satisfy the schema keyword " + m.getType();
        };
    }

    /**
     * A {@code false} schema sits at {@code .../<then|else>/properties/<name>/false}; the sibling
     * {@code if} holds the condition, e.g. {@code {"properties": {"type": {"const": "REFERRAL"}}}}.
     */
    private String notAllowed(JsonNodePath falseSchema) {
        int n = falseSchema.getNameCount();
        if (n >= 4 && "properties".equals(falseSchema.getName(n - 3))) {
            String branch = falseSchema.getName(n - 4);
            JsonNode condition = parent(falseSchema, 4).path("if").path("properties");
            if (condition.size() == 1 && ("then".equals(branch) || "else".equals(branch))) {
                Map.Entry<String, JsonNode> field = condition.properties().iterator().next();
                JsonNode values = field.getValue().has("const") ? field.getValue().get("const") : field.getValue().get("enum");
                if (values != null) {
                    String when = field.getKey() + " is " + (values.isArray() ? "one of: " + list(values) : values.asText());
                    return ("then".equals(branch) ? "is not allowed when " : "is only allowed when ") + when;
                }
            }
        }
        return "is not allowed";
    }

    private static String format(String format) {
        return switch (format) {
            case "date" -> "must be a date (YYYY-MM-DD)";
            case "date-time" -> "must be an RFC 3339 date-time with offset";
            default -> "must be a valid " + format;
        };
    }

    private static String range(JsonNode s) {
        if (s.has("minimum") && s.has("maximum")) {
            return "must be between " + s.get("minimum").asText() + " and " + s.get("maximum").asText();
        }
        List<String> bounds = new ArrayList<>();
        if (s.has("minimum")) bounds.add("at least " + s.get("minimum").asText());
        if (s.has("exclusiveMinimum")) bounds.add("greater than " + s.get("exclusiveMinimum").asText());
        if (s.has("maximum")) bounds.add("at most " + s.get("maximum").asText());
        if (s.has("exclusiveMaximum")) bounds.add("less than " + s.get("exclusiveMaximum").asText());
        return "must be " + String.join(" and ", bounds);
    }

    /** The schema node at {@code fragment} without its last {@code up} tokens. */
    private JsonNode parent(JsonNodePath fragment, int up) {
        JsonNode node = schemaRoot;
        for (int i = 0; i < fragment.getNameCount() - up; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
        }
        return node;
    }

    private static String list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(", "));
    }

    private static String article(String type) {
        return switch (type) {
            case "object", "array", "integer" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }

    /**
     * JSON Schema patterns are ECMA-262, where {@code $} (without the m flag) matches only at the end
     * of the input. Java's {@code $} also matches before a final line terminator, which would let
     * "1482\n" through {@code ^[0-9]{4}$}; so every {@code $} outside a character class becomes
     * {@code \z}.
     */
    private static RegularExpression ecmaScriptAnchors(String regex) {
        StringBuilder java = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                java.append(c).append(regex.charAt(++i));
                continue;
            }
            if (c == '[') inClass = true;
            else if (c == ']') inClass = false;
            java.append(c == '$' && !inClass ? "\\z" : String.valueOf(c));
        }
        Pattern pattern = Pattern.compile(java.toString());
        return value -> pattern.matcher(value).find();
    }
}
