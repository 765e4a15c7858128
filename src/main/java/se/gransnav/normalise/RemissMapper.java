package se.gransnav.normalise;

import static java.util.Map.entry;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

import se.gransnav.routing.MunicipalityRegistry;

/**
 * Turns a municipal referral ("remiss", partner contract section 4) into a canonical REFERRAL
 * message (section 3), and the canonical validation's problems back into the remiss's own field
 * names.
 *
 * <p>Values are copied as they are, so the canonical validation checks them (a missing
 * {@code orsak} is reported as a missing {@code referral.reason}, which {@link #inRemissTerms}
 * turns into {@code /orsak}). What only a remiss can get wrong — a municipality name, a målgrupp or
 * a kön that is not one of the format's words, a section of the wrong JSON type, a field the format
 * does not have — is reported here, every such problem at once, at its path in the remiss.
 */
@Component
public class RemissMapper {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern WHITE_SPACE = Pattern.compile("(?U)\\s+");

    private static final Set<String> REMISS_FIELDS =
            Set.of("remissId", "skapad", "person", "malgrupper", "orsak", "onskatStod", "samtycke", "handlaggare");
    private static final Set<String> PERSON_FIELDS = Set.of("personnummer", "kon", "folkbokforingskommun");
    private static final Set<String> SAMTYCKE_FIELDS = Set.of("lamnat", "datum", "vardnadshavare");
    private static final Set<String> HANDLAGGARE_FIELDS = Set.of("enhet", "namn", "telefon", "epost");

    private static final Map<String, String> GENDERS = Map.of("K", "WOMAN", "M", "MAN", "X", "OTHER");

    /** Målgrupp (lower case, NFC, single spaces) to target group, in the contract's order. */
    private static final Map<String, String> TARGET_GROUPS = ordered(
            entry("långtidsarbetslös", "LONG_TERM_UNEMPLOYED"),
            entry("långtidssjukskriven", "LONG_TERM_SICK_LEAVE"),
            entry("aktivitetsersättning", "ACTIVITY_COMPENSATION"),
            entry("uvas", "NEET_YOUTH"),
            entry("samsjuklighet", "CO_MORBIDITY"),
            entry("utrikes född", "FOREIGN_BORN"),
            entry("gråzon daglig verksamhet", "DAILY_ACTIVITY_GREY_ZONE"),
            entry("risk för kriminalitet", "CRIME_RISK"),
            entry("annat", "OTHER"));

    /**
     * Canonical JSON Pointer prefixes to the remiss's, the more specific first. A prefix matches
     * whole tokens only, so {@code /consent/given} does not match {@code /consent/givenAt}.
     */
    private static final Map<String, String> PATHS = ordered(
            entry("/messageId", "/remissId"),
            entry("/occurredAt", "/skapad"),
            entry("/participant/personalIdentityNumber", "/person/personnummer"),
            entry("/participant/gender", "/person/kon"),
            entry("/participant/homeMunicipalityCode", "/person/folkbokforingskommun"),
            entry("/participant", "/person"),
            entry("/referral/targetGroups", "/malgrupper"),
            entry("/referral/reason", "/orsak"),
            entry("/referral/requestedSupport", "/onskatStod"),
            entry("/referral/referrer/unit", "/handlaggare/enhet"),
            entry("/referral/referrer/name", "/handlaggare/namn"),
            entry("/referral/referrer/phone", "/handlaggare/telefon"),
            entry("/referral/referrer/email", "/handlaggare/epost"),
            entry("/referral/referrer", "/handlaggare"),
            entry("/referral", ""),
            entry("/consent/given", "/samtycke/lamnat"),
            entry("/consent/givenAt", "/samtycke/datum"),
            entry("/consent/guardianConsent", "/samtycke/vardnadshavare"),
            entry("/consent", "/samtycke"));

    /** Set by the hub, not by the remiss: problems there concern the remiss as a whole. */
    private static final Set<String> HUB_SET_PATHS = Set.of("/type", "/schemaVersion");

    /** Canonical field names as the rules' messages write them, and the remiss's names for them. */
    private static final Map<Pattern, String> WORDS = wholeNames(ordered(
            entry("consent.given", "samtycke.lamnat"),
            entry("consent.givenAt", "samtycke.datum"),
            entry("consent.guardianConsent", "samtycke.vardnadshavare"),
            entry("occurredAt", "skapad"),
            entry("messageId", "remissId"),
            entry("referral.targetGroups", "malgrupper"),
            entry("referral.reason", "orsak"),
            entry("referral.requestedSupport", "onskatStod"),
            entry("referral.referrer", "handlaggare")));

