package se.gransnav.normalise;

import se.gransnav.TestIdentityNumbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import se.gransnav.routing.Forbund;
import se.gransnav.routing.Membership;
import se.gransnav.routing.ParticipantRefs;
import se.gransnav.routing.TestRegistries;
import se.gransnav.security.OrganisationType;
import se.gransnav.security.Partner;

/**
 * The contract's rules (sections 1, 3 and 6) through {@link CanonicalMessageReader}, with the real
 * municipality and förbund registries and a fixed clock. Valid messages are the samples; each case
 * changes one thing and asserts the exact code and path of every problem.
 *
 * <p>Every identity number has a birth number in 980–999 (Skatteverket's test series) and a correct
 * Luhn check digit unless the case is about a wrong one; {@link #testNumbersFollowTheTestDataRule}
 * checks that.
 */
class MessageRulesTest {

    /** "Now" for every test: 09:00 Swedish time on 25 November 2026. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);
    private static final OffsetDateTime RECEIVED_AT = OffsetDateTime.parse("2026-11-25T09:00:00+01:00");

    private static final MessageRules RULES =
            new MessageRules(TestRegistries.municipalities(), TestRegistries.forbund(), CLOCK);
    private static final CanonicalMessageReader READER =
            new CanonicalMessageReader(new SchemaValidation(), RULES, new ParticipantRefs());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PIN = "/participant/personalIdentityNumber";
    private static final String MUNICIPALITY = "/participant/homeMunicipalityCode";

    // --- identity numbers (birth numbers 980–999) ---------------------------------------------------

    /** The referral sample's woman, born 1998-04-17. */
    private static final String REFERRAL_WOMAN = "199804179845";
    /** The handover sample's man, born 1987-11-02. */
    private static final String HANDOVER_MAN = "198711029911";
    /** The SIP sample's girl, born 2009-05-14 (17 on the sample's occurredAt). */
    private static final String SIP_GIRL = "200905149829";
    /** The status sample's man, a coordination number (day 63 = the 3rd), born 1990-03-03. */
    private static final String STATUS_MAN = "199003639854";

    /** On the referral's occurredAt (2026-11-20): born 2010-11-20, 16 that day. */
    private static final String TURNS_16_ON_REFERRAL_DAY = "201011209812";
    /** On the referral's occurredAt: born 2010-11-21, 15 (16 the next day). */
    private static final String AGED_15_ON_REFERRAL_DAY = "201011219829";
    /** On the referral's occurredAt: born 1961-11-21, 64 (65 the next day). */
    private static final String AGED_64_ON_REFERRAL_DAY = "196111219835";
    /** On the referral's occurredAt: born 1961-11-20, 65 that day. */
    private static final String TURNS_65_ON_REFERRAL_DAY = "196111209844";
    /** On the SIP notice's occurredAt (2026-11-21): born 2008-11-21, 18 that day. */
    private static final String TURNS_18_ON_SIP_DAY = "200811219864";
    /** On the SIP notice's occurredAt: born 2008-11-22, 17 (18 the next day). */
    private static final String AGED_17_ON_SIP_DAY = "200811229871";

    /** REFERRAL_WOMAN with the wrong check digit (5 is right). */
    private static final String BAD_CHECK_DIGIT = "199804179846";
    /** 31 February 1998. */
    private static final String FEBRUARY_31 = "199802319849";
    /** 29 February 1999, not a leap year. */
    private static final String FEBRUARY_29_1999 = "199902299883";
    /** Month 13. */
    private static final String MONTH_13 = "199813179869";
    /** A coordination number with day 92 (= 32). */
    private static final String COORDINATION_DAY_92 = "199802929845";
    /** Born 2026-12-01, after every sample's occurredAt. */
    private static final String BORN_IN_THE_FUTURE = "202612019857";

    private static final List<String> CORRECT_TEST_NUMBERS = List.of(REFERRAL_WOMAN, HANDOVER_MAN, SIP_GIRL,
            STATUS_MAN, TURNS_16_ON_REFERRAL_DAY, AGED_15_ON_REFERRAL_DAY, AGED_64_ON_REFERRAL_DAY,
            TURNS_65_ON_REFERRAL_DAY, TURNS_18_ON_SIP_DAY, AGED_17_ON_SIP_DAY, FEBRUARY_31, FEBRUARY_29_1999,
            MONTH_13, COORDINATION_DAY_92, BORN_IN_THE_FUTURE);

    // --- partners --------------------------------------------------------------------------------------

    /** May send everything on every channel. */
    private static final Partner ANYTHING = partner("test-anything", EnumSet.allOf(Channel.class),
            EnumSet.allOf(MessageType.class));
    /** Like the demo kungalv-ame: no REFERRAL, no SIP notices. */
    private static final Partner STATUS_ONLY = partner("test-status-only", EnumSet.allOf(Channel.class),
            EnumSet.of(MessageType.STATUS_UPDATE, MessageType.HANDOVER, MessageType.CONSENT_WITHDRAWN));
    /** Like the demo goteborg-socialtjanst: no file drops. */
    private static final Partner NO_FILES = partner("test-no-files", EnumSet.of(Channel.HTTP, Channel.QUEUE),
            EnumSet.allOf(MessageType.class));

    private static Partner partner(String id, Set<Channel> channels, Set<MessageType> types) {
        return new Partner(id, "Partner " + id, OrganisationType.MUNICIPALITY, "1482", channels, types, List.of());
    }

    // --- helpers ---------------------------------------------------------------------------------------