    private final MunicipalityRegistry municipalities;

    RemissMapper(MunicipalityRegistry municipalities) {
        this.municipalities = municipalities;
    }

    /**
     * The canonical REFERRAL for a remiss. Fields the remiss lacks are left out, so that the
     * canonical validation reports them; the result still has to pass
     * {@link CanonicalMessageReader#validate}.
     *
     * @throws MessageRejectedException with every problem only the remiss format can have, each at
     *         its path in the remiss (HUB-002, or HUB-004 for an unknown municipality name)
     */
    public ObjectNode toCanonical(JsonNode remiss) {
        List<Problem> problems = new ArrayList<>();
        ObjectNode canonical = toCanonical(remiss, problems);
        if (!problems.isEmpty()) {
            throw new MessageRejectedException(problems);
        }
        return canonical;
    }

    /**
     * The canonical REFERRAL as far as it can be made, adding the remiss's own problems to
     * {@code problems}, so that they can be listed together with those the canonical validation
     * finds. A remiss that is not a JSON object cannot be mapped at all and is rejected at once.
     */
    ObjectNode toCanonical(JsonNode remiss, List<Problem> problems) {
        if (remiss == null || !remiss.isObject()) {
            throw new MessageRejectedException(new Problem(ProblemCode.SCHEMA_VIOLATION, "",
                    "a remiss must be a JSON object"));
        }
        unknownFields(remiss, "", REMISS_FIELDS, problems);

        ObjectNode canonical = NODES.objectNode();
        canonical.put("schemaVersion", CanonicalMessageReader.SUPPORTED_SCHEMA_VERSION);
        copy(remiss, "remissId", canonical, "messageId");
        canonical.put("type", MessageType.REFERRAL.name());
        copy(remiss, "skapad", canonical, "occurredAt");
        JsonNode person = section(remiss, "person", PERSON_FIELDS, problems);
        if (person != null) {
            canonical.set("participant", participant(person, problems));
        }
        JsonNode samtycke = section(remiss, "samtycke", SAMTYCKE_FIELDS, problems);
        if (samtycke != null) {
            ObjectNode consent = canonical.putObject("consent");
            copy(samtycke, "lamnat", consent, "given");
            copy(samtycke, "datum", consent, "givenAt");
            copy(samtycke, "vardnadshavare", consent, "guardianConsent");
        }
        canonical.set("referral", referral(remiss, problems));
        return canonical;
    }

    private ObjectNode participant(JsonNode person, List<Problem> problems) {
        ObjectNode participant = NODES.objectNode();
        copy(person, "personnummer", participant, "personalIdentityNumber");
        JsonNode kommun = person.get("folkbokforingskommun");
        if (kommun != null) {
            String path = "/person/folkbokforingskommun";
            if (!kommun.isTextual()) {
                problems.add(new Problem(ProblemCode.SCHEMA_VIOLATION, path, "must be a string"));
            } else {
                municipalities.byName(kommun.textValue()).ifPresentOrElse(
                        m -> participant.put("homeMunicipalityCode", m.code()),
                        () -> problems.add(new Problem(ProblemCode.UNKNOWN_MUNICIPALITY, path,
                                "is not the name of a Swedish municipality")));
            }
        }
        JsonNode kon = person.get("kon");
        if (kon != null) {
            String gender = kon.isTextual() ? GENDERS.get(kon.textValue().strip().toUpperCase(Locale.ROOT)) : null;
            if (gender == null) {
                problems.add(new Problem(ProblemCode.SCHEMA_VIOLATION, "/person/kon", "must be one of: K, M, X"));
            } else {
                participant.put("gender", gender);
            }
        }
        return participant;
    }

    private static ObjectNode referral(JsonNode remiss, List<Problem> problems) {
        ObjectNode referral = NODES.objectNode();
        JsonNode malgrupper = remiss.get("malgrupper");
        if (malgrupper != null) {
            if (!malgrupper.isArray()) {
                problems.add(new Problem(ProblemCode.SCHEMA_VIOLATION, "/malgrupper", "must be an array"));
            } else {
                ArrayNode targetGroups = referral.putArray("targetGroups");
                for (int i = 0; i < malgrupper.size(); i++) {
                    JsonNode malgrupp = malgrupper.get(i);
                    String group = malgrupp.isTextual() ? TARGET_GROUPS.get(wordKey(malgrupp.textValue())) : null;
                    if (group == null) {
                        problems.add(new Problem(ProblemCode.SCHEMA_VIOLATION, "/malgrupper/" + i,
                                "must be one of: " + String.join(", ", TARGET_GROUPS.keySet())));
                    } else {
                        targetGroups.add(group);
                    }
                }
            }
        }
        copy(remiss, "orsak", referral, "reason");
        copy(remiss, "onskatStod", referral, "requestedSupport");
        JsonNode handlaggare = section(remiss, "handlaggare", HANDLAGGARE_FIELDS, problems);
        if (handlaggare != null) {
            ObjectNode referrer = referral.putObject("referrer");
            copy(handlaggare, "enhet", referrer, "unit");
            copy(handlaggare, "namn", referrer, "name");
            copy(handlaggare, "telefon", referrer, "phone");
            copy(handlaggare, "epost", referrer, "email");
        }
        return referral;
    }

    /** The object at {@code /field} of the remiss, or null when it is absent or not an object (a problem). */
    private static JsonNode section(JsonNode parent, String field, Set<String> known, List<Problem> problems) {
        JsonNode node = parent.get(field);
        if (node == null) {
            return null;
        }
        String path = "/" + field;
        if (!node.isObject()) {
            problems.add(new Problem(ProblemCode.SCHEMA_VIOLATION, path, "must be an object"));
            return null;
        }
        unknownFields(node, path, known, problems);
        return node;
    }

    private static void unknownFields(JsonNode object, String path, Set<String> known, List<Problem> problems) {
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(new Problem(ProblemCode.SCHEMA_VIOLATION, path + "/" + escape(name),
                        "is not a known field"));
            }
        });
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String target) {
        JsonNode value = from.get(field);
        if (value != null) {
            to.set(target, value.deepCopy());
        }
    }

    /** A målgrupp as compared: NFC, without surrounding space, inner runs of space as one, lower case. */
    private static String wordKey(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        return WHITE_SPACE.matcher(nfc.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** An RFC 6901 reference token. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /**
     * A JSON Pointer into the canonical message made from a remiss, as a pointer into that remiss:
     * {@code /participant/personalIdentityNumber} is {@code /person/personnummer},
     * {@code /referral/targetGroups/1} is {@code /malgrupper/1}. The referral section is the remiss
     * itself ({@code ""}), and so are {@code /type} and {@code /schemaVersion}, which the hub sets.
     * Any other pointer is returned unchanged.
     */
    public static String remissPath(String canonicalPath) {
        Objects.requireNonNull(canonicalPath, "canonicalPath");
        if (HUB_SET_PATHS.contains(canonicalPath)) {
            return "";
        }
        for (Map.Entry<String, String> path : PATHS.entrySet()) {
            String prefix = path.getKey();
            if (canonicalPath.equals(prefix) || canonicalPath.startsWith(prefix + "/")) {
                return path.getValue() + canonicalPath.substring(prefix.length());
            }
        }
        return canonicalPath;
    }

    /**
     * The same rejection in the remiss's terms: every problem's path through {@link #remissPath},
     * and canonical field names in its message ({@code consent.given}, {@code occurredAt}, …)
     * replaced by the remiss's ({@code samtycke.lamnat}, {@code skapad}, …). Codes and order stay.
     */
    public MessageRejectedException inRemissTerms(MessageRejectedException e) {
        List<Problem> problems = e.problems().stream()
                .map(p -> new Problem(p.code(), remissPath(p.path()), inRemissWords(p.message())))
                .toList();
        MessageRejectedException translated = new MessageRejectedException(problems);
        translated.initCause(e);
        return translated;
    }

    static String inRemissWords(String message) {
        String result = message;
        for (Map.Entry<Pattern, String> word : WORDS.entrySet()) {
            result = word.getKey().matcher(result).replaceAll(Matcher.quoteReplacement(word.getValue()));
        }
        return result;
    }

    /** Each name as a pattern matching it only whole: consent.given does not match in consent.givenAt. */
    private static Map<Pattern, String> wholeNames(Map<String, String> words) {
        Map<Pattern, String> patterns = new LinkedHashMap<>();
        words.forEach((name, replacement) ->
                patterns.put(Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "(?!\\w)"), replacement));
        return Collections.unmodifiableMap(patterns);
    }

    @SafeVarargs
    private static Map<String, String> ordered(Map.Entry<String, String>... entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : entries) {
            map.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(map);
    }
}