    /** A sample from {@code src/test/resources/samples/canonical-<name>.json}, as a fresh tree. */
    private static ObjectNode sample(String name) {
        try {
            return (ObjectNode) JSON.readTree(Files.readAllBytes(
                    Path.of("src/test/resources/samples", "canonical-" + name + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode mutate(String name, Consumer<ObjectNode> change) {
        ObjectNode message = sample(name);
        change.accept(message);
        return message;
    }

    /** The object at {@code pointer}, e.g. {@code /participant}. */
    private static ObjectNode obj(ObjectNode message, String pointer) {
        return (ObjectNode) message.at(pointer);
    }

    private static Consumer<ObjectNode> pin(String number) {
        return m -> obj(m, "/participant").put("personalIdentityNumber", number);
    }

    private static byte[] bytes(JsonNode message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ValidatedMessage accept(JsonNode message) {
        return accept(message, ANYTHING, Channel.HTTP);
    }

    private static ValidatedMessage accept(JsonNode message, Partner partner, Channel channel) {
        try {
            return READER.read(bytes(message), partner, channel, RECEIVED_AT);
        } catch (MessageRejectedException e) {
            return fail("expected the message to be accepted, but got " + e.problems());
        }
    }

    private static MessageRejectedException reject(byte[] body) {
        return reject(body, ANYTHING, Channel.HTTP);
    }

    private static MessageRejectedException reject(byte[] body, Partner partner, Channel channel) {
        MessageRejectedException e = catchThrowableOfType(MessageRejectedException.class,
                () -> READER.read(body, partner, channel, RECEIVED_AT));
        assertThat(e).as("expected the message to be rejected").isNotNull();
        return e;
    }

    /**
     * Rejects {@code message} and checks that no problem, nor the exception's own message, reveals
     * the participant's identity number in any form.
     */
    private static MessageRejectedException reject(JsonNode message, Partner partner, Channel channel) {
        MessageRejectedException e = reject(bytes(message), partner, channel);
        JsonNode number = message.at(PIN);
        if (number.isTextual()) {
            assertRevealsNothing(e, number.textValue());
        }
        return e;
    }

    private static MessageRejectedException reject(JsonNode message) {
        return reject(message, ANYTHING, Channel.HTTP);
    }

    private static void assertRevealsNothing(MessageRejectedException e, String number) {
        String digits = number.replaceAll("[^0-9]", "");
        List<String> forms = new ArrayList<>(List.of(number));
        if (digits.length() >= 10) {
            forms.add(digits);
            forms.add(digits.substring(digits.length() - 10));
        }
        for (String form : forms) {
            if (form.length() < 6) {
                continue;
            }
            assertThat(e.getMessage()).doesNotContain(form);
            assertThat(e.problems()).extracting(Problem::message)
                    .allSatisfy(text -> assertThat(text).doesNotContain(form));
        }
    }

    private static List<Tuple> problems(MessageRejectedException e) {
        return e.problems().stream().map(p -> tuple(p.code(), p.path())).toList();
    }

    /** The message is rejected with exactly this one problem. */
    private static void assertRejected(JsonNode message, ProblemCode code, String path) {
        assertThat(problems(reject(message))).containsExactly(tuple(code, path));
    }

    private static void assertRejected(byte[] body, ProblemCode code, String path) {
        assertThat(problems(reject(body))).containsExactly(tuple(code, path));
    }

    // --- test data -------------------------------------------------------------------------------------

    @Test
    void testNumbersFollowTheTestDataRule() {
        for (String n : CORRECT_TEST_NUMBERS) {
            assertThat(n).as(n).hasSize(12).containsOnlyDigits();
            assertThat(Integer.parseInt(n.substring(8, 11))).as(n).isBetween(980, 999);
            assertThat(TestIdentityNumbers.luhn(n.substring(2, 11))).as(n).isEqualTo(n.charAt(11) - '0');
        }
        assertThat(Integer.parseInt(BAD_CHECK_DIGIT.substring(8, 11))).isBetween(980, 999);
        assertThat(TestIdentityNumbers.luhn(BAD_CHECK_DIGIT.substring(2, 11))).isNotEqualTo(BAD_CHECK_DIGIT.charAt(11) - '0');
        for (String name : List.of("referral", "status-exit", "sip-notice", "handover")) {
            String n = sample(name).at(PIN).textValue();
            assertThat(n).isIn(REFERRAL_WOMAN, STATUS_MAN, SIP_GIRL, HANDOVER_MAN);
        }
    }

    // --- valid messages --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            referral    | REFERRAL           | KUN-SOC-2026-000117 | alvkust | 199804179845 | WOMAN
            status-exit | STATUS_UPDATE      | KUN-AME-88213       | alvkust | 199003639854 | MAN
            sip-notice  | SIP_MEETING_NOTICE | UDD-EHT-SIP-0042-1  | vast    | 200905149829 | WOMAN
            handover    | HANDOVER           | ALE-AME-OVL-2026-09 | alvkust | 198711029911 | MAN
            """)
    void everySampleIsAcceptedAndRouted(String name, MessageType type, String messageId, String forbundId,
                                        String normalisedNumber, String gender) {
        ObjectNode original = sample(name);

        ValidatedMessage result = accept(original);

        assertThat(result.type()).isEqualTo(type);
        assertThat(result.messageId()).isEqualTo(messageId);
        assertThat(result.forbund().id()).isEqualTo(forbundId);
        assertThat(result.partner()).isSameAs(ANYTHING);
        assertThat(result.channel()).isEqualTo(Channel.HTTP);
        assertThat(result.receivedAt()).isEqualTo(RECEIVED_AT);
        assertThat(result.participantRef())
                .matches("[0-9a-f]{32}")
                .isEqualTo(new ParticipantRefs().of(result.forbund(), normalisedNumber));
        // the only changes are the normalised number and the gender filled in when absent
        ObjectNode expected = original.deepCopy();
        obj(expected, "/participant").put("personalIdentityNumber", normalisedNumber);
        obj(expected, "/participant").put("gender", gender);
        assertThat(result.message()).isEqualTo(expected);
        assertThat(result.toString()).doesNotContain(normalisedNumber);
    }

    @ParameterizedTest
    @ValueSource(strings = {"871102-9911", "8711029911", "19871102-9911", "198711029911"})
    void identityNumbersAreNormalisedTo12Digits(String form) {
        ValidatedMessage result = accept(mutate("handover", pin(form)));
        assertThat(result.message().at(PIN).textValue()).isEqualTo(HANDOVER_MAN);
        assertThat(result.message().at("/participant/gender").textValue()).isEqualTo("MAN");
    }

    @Test
    void aTenDigitFormOfSomeoneBornThisCenturyIsNormalisedByOccurredAt() {
        ValidatedMessage result = accept(mutate("sip-notice", pin("090514-9829")));
        assertThat(result.message().at(PIN).textValue()).isEqualTo(SIP_GIRL);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            HANDOVER_MAN + ", MAN",     // ninth digit 1
            STATUS_MAN + ", MAN",       // ninth digit 5
            REFERRAL_WOMAN + ", WOMAN", // ninth digit 4
            SIP_GIRL + ", WOMAN"        // ninth digit 2
    })
    void absentGenderIsFilledInFromTheNumber(String number, String gender) {
        ObjectNode message = mutate("status-exit", pin(number));
        assertThat(message.at("/participant/gender").isMissingNode()).isTrue();
        assertThat(accept(message).message().at("/participant/gender").textValue()).isEqualTo(gender);
    }

    @ParameterizedTest
    @ValueSource(strings = {"WOMAN", "MAN", "OTHER"})
    void givenGenderIsKept(String gender) {
        ObjectNode message = mutate("handover", m -> obj(m, "/participant").put("gender", gender));
        assertThat(accept(message).message().at("/participant/gender").textValue()).isEqualTo(gender);
    }

    @Test
    void theSamePersonGetsTheSameRefAtOneForbundAndAnotherAtAnother() {
        ValidatedMessage handover = accept(sample("handover"));                         // Ale, alvkust
        ValidatedMessage referral = accept(mutate("referral", pin("871102-9911")));     // Kungälv, alvkust
        ValidatedMessage elsewhere = accept(mutate("handover",
                m -> obj(m, "/participant").put("homeMunicipalityCode", "1485")));      // Uddevalla, vast
        ValidatedMessage someoneElse = accept(sample("referral"));

        assertThat(referral.forbund().id()).isEqualTo(handover.forbund().id()).isEqualTo("alvkust");
        assertThat(referral.participantRef()).isEqualTo(handover.participantRef());
        assertThat(elsewhere.forbund().id()).isEqualTo("vast");
        assertThat(elsewhere.participantRef()).isNotEqualTo(handover.participantRef());
        assertThat(someoneElse.participantRef()).isNotEqualTo(handover.participantRef());
    }

    @Test
    void everyChannelWorksForAPartnerAllowedThem() {
        for (Channel channel : Channel.values()) {
            assertThat(accept(sample("referral"), ANYTHING, channel).channel()).isEqualTo(channel);
        }
    }

    @Test
    void lowerCaseTAndZAreRfc3339() {
        ObjectNode message = mutate("status-exit", m -> m.put("occurredAt", "2026-11-23t15:00:00z"));
        assertThat(accept(message).forbund().id()).isEqualTo("alvkust");
    }

    /*
     * A leap second is a valid RFC 3339 time and the schema's date-time format accepts the real ones
     * (e.g. 2016-12-31T23:59:60Z), which java.time cannot parse: the rules read it as 23:59:59.
     */

    @Test
    void aLeapSecondInOccurredAtIsAcceptedOrRejectedButDoesNotCrash() {
        ObjectNode message = mutate("status-exit", m -> m.put("occurredAt", "2016-12-31T23:59:60Z"));
        Throwable thrown = catchThrowable(() -> READER.read(bytes(message), ANYTHING, Channel.HTTP, RECEIVED_AT));
        assertThat(thrown).satisfiesAnyOf(
                t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(MessageRejectedException.class));
    }

    @Test
    void aLeapSecondInThePastIsStillInThePast() {
        ObjectNode message = mutate("sip-notice", m -> obj(m, "/sipMeeting").put("startsAt", "2016-12-31T23:59:60Z"));
        assertRejected(message, ProblemCode.SCHEMA_VIOLATION, "/sipMeeting/startsAt");
    }

    // --- HUB-001, HUB-013: syntax, encoding, media type -----------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"schemaVersion\": \"1.0\",",
            "{'schemaVersion': '1.0'}",
            "{schemaVersion: \"1.0\"}",
            "{\"schemaVersion\": \"1.0\",}",
            "not json",
            "{\"schemaVersion\": 01}"})
    void malformedJsonIsHub001(String body) {
        assertRejected(utf8(body), ProblemCode.MALFORMED, "");
    }

    @ParameterizedTest
    @ValueSource(strings = {" x", " {}", "}", " \"more\"", " []"})
    void trailingGarbageIsHub001(String garbage) {
        assertRejected(utf8(sample("referral") + garbage), ProblemCode.MALFORMED, "");
    }

    @Test
    void trailingWhitespaceIsFine() {
        ValidatedMessage result = assertDoesNotReject(utf8(sample("referral") + " \r\n\t "));
        assertThat(result.type()).isEqualTo(MessageType.REFERRAL);
    }

    private static ValidatedMessage assertDoesNotReject(byte[] body) {
        try {
            return READER.read(body, ANYTHING, Channel.HTTP, RECEIVED_AT);
        } catch (MessageRejectedException e) {
            return fail("expected the body to be accepted, but got " + e.problems());
        }
    }

    @Test
    void duplicateKeysAreHub001() {
        assertRejected(utf8("{\"schemaVersion\": \"1.0\", \"schemaVersion\": \"1.0\"}"), ProblemCode.MALFORMED, "");

        String referral = sample("referral").toString();
        String twice = referral.replace("\"homeMunicipalityCode\":\"1482\"",
                "\"homeMunicipalityCode\":\"1482\",\"homeMunicipalityCode\":\"1440\"");
        assertThat(twice).isNotEqualTo(referral);
        MessageRejectedException e = reject(utf8(twice));
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.MALFORMED, ""));
        assertThat(e.problems().get(0).message()).contains("a field is repeated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\r\n\t "})
    void anEmptyBodyIsHub001(String body) {
        assertRejected(utf8(body), ProblemCode.MALFORMED, "");
    }

    @Test
    void aMalformedBodyIsNotQuotedInTheProblem() {
        String body = sample("referral").toString();
        byte[] cut = utf8(body.substring(0, body.indexOf(REFERRAL_WOMAN) + REFERRAL_WOMAN.length() + 1) + ",,");
        MessageRejectedException e = reject(cut);
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.MALFORMED, ""));
        assertRevealsNothing(e, REFERRAL_WOMAN);
    }

    @Test
    void deepNestingIsHub001() {
        String deep = "[".repeat(40) + "]".repeat(40);
        assertRejected(utf8(deep), ProblemCode.MALFORMED, "");
        String referral = sample("referral").toString();
        assertRejected(utf8(referral.substring(0, referral.length() - 1) + ",\"extra\":" + deep + "}"),
                ProblemCode.MALFORMED, "");
    }

    @Test
    void moderateNestingIsParsedAndThenJudgedByTheSchema() {
        String nested = "[".repeat(20) + "]".repeat(20);
        assertRejected(utf8(nested), ProblemCode.SCHEMA_VIOLATION, "");
    }

    @Test
    void invalidUtf8IsHub013() {
        String referral = sample("referral").toString();
        int at = referral.indexOf("Har haft");
        byte[] head = utf8(referral.substring(0, at));
        byte[] tail = utf8(referral.substring(at));
        byte[] body = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3;
        body[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, body, head.length + 2, tail.length);
        assertRejected(body, ProblemCode.UNSUPPORTED_MEDIA_TYPE, "");
    }

    @Test
    void latin1IsHub013() {
        byte[] latin1 = sample("referral").toString().getBytes(StandardCharsets.ISO_8859_1);
        assertRejected(latin1, ProblemCode.UNSUPPORTED_MEDIA_TYPE, "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8",
            "application/json; charset=\"utf-8\"", "APPLICATION/JSON", "application/json; charset=utf8"})
    void jsonInUtf8IsAReadableMediaType(String contentType) {
        assertThatCode(() -> CanonicalMessageReader.checkMediaType(contentType)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"text/plain", "application/json;charset=ISO-8859-1", "application/json; charset=windows-1252",
            "application/json; charset=utf-16", "text/json", "application/xml", "text/csv; charset=utf-8",
            "application", "nonsense"})
    void otherMediaTypesAndCharsetsAreHub013(String contentType) {
        MessageRejectedException e = catchThrowableOfType(MessageRejectedException.class,
                () -> CanonicalMessageReader.checkMediaType(contentType));
        assertThat(e).isNotNull();
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.UNSUPPORTED_MEDIA_TYPE, ""));
    }

    @Test
    void readHttpChecksTheMediaTypeFirst() {
        byte[] body = bytes(sample("referral"));
        assertThat(READER.readHttp(body, "application/json; charset=utf-8", ANYTHING, RECEIVED_AT).type())
                .isEqualTo(MessageType.REFERRAL);
        MessageRejectedException e = catchThrowableOfType(MessageRejectedException.class,
                () -> READER.readHttp(body, "text/plain", ANYTHING, RECEIVED_AT));
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.UNSUPPORTED_MEDIA_TYPE, ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"schemaVersion\": \"1.0\"}]", "\"text\"", "42", "null", "true"})
    void aMessageMustBeAnObject(String body) {
        assertRejected(utf8(body), ProblemCode.SCHEMA_VIOLATION, "");
    }

    @Test
    void anArrayOfValidMessagesIsNotOneMessage() {
        assertRejected(utf8("[" + sample("referral") + "]"), ProblemCode.SCHEMA_VIOLATION, "");
    }

    // --- HUB-014 ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"2.0", "1.1", "1", "1.0.0", ""})
    void anUnsupportedSchemaVersionIsHub014AndTheOnlyProblem(String version) {
        ObjectNode message = mutate("referral", m -> {
            m.put("schemaVersion", version);
            // problems that would otherwise be listed
            m.put("extra", true);
            m.remove("consent");
            obj(m, "/participant").put("personalIdentityNumber", BAD_CHECK_DIGIT);
        });
        assertRejected(message, ProblemCode.UNSUPPORTED_SCHEMA_VERSION, "/schemaVersion");
    }

    @Test
    void aMissingOrNonTextSchemaVersionIsASchemaViolation() {
        assertRejected(mutate("referral", m -> m.remove("schemaVersion")), ProblemCode.SCHEMA_VIOLATION, "/schemaVersion");
        assertRejected(mutate("referral", m -> m.put("schemaVersion", 1.0)), ProblemCode.SCHEMA_VIOLATION, "/schemaVersion");
    }

    // --- HUB-003 ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            BAD_CHECK_DIGIT, "19980417-9846", "980417-9846", "9804179846",     // check digit
            FEBRUARY_31, "980231-9849", FEBRUARY_29_1999, MONTH_13, COORDINATION_DAY_92, // impossible dates
            BORN_IN_THE_FUTURE,                                                // born after occurredAt
            "19980417 9845", "1998-04-17-9845", "19980417+9845", "98041798450", // format
            "19980417-98451", "980417--9845", "x99804179845", "abc", ""})
    void aBadIdentityNumberIsHub003AndNotQuoted(String number) {
        ObjectNode message = mutate("status-exit", pin(number));
        MessageRejectedException e = reject(message);
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.INVALID_IDENTITY_NUMBER, PIN));
        assertRevealsNothing(e, number);
        assertRevealsNothing(e, REFERRAL_WOMAN);
    }

    @Test
    void aBadIdentityNumberIsHub003ForEveryType() {
        for (String name : List.of("referral", "status-exit", "sip-notice", "handover")) {
            assertRejected(mutate(name, pin(BAD_CHECK_DIGIT)), ProblemCode.INVALID_IDENTITY_NUMBER, PIN);
        }
    }

    @Test
    void anIdentityNumberThatIsNotTextIsOnlyASchemaViolation() {
        ObjectNode message = mutate("status-exit", m -> obj(m, "/participant").put("personalIdentityNumber",
                Long.parseLong(STATUS_MAN)));
        assertRejected(message, ProblemCode.SCHEMA_VIOLATION, PIN);
    }

    // --- HUB-004, HUB-005 ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"9999", "0000", "1400", "0100"})
    void aCodeThatIsNoMunicipalityIsHub004(String code) {
        ObjectNode message = mutate("status-exit", m -> obj(m, "/participant").put("homeMunicipalityCode", code));
        assertRejected(message, ProblemCode.UNKNOWN_MUNICIPALITY, MUNICIPALITY);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
            "0180, 2026-11-23T16:00:00+01:00",   // Stockholm: a real municipality in no förbund
            "1280, 2026-11-23T16:00:00+01:00",   // Malmö
            "1407, 2017-06-01T10:00:00+02:00",   // Öckerö before it joined alvkust
            "1407, 2017-12-31T22:59:59Z",        // 23:59:59 Swedish time on the last day before
            "1461, 2021-12-31T12:00:00+01:00",   // Mellerud before it joined vast
            "1480, 2019-06-30T21:59:59Z"         // Göteborg: 23:59:59 summer time, the day before
    })
    void aMunicipalityWithNoForbundThatDayIsHub005(String code, String occurredAt) {
        ObjectNode message = mutate("status-exit", m -> {
            obj(m, "/participant").put("homeMunicipalityCode", code);
            m.put("occurredAt", occurredAt);
        });
        assertRejected(message, ProblemCode.NO_FORBUND_FOR_MUNICIPALITY, MUNICIPALITY);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource({
            "1407, 2017-12-31T23:30:00Z,      alvkust",          // 00:30 on 1 January 2018 in Sweden
            "1407, 2018-01-01T00:00:00+01:00, alvkust",
            "1461, 2021-12-31T23:00:00Z,      vast",             // midnight, 1 January 2022 in Sweden
            "1480, 2019-06-30T22:30:00Z,      finsam-goteborg"   // 00:30 summer time on 1 July 2019
    })
    void occurredAtIsReadAsASwedishDate(String code, String occurredAt, String forbundId) {
        ObjectNode message = mutate("status-exit", m -> {
            obj(m, "/participant").put("homeMunicipalityCode", code);
            m.put("occurredAt", occurredAt);
        });
        assertThat(accept(message).forbund().id()).isEqualTo(forbundId);
    }

    // --- HUB-006 ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            referral   | no consent           | /consent
            referral   | given false          | /consent/given
            referral   | given missing        | /consent/given
            referral   | given not a boolean  | /consent/given
            sip-notice | no consent           | /consent
            sip-notice | given false          | /consent/given
            handover   | no consent           | /consent
            handover   | given false          | /consent/given
            handover   | given missing        | /consent/given
            """)
    void typesThatNeedConsentAreHub006Without(String name, String change, String path) {
        ObjectNode message = mutate(name, m -> {
            obj(m, "/participant").put("personalIdentityNumber", HANDOVER_MAN); // an adult: no guardian needed
            switch (change) {
                case "no consent" -> m.remove("consent");
                case "given false" -> obj(m, "/consent").put("given", false);
                case "given missing" -> obj(m, "/consent").remove("given");
                case "given not a boolean" -> obj(m, "/consent").put("given", "true");
                default -> throw new IllegalArgumentException(change);
            }
        });
        List<Tuple> expected = new ArrayList<>(List.of(tuple(ProblemCode.CONSENT_MISSING, path)));
        if (change.equals("given not a boolean")) {
            expected.add(tuple(ProblemCode.SCHEMA_VIOLATION, "/consent/given"));
        }
        assertThat(problems(reject(message))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void statusUpdatesNeedNoConsent() {
        ObjectNode message = sample("status-exit");
        assertThat(message.has("consent")).isFalse();
        accept(message);
        accept(mutate("status-exit", m -> m.putObject("consent").put("given", false)));
    }

    @Test
    void consentWithdrawalsNeedNoConsent() {
        ObjectNode withdrawal = mutate("status-exit", m -> {
            m.put("type", "CONSENT_WITHDRAWN");
            m.remove("statusUpdate");
        });
        assertThat(accept(withdrawal).type()).isEqualTo(MessageType.CONSENT_WITHDRAWN);
        withdrawal.putObject("consent").put("given", false).put("givenAt", "2026-11-23");
        assertThat(accept(withdrawal).type()).isEqualTo(MessageType.CONSENT_WITHDRAWN);
    }

    // --- HUB-007 ---------------------------------------------------------------------------------------

    @Test
    void aMinorWithoutGuardianConsentIsHub007() {
        ObjectNode message = mutate("sip-notice", m -> obj(m, "/consent").remove("guardianConsent"));
        assertRejected(message, ProblemCode.GUARDIAN_CONSENT_MISSING, "/consent/guardianConsent");
        obj(message, "/consent").put("guardianConsent", false);
        assertRejected(message, ProblemCode.GUARDIAN_CONSENT_MISSING, "/consent/guardianConsent");
        obj(message, "/consent").put("guardianConsent", true);
        accept(message);
    }

    @Test
    void aMinorWithNoConsentAtAllLacksBoth() {
        ObjectNode message = mutate("sip-notice", m -> m.remove("consent"));
        assertThat(problems(reject(message))).containsExactlyInAnyOrder(
                tuple(ProblemCode.CONSENT_MISSING, "/consent"),
                tuple(ProblemCode.GUARDIAN_CONSENT_MISSING, "/consent/guardianConsent"));
    }

    @Test
    void someoneTurning18OnOccurredAtNeedsNoGuardianConsent() {
        ObjectNode message = mutate("sip-notice", m -> {
            obj(m, "/participant").put("personalIdentityNumber", TURNS_18_ON_SIP_DAY);
            obj(m, "/consent").remove("guardianConsent");
        });
        assertThat(message.get("occurredAt").textValue()).startsWith("2026-11-21");
        accept(message);
    }

    @Test
    void someoneTurning18TheNextDayNeedsGuardianConsent() {
        ObjectNode message = mutate("sip-notice", m -> {
            obj(m, "/participant").put("personalIdentityNumber", AGED_17_ON_SIP_DAY);
            obj(m, "/consent").remove("guardianConsent");
        });
        assertRejected(message, ProblemCode.GUARDIAN_CONSENT_MISSING, "/consent/guardianConsent");
    }

    @ParameterizedTest(name = "{0} -> 18: {1}")
    @CsvSource({
            "2026-11-20T22:59:59Z, false",   // 23:59:59 on the 20th in Sweden: still 17
            "2026-11-20T23:00:00Z, true"     // midnight, the 21st in Sweden: 18
    })
    void ageIsTakenOnTheSwedishDate(String occurredAt, boolean adult) {
        ObjectNode message = mutate("sip-notice", m -> {
            m.put("occurredAt", occurredAt);
            obj(m, "/participant").put("personalIdentityNumber", TURNS_18_ON_SIP_DAY);
            obj(m, "/consent").remove("guardianConsent");
        });
        if (adult) {
            accept(message);
        } else {
            assertRejected(message, ProblemCode.GUARDIAN_CONSENT_MISSING, "/consent/guardianConsent");
        }
    }

    @Test
    void guardianConsentIsNotAskedOfStatusUpdatesAboutMinors() {
        accept(mutate("status-exit", pin(SIP_GIRL)));
    }

    @Test
    void aReferralOfA16YearOldNeedsGuardianConsentToo() {
        ObjectNode message = mutate("referral", pin(TURNS_16_ON_REFERRAL_DAY));
        assertRejected(message, ProblemCode.GUARDIAN_CONSENT_MISSING, "/consent/guardianConsent");
        obj(message, "/consent").put("guardianConsent", true);
        accept(message);
    }

    // --- HUB-008 ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} on 2026-11-20 -> accepted: {1}")
    @CsvSource({
            AGED_15_ON_REFERRAL_DAY + ", false",
            TURNS_16_ON_REFERRAL_DAY + ", true",
            AGED_64_ON_REFERRAL_DAY + ", true",
            TURNS_65_ON_REFERRAL_DAY + ", false"
    })
    void referralsAreFor16To64YearOlds(String number, boolean accepted) {
        ObjectNode message = mutate("referral", m -> {
            obj(m, "/participant").put("personalIdentityNumber", number);
            obj(m, "/consent").put("guardianConsent", true); // the age rule alone decides
        });
        assertThat(message.get("occurredAt").textValue()).startsWith("2026-11-20");
        if (accepted) {
            accept(message);
        } else {
            assertRejected(message, ProblemCode.AGE_OUT_OF_RANGE, PIN);
        }
    }

    @Test
    void aFifteenYearOldWithoutGuardianConsentGetsBothProblems() {
        ObjectNode message = mutate("referral", pin(AGED_15_ON_REFERRAL_DAY));
        assertThat(problems(reject(message))).containsExactlyInAnyOrder(
                tuple(ProblemCode.GUARDIAN_CONSENT_MISSING, "/consent/guardianConsent"),
                tuple(ProblemCode.AGE_OUT_OF_RANGE, PIN));
    }

    @ParameterizedTest
    @ValueSource(strings = {AGED_15_ON_REFERRAL_DAY, TURNS_65_ON_REFERRAL_DAY})
    void theAgeRangeIsOnlyForReferrals(String number) {
        ObjectNode status = mutate("status-exit", m -> {
            obj(m, "/participant").put("personalIdentityNumber", number);
            m.put("occurredAt", "2026-11-20T09:15:00+01:00");
        });
        accept(status);
        ObjectNode handover = mutate("handover", m -> {
            obj(m, "/participant").put("personalIdentityNumber", number);
            obj(m, "/consent").put("guardianConsent", true);
            m.put("occurredAt", "2026-11-20T09:15:00+01:00");
        });
        accept(handover);
    }

    @Test
    void eachForbundMayConfigureItsOwnAgeRange() {
        Forbund youngAdults = new Forbund("unga-vuxna", "Unga vuxna", 18, 29,
                "a-secret-for-tests-only-0000000000000001", List.of(new Membership("1482", null, null)));
        MessageRules rules = new MessageRules(TestRegistries.municipalities(), TestRegistries.forbund(youngAdults), CLOCK);
        CanonicalMessageReader reader = new CanonicalMessageReader(new SchemaValidation(), rules, new ParticipantRefs());

        ObjectNode twentyEight = sample("referral");                         // born 1998-04-17: 28
        assertThat(reader.read(bytes(twentyEight), ANYTHING, Channel.HTTP, RECEIVED_AT).forbund()).isEqualTo(youngAdults);
        ObjectNode thirtyNine = mutate("referral", pin(HANDOVER_MAN));       // born 1987-11-02: 39
        MessageRejectedException e = catchThrowableOfType(MessageRejectedException.class,
                () -> reader.read(bytes(thirtyNine), ANYTHING, Channel.HTTP, RECEIVED_AT));
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.AGE_OUT_OF_RANGE, PIN));
        assertThat(e.problems().get(0).message()).contains("18").contains("29");
        ObjectNode sixteen = mutate("referral", m -> {
            obj(m, "/participant").put("personalIdentityNumber", TURNS_16_ON_REFERRAL_DAY);
            obj(m, "/consent").put("guardianConsent", true);
        });
        e = catchThrowableOfType(MessageRejectedException.class,
                () -> reader.read(bytes(sixteen), ANYTHING, Channel.HTTP, RECEIVED_AT));
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.AGE_OUT_OF_RANGE, PIN));
    }

    // --- HUB-011 ---------------------------------------------------------------------------------------

    @Test
    void aTypeThePartnerMayNotSendIsHub011() {
        MessageRejectedException e = reject(sample("referral"), STATUS_ONLY, Channel.HTTP);
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.NOT_ALLOWED, "/type"));
        assertThat(e.leadingCode().httpStatus()).isEqualTo(403);
        assertThat(problems(reject(sample("sip-notice"), STATUS_ONLY, Channel.QUEUE)))
                .containsExactly(tuple(ProblemCode.NOT_ALLOWED, "/type"));
        accept(sample("status-exit"), STATUS_ONLY, Channel.HTTP);
        accept(sample("handover"), STATUS_ONLY, Channel.FILE);
    }

    @Test
    void aChannelThePartnerMayNotUseIsHub011() {
        MessageRejectedException e = reject(sample("referral"), NO_FILES, Channel.FILE);
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.NOT_ALLOWED, ""));
        accept(sample("referral"), NO_FILES, Channel.HTTP);
        accept(sample("referral"), NO_FILES, Channel.QUEUE);
    }

    @Test
    void aTypeAndAChannelNotAllowedAreBothListed() {
        Partner filesOnlyStatus = partner("files-only", EnumSet.of(Channel.FILE), EnumSet.of(MessageType.STATUS_UPDATE));
        assertThat(problems(reject(sample("handover"), filesOnlyStatus, Channel.QUEUE))).containsExactlyInAnyOrder(
                tuple(ProblemCode.NOT_ALLOWED, ""),
                tuple(ProblemCode.NOT_ALLOWED, "/type"));
    }

    private static Consumer<ObjectNode> hub(String partnerId) {
        return m -> {
            ObjectNode hub = m.putObject("hub")
                    .put("trackingId", "TRK-1")
                    .put("receivedAt", "2026-11-25T09:00:00+01:00")
                    .put("channel", "HTTP")
                    .put("partnerOrgType", "MUNICIPALITY")
                    .put("forbundId", "alvkust")
                    .put("participantRef", "0123456789abcdef0123456789abcdef");
            if (partnerId != null) {
                hub.put("partnerId", partnerId);
            }
        };
    }

    @Test
    void aHubObjectNamingAnotherPartnerIsHub011() {
        assertRejected(mutate("referral", hub("goteborg-socialtjanst")), ProblemCode.NOT_ALLOWED, "/hub/partnerId");
    }

    @Test
    void aHubObjectWithoutPartnerIdIsHub002() {
        assertRejected(mutate("referral", hub(null)), ProblemCode.SCHEMA_VIOLATION, "/hub");
        assertRejected(mutate("referral", m -> m.putObject("hub")), ProblemCode.SCHEMA_VIOLATION, "/hub");
    }

    @Test
    void aHubObjectNamingTheSenderItselfIsStillHub002() {
        assertRejected(mutate("referral", hub(ANYTHING.id())), ProblemCode.SCHEMA_VIOLATION, "/hub");
    }

    // --- HUB-002 rules in code -------------------------------------------------------------------------

    private static Consumer<ObjectNode> activity(String periodStart, String periodEnd) {
        return m -> {
            ObjectNode statusUpdate = m.putObject("statusUpdate").put("status", "ACTIVITY_REPORTED");
            statusUpdate.putObject("activity")
                    .put("category", "WORK")
                    .put("kind", "WORK_TRAINING")
                    .put("hours", 32.5)
                    .put("periodStart", periodStart)
                    .put("periodEnd", periodEnd);
        };
    }

    @Test
    void anActivityPeriodMustNotEndBeforeItStarts() {
        assertRejected(mutate("status-exit", activity("2026-11-10", "2026-11-09")),
                ProblemCode.SCHEMA_VIOLATION, "/statusUpdate/activity/periodEnd");
        assertRejected(mutate("status-exit", activity("2026-11-01", "2025-11-30")),
                ProblemCode.SCHEMA_VIOLATION, "/statusUpdate/activity/periodEnd");
        accept(mutate("status-exit", activity("2026-11-10", "2026-11-10")));
        accept(mutate("status-exit", activity("2026-11-01", "2026-11-30")));
    }

    @Test
    void anInvalidPeriodDateIsOnlyASchemaProblem() {
        assertRejected(mutate("status-exit", activity("2026-11-31", "2026-11-09")),
                ProblemCode.SCHEMA_VIOLATION, "/statusUpdate/activity/periodStart");
    }

    @ParameterizedTest(name = "{0} at {1} -> accepted: {2}")
    @CsvSource({
            "CALLED,      2026-11-25T08:59:00+01:00, false",   // a minute before now
            "CALLED,      2026-11-24T10:00:00+01:00, false",
            "RESCHEDULED, 2026-11-25T08:59:00+01:00, false",
            "RESCHEDULED, 2025-12-03T10:00:00+01:00, false",
            "CALLED,      2026-11-25T09:01:00+01:00, true",    // a minute after now
            "RESCHEDULED, 2026-11-25T08:01:00Z,      true",
            "CANCELLED,   2026-11-24T10:00:00+01:00, true",    // cancelling a past meeting is fine
            "CANCELLED,   2026-12-03T10:00:00+01:00, true"
    })
    void aCalledOrRescheduledMeetingMustStartInTheFuture(String status, String startsAt, boolean accepted) {
        ObjectNode message = mutate("sip-notice", m -> obj(m, "/sipMeeting")
                .put("status", status)
                .put("startsAt", startsAt));
        if (accepted) {
            accept(message);
        } else {
            assertRejected(message, ProblemCode.SCHEMA_VIOLATION, "/sipMeeting/startsAt");
        }
    }

    @Test
    void locationAndDigitalMeetingUrlTogetherAreHub002() {
        ObjectNode message = mutate("sip-notice",
                m -> obj(m, "/sipMeeting").putObject("location").put("address", "Kungsgatan 1, Uddevalla"));
        assertRejected(message, ProblemCode.SCHEMA_VIOLATION, "/sipMeeting");
        obj(message, "/sipMeeting").put("status", "CANCELLED");
        assertRejected(message, ProblemCode.SCHEMA_VIOLATION, "/sipMeeting");
    }

    @Test
    void aLocationAloneIsFine() {
        accept(mutate("sip-notice", m -> {
            obj(m, "/sipMeeting").remove("digitalMeetingUrl");
            obj(m, "/sipMeeting").putObject("location").put("address", "Kungsgatan 1, Uddevalla");
        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CALLED", "RESCHEDULED"})
    void neitherLocationNorDigitalMeetingUrlIsHub002(String status) {
        ObjectNode message = mutate("sip-notice", m -> obj(m, "/sipMeeting")
                .put("status", status)
                .remove("digitalMeetingUrl"));
        assertRejected(message, ProblemCode.SCHEMA_VIOLATION, "/sipMeeting/location");
    }

    @Test
    void aCancelledMeetingNeedsNeitherPlaceNorTime() {
        accept(mutate("sip-notice", m -> {
            obj(m, "/sipMeeting").put("status", "CANCELLED");
            obj(m, "/sipMeeting").remove(List.of("digitalMeetingUrl", "startsAt", "durationMinutes"));
        }));
    }

    @Test
    void anHttpMeetingUrlIsHub002() {
        ObjectNode message = mutate("sip-notice",
                m -> obj(m, "/sipMeeting").put("digitalMeetingUrl", "http://meet.example.se/sip-0042"));
        assertRejected(message, ProblemCode.SCHEMA_VIOLATION, "/sipMeeting/digitalMeetingUrl");
    }

    @Test
    void aHandoverToTheSamePartyIsHub002() {
        ObjectNode message = mutate("handover", m -> obj(m, "/handover").set("to", m.at("/handover/from").deepCopy()));
        assertRejected(message, ProblemCode.SCHEMA_VIOLATION, "/handover/to");
    }

    @ParameterizedTest(name = "to {0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ALE KOMMUN           | ARBETSMARKNADSENHETEN
            '  Ale   kommun '    | arbetsmarknadsenheten
            'Ale kommun'         | ' Arbetsmarknadsenheten  '
            """)
    void partiesAreComparedWithoutRegardToCaseAndSpace(String organisation, String unit) {
        ObjectNode message = mutate("handover", m -> obj(m, "/handover").putObject("to")
                .put("organisation", organisation)
                .put("unit", unit)
                .put("name", "Någon annan"));
        assertRejected(message, ProblemCode.SCHEMA_VIOLATION, "/handover/to");
    }

    @Test
    void partiesWithoutUnitsAtOneOrganisationAreTheSame() {
        ObjectNode message = mutate("handover", m -> {
            obj(m, "/handover/from").remove("unit");
            obj(m, "/handover").putObject("to").put("organisation", "Ale kommun");
        });
        assertRejected(message, ProblemCode.SCHEMA_VIOLATION, "/handover/to");
    }

    @Test
    void aHandoverBetweenUnitsOfOneOrganisationIsFine() {
        accept(mutate("handover", m -> obj(m, "/handover").putObject("to")
                .put("organisation", "Ale kommun")
                .put("unit", "Socialtjänsten")));
        accept(mutate("handover", m -> obj(m, "/handover").putObject("to")
                .put("organisation", "Ale kommun")));
    }

    // --- several problems ------------------------------------------------------------------------------

    @Test
    void everyProblemIsListed() {
        ObjectNode message = mutate("referral", m -> {
            obj(m, "/participant").put("personalIdentityNumber", BAD_CHECK_DIGIT);
            obj(m, "/participant").put("homeMunicipalityCode", "9999");
            m.remove("consent");
            m.put("extra", 1);
        });
        MessageRejectedException e = reject(message);
        assertThat(problems(e)).containsExactlyInAnyOrder(
                tuple(ProblemCode.SCHEMA_VIOLATION, "/extra"),
                tuple(ProblemCode.INVALID_IDENTITY_NUMBER, PIN),
                tuple(ProblemCode.UNKNOWN_MUNICIPALITY, MUNICIPALITY),
                tuple(ProblemCode.CONSENT_MISSING, "/consent"));
        assertThat(e.leadingCode()).isEqualTo(ProblemCode.SCHEMA_VIOLATION);
        assertThat(e.getMessage()).contains("4 problem(s)").contains("HUB-002", "HUB-003", "HUB-004", "HUB-006");
    }

    @Test
    void problemsOfEveryKindAreListedTogether() {
        ObjectNode message = mutate("sip-notice", m -> {
            m.put("occurredAt", "2017-06-01T10:00:00+02:00");
            obj(m, "/participant").put("homeMunicipalityCode", "1407");         // Öckerö, not yet a member
            obj(m, "/consent").remove("guardianConsent");                        // a minor in 2017 too
            obj(m, "/sipMeeting").put("startsAt", "2026-11-01T10:00:00+01:00");  // passed
            obj(m, "/sipMeeting").put("durationMinutes", 5);                     // schema
            hub("goteborg-socialtjanst").accept(m);
        });
        MessageRejectedException e = reject(message, STATUS_ONLY, Channel.FILE);
        assertThat(problems(e)).containsExactlyInAnyOrder(
                tuple(ProblemCode.NOT_ALLOWED, "/type"),
                tuple(ProblemCode.NOT_ALLOWED, "/hub/partnerId"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/sipMeeting/durationMinutes"),
                tuple(ProblemCode.NO_FORBUND_FOR_MUNICIPALITY, MUNICIPALITY),
                tuple(ProblemCode.GUARDIAN_CONSENT_MISSING, "/consent/guardianConsent"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/sipMeeting/startsAt"));
        assertThat(e.leadingCode()).isEqualTo(ProblemCode.NOT_ALLOWED);
    }

    // --- leading code ----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            HUB-006 HUB-002 HUB-011 | HUB-011 | 403
            HUB-011 HUB-006 HUB-002 | HUB-011 | 403
            HUB-003 HUB-011         | HUB-011 | 403
            HUB-006 HUB-002         | HUB-002 | 400
            HUB-002 HUB-006         | HUB-002 | 400
            HUB-008 HUB-001         | HUB-001 | 400
            HUB-005 HUB-014         | HUB-014 | 400
            HUB-003 HUB-004 HUB-005 | HUB-003 | 422
            HUB-007                 | HUB-007 | 422
            HUB-011 HUB-013         | HUB-013 | 415
            HUB-002 HUB-012 HUB-011 | HUB-012 | 413
            """)
    void theLeadingCodeDecidesTheStatus(String codes, String leading, int status) {
        List<Problem> list = Arrays.stream(codes.split(" "))
                .map(c -> new Problem(code(c), "/x", "problem " + c))
                .toList();
        MessageRejectedException e = new MessageRejectedException(list);
        assertThat(e.leadingCode().code()).isEqualTo(leading);
        assertThat(e.leadingCode().httpStatus()).isEqualTo(status);
        assertThat(e.problems()).isEqualTo(list);
    }

    private static ProblemCode code(String code) {
        return Arrays.stream(ProblemCode.values()).filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void aRealRejectionLeadsWith403Then400Then422() {
        ObjectNode contentOnly = mutate("referral", pin(BAD_CHECK_DIGIT));
        assertThat(reject(contentOnly).leadingCode().httpStatus()).isEqualTo(422);
        contentOnly.put("extra", 1);
        assertThat(reject(contentOnly).leadingCode().httpStatus()).isEqualTo(400);
        assertThat(reject(bytes(contentOnly), STATUS_ONLY, Channel.HTTP).leadingCode().httpStatus()).isEqualTo(403);
    }
}
