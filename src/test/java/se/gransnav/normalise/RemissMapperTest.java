package se.gransnav.normalise;

import se.gransnav.TestIdentityNumbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import se.gransnav.routing.ParticipantRefs;
import se.gransnav.routing.TestRegistries;
import se.gransnav.security.OrganisationType;
import se.gransnav.security.Partner;

/**
 * The municipal referral format (contract section 4): the mapping to a canonical REFERRAL, the
 * problems only a remiss can have, and the canonical validation's problems in the remiss's terms.
 * Uses the real municipality and förbund registries and the reader of {@link MessageRulesTest}.
 *
 * <p>Identity numbers have birth numbers 980–999 and correct Luhn digits
 * ({@link #testNumbersFollowTheTestDataRule}), except the one about a wrong check digit.
 */
class RemissMapperTest {

    /** "Now" for every test: 09:00 Swedish time on 25 November 2026. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);
    private static final OffsetDateTime RECEIVED_AT = OffsetDateTime.parse("2026-11-25T09:00:00+01:00");

    private static final CanonicalMessageReader READER = new CanonicalMessageReader(new SchemaValidation(),
            new MessageRules(TestRegistries.municipalities(), TestRegistries.forbund(), CLOCK), new ParticipantRefs());
    private static final RemissMapper MAPPER = new RemissMapper(TestRegistries.municipalities());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Like goteborg-socialtjanst: referrals over HTTP only. */
    private static final Partner SOCIALTJANST = new Partner("test-socialtjanst", "Socialtjänsten Test",
            OrganisationType.MUNICIPALITY, "1480", EnumSet.of(Channel.HTTP), EnumSet.of(MessageType.REFERRAL), List.of());
    /** May send over HTTP, but no referrals. */
    private static final Partner NO_REFERRALS = new Partner("test-no-referrals", "AME Test",
            OrganisationType.AME, "1480", EnumSet.of(Channel.HTTP), EnumSet.of(MessageType.STATUS_UPDATE), List.of());

    /** The sample's man, born 1987-11-02, in the sample's form. */
    private static final String SAMPLE_NUMBER = "871102-9911";
    private static final String SAMPLE_NUMBER_12 = "198711029911";
    /** Born 2008-11-22: 17 on the sample's skapad (2026-11-20). */
    private static final String AGED_17 = "081122-9871";
    /** The sample's number with the wrong check digit (1 is right). */
    private static final String BAD_CHECK_DIGIT = "871102-9912";

    // --- helpers ---------------------------------------------------------------------------------------

    /** {@code src/test/resources/samples/remiss-goteborg.json}, a copy of the contract's sample, as a fresh tree. */
    private static ObjectNode sample() {
        try {
            return (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("src/test/resources/samples/remiss-goteborg.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode remiss(Consumer<ObjectNode> change) {
        ObjectNode remiss = sample();
        change.accept(remiss);
        return remiss;
    }

    private static ObjectNode obj(ObjectNode node, String pointer) {
        return (ObjectNode) node.at(pointer);
    }

    private static Consumer<ObjectNode> person(String field, String value) {
        return r -> obj(r, "/person").put(field, value);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageRejectedException mappingRejects(JsonNode remiss) {
        MessageRejectedException e = catchThrowableOfType(MessageRejectedException.class, () -> MAPPER.toCanonical(remiss));
        assertThat(e).as("expected the mapper to reject the remiss").isNotNull();
        return e;
    }

    private static List<Tuple> problems(MessageRejectedException e) {
        return e.problems().stream().map(p -> tuple(p.code(), p.path())).toList();
    }

    /** The remiss maps, the canonical validation accepts it. */
    private static ValidatedMessage accept(JsonNode remiss) {
        ObjectNode canonical = MAPPER.toCanonical(remiss);
        try {
            return READER.validate(canonical, SOCIALTJANST, Channel.HTTP, RECEIVED_AT);
        } catch (MessageRejectedException e) {
            return fail("expected the remiss to be accepted, but got " + e.problems());
        }
    }

    /** The remiss maps, the canonical validation rejects it; the rejection in the remiss's terms. */
    private static MessageRejectedException validationRejects(JsonNode remiss, Partner partner) {
        ObjectNode canonical = MAPPER.toCanonical(remiss);
        MessageRejectedException e = catchThrowableOfType(MessageRejectedException.class,
                () -> READER.validate(canonical, partner, Channel.HTTP, RECEIVED_AT));
        assertThat(e).as("expected the canonical validation to reject the remiss").isNotNull();
        MessageRejectedException translated = MAPPER.inRemissTerms(e);
        JsonNode number = remiss.at("/person/personnummer");
        if (number.isTextual()) {
            String digits = number.textValue().replaceAll("[^0-9]", "");
            for (Problem p : translated.problems()) {
                assertThat(p.message()).doesNotContain(number.textValue()).doesNotContain(digits);
            }
        }
        return translated;
    }

    private static MessageRejectedException validationRejects(JsonNode remiss) {
        return validationRejects(remiss, SOCIALTJANST);
    }

    // --- the sample ------------------------------------------------------------------------------------

    @Test
    void theSampleMapsToExactlyThisCanonicalReferral() {
        ObjectNode expected = JSON.createObjectNode();
        expected.put("schemaVersion", "1.0");
        expected.put("messageId", "GBG-SOC-2026-00042");
        expected.put("type", "REFERRAL");
        expected.put("occurredAt", "2026-11-20T10:02:00+01:00");
        ObjectNode participant = expected.putObject("participant");
        participant.put("personalIdentityNumber", SAMPLE_NUMBER);
        participant.put("homeMunicipalityCode", "1480");
        participant.put("gender", "MAN");
        ObjectNode consent = expected.putObject("consent");
        consent.put("given", true);
        consent.put("givenAt", "2026-11-19");
        consent.put("guardianConsent", false);
        ObjectNode referral = expected.putObject("referral");
        referral.putArray("targetGroups").add("LONG_TERM_SICK_LEAVE").add("CO_MORBIDITY");
        referral.put("reason", "Långvarig sjukskrivning, behöver samordnat stöd från FK, AF och vården.");
        referral.put("requestedSupport", "Rehabvägledare och arbetsförmågeutredning.");
        ObjectNode referrer = referral.putObject("referrer");
        referrer.put("unit", "Socialtjänsten Centrum");
        referrer.put("name", "Socialsekreterare Test");
        referrer.put("phone", "031-000000");
        referrer.put("email", "centrum@example.se");

        ObjectNode remiss = sample();
        ObjectNode original = remiss.deepCopy();

        assertThat(MAPPER.toCanonical(remiss)).isEqualTo(expected);
        assertThat(remiss).as("the remiss itself is not changed").isEqualTo(original);
    }

    @Test
    void theSamplesCanonicalPassesTheContractsRules() {
        ValidatedMessage result = accept(sample());

        assertThat(result.type()).isEqualTo(MessageType.REFERRAL);
        assertThat(result.messageId()).isEqualTo("GBG-SOC-2026-00042");
        assertThat(result.forbund().id()).isEqualTo("finsam-goteborg");
        assertThat(result.message().at("/participant/personalIdentityNumber").textValue()).isEqualTo(SAMPLE_NUMBER_12);
        assertThat(result.message().at("/participant/gender").textValue()).isEqualTo("MAN");
        assertThat(result.participantRef()).isEqualTo(new ParticipantRefs().of(result.forbund(), SAMPLE_NUMBER_12));
    }

    // --- mapping rules ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            långtidsarbetslös          | LONG_TERM_UNEMPLOYED
            Långtidsarbetslös          | LONG_TERM_UNEMPLOYED
            LÅNGTIDSARBETSLÖS          | LONG_TERM_UNEMPLOYED
            långtidssjukskriven        | LONG_TERM_SICK_LEAVE
            LångtidsSjukskriven        | LONG_TERM_SICK_LEAVE
            aktivitetsersättning       | ACTIVITY_COMPENSATION
            AKTIVITETSERSÄTTNING       | ACTIVITY_COMPENSATION
            uvas                       | NEET_YOUTH
            UVAS                       | NEET_YOUTH
            Uvas                       | NEET_YOUTH
            samsjuklighet              | CO_MORBIDITY
            Samsjuklighet              | CO_MORBIDITY
            utrikes född               | FOREIGN_BORN
            Utrikes Född               | FOREIGN_BORN
            'utrikes   född'           | FOREIGN_BORN
            gråzon daglig verksamhet   | DAILY_ACTIVITY_GREY_ZONE
            GRÅZON DAGLIG VERKSAMHET   | DAILY_ACTIVITY_GREY_ZONE
            risk för kriminalitet      | CRIME_RISK
            Risk för Kriminalitet      | CRIME_RISK
            annat                      | OTHER
            ANNAT                      | OTHER
            '  annat '                 | OTHER
            """)
    void everyMalgruppMapsWhateverItsCase(String malgrupp, String targetGroup) {
        ObjectNode canonical = MAPPER.toCanonical(remiss(r -> r.putArray("malgrupper").add(malgrupp)));
        assertThat(canonical.at("/referral/targetGroups")).isEqualTo(JSON.createArrayNode().add(targetGroup));
    }

    @Test
    void aMalgruppWithDecomposedLettersMaps() {
        ObjectNode canonical = MAPPER.toCanonical(remiss(r -> r.putArray("malgrupper")
                .add("la\u030Angtidsarbetslo\u0308s").add("utrikes fo\u0308dd")));
        assertThat(canonical.at("/referral/targetGroups"))
                .isEqualTo(JSON.createArrayNode().add("LONG_TERM_UNEMPLOYED").add("FOREIGN_BORN"));
    }

    @Test
    void allMalgrupperMapInTheirOrder() {
        ObjectNode canonical = MAPPER.toCanonical(remiss(r -> r.putArray("malgrupper")
                .add("annat").add("uvas").add("långtidsarbetslös").add("risk för kriminalitet")));
        assertThat(canonical.at("/referral/targetGroups")).isEqualTo(JSON.createArrayNode()
                .add("OTHER").add("NEET_YOUTH").add("LONG_TERM_UNEMPLOYED").add("CRIME_RISK"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"K, WOMAN", "M, MAN", "X, OTHER", "k, WOMAN", "m, MAN", "x, OTHER", "' M ', MAN"})
    void konMapsToGender(String kon, String gender) {
        ObjectNode canonical = MAPPER.toCanonical(remiss(person("kon", kon)));
        assertThat(canonical.at("/participant/gender").textValue()).isEqualTo(gender);
    }

    @Test
    void aGivenGenderIsKeptEvenWhenTheNumberSaysOtherwise() {
        ValidatedMessage result = accept(remiss(person("kon", "X")));
        assertThat(result.message().at("/participant/gender").textValue()).isEqualTo("OTHER");
    }

    @Test
    void withoutKonThereIsNoGenderAndTheHubFillsItInFromTheNumber() {
        ObjectNode remiss = remiss(r -> obj(r, "/person").remove("kon"));
        assertThat(MAPPER.toCanonical(remiss).at("/participant").has("gender")).isFalse();
        assertThat(accept(remiss).message().at("/participant/gender").textValue()).isEqualTo("MAN");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Göteborgs stad         | 1480
            Göteborg               | 1480
            göteborgs kommun       | 1480
            '  GÖTEBORGS STAD  '   | 1480
            kungälvs kommun        | 1482
            Kungälv                | 1482
            Öckerö                 | 1407
            Öckerö kommun          | 1407
            Borås stad             | 1490
            Upplands Väsbys kommun | 0114
            Malung-Sälens kommun   | 2023
            Dals-Eds kommun        | 1438
            """)
    void folkbokforingskommunIsMatchedByName(String name, String code) {
        ObjectNode canonical = MAPPER.toCanonical(remiss(person("folkbokforingskommun", name)));
        assertThat(canonical.at("/participant/homeMunicipalityCode").textValue()).isEqualTo(code);
    }

    @Test
    void aMunicipalityOfAnotherForbundRoutesThere() {
        assertThat(accept(remiss(person("folkbokforingskommun", "Kungälvs kommun"))).forbund().id())
                .isEqualTo("alvkust");
        assertThat(accept(remiss(person("folkbokforingskommun", "Uddevalla kommun"))).forbund().id())
                .isEqualTo("vast");
    }

    @Test
    void theIdentityNumberIsCopiedUnchanged() {
        for (String form : List.of(SAMPLE_NUMBER, "8711029911", "198711029911", "19871102-9911")) {
            ObjectNode remiss = remiss(person("personnummer", form));
            assertThat(MAPPER.toCanonical(remiss).at("/participant/personalIdentityNumber").textValue()).isEqualTo(form);
            assertThat(accept(remiss).message().at("/participant/personalIdentityNumber").textValue())
                    .isEqualTo(SAMPLE_NUMBER_12);
        }
    }

    @Test
    void absentFieldsStayAbsent() {
        ObjectNode canonical = MAPPER.toCanonical(json("{}"));
        ObjectNode expected = JSON.createObjectNode();
        expected.put("schemaVersion", "1.0");
        expected.put("type", "REFERRAL");
        expected.putObject("referral");
        assertThat(canonical).isEqualTo(expected);

        ObjectNode sparse = MAPPER.toCanonical(json("{\"person\": {}, \"samtycke\": {}, \"handlaggare\": {}, \"malgrupper\": []}"));
        assertThat(sparse.get("participant")).isEqualTo(JSON.createObjectNode());
        assertThat(sparse.get("consent")).isEqualTo(JSON.createObjectNode());
        assertThat(sparse.at("/referral/referrer")).isEqualTo(JSON.createObjectNode());
        assertThat(sparse.at("/referral/targetGroups")).isEqualTo(JSON.createArrayNode());
        assertThat(sparse.at("/referral").size()).isEqualTo(2);
    }

    @Test
    void valuesOfTheWrongTypeAreCopiedForTheCanonicalValidationToReport() {
        ObjectNode remiss = remiss(r -> {
            r.put("orsak", 42);
            obj(r, "/samtycke").put("lamnat", "ja");
            obj(r, "/handlaggare").putArray("enhet");
        });
        ObjectNode canonical = MAPPER.toCanonical(remiss);
        assertThat(canonical.at("/referral/reason").intValue()).isEqualTo(42);
        assertThat(canonical.at("/consent/given").textValue()).isEqualTo("ja");
        assertThat(canonical.at("/referral/referrer/unit").isArray()).isTrue();

        assertThat(problems(validationRejects(remiss))).containsExactlyInAnyOrder(
                tuple(ProblemCode.SCHEMA_VIOLATION, "/handlaggare/enhet"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/orsak"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/samtycke/lamnat"),
                tuple(ProblemCode.CONSENT_MISSING, "/samtycke/lamnat"));
    }

    // --- problems only a remiss can have ---------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"Atlantis", "Göteborgs", "Göteborgs län", "", " ", "1480"})
    void anUnknownMunicipalityNameIsHub004(String name) {
        MessageRejectedException e = mappingRejects(remiss(person("folkbokforingskommun", name)));
        assertThat(e.problems()).containsExactly(new Problem(ProblemCode.UNKNOWN_MUNICIPALITY,
                "/person/folkbokforingskommun", "is not the name of a Swedish municipality"));
    }

    @Test
    void aMunicipalityThatIsNotAStringIsHub002() {
        MessageRejectedException e = mappingRejects(remiss(r -> obj(r, "/person").put("folkbokforingskommun", 1480)));
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.SCHEMA_VIOLATION, "/person/folkbokforingskommun"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"arbetslös", "långtids arbetslös", "LONG_TERM_UNEMPLOYED", "", "uvas, annat"})
    void anUnknownMalgruppIsHub002AtItsIndex(String malgrupp) {
        MessageRejectedException e = mappingRejects(remiss(r -> r.putArray("malgrupper").add("uvas").add(malgrupp)));
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.SCHEMA_VIOLATION, "/malgrupper/1"));
        assertThat(e.problems().get(0).message()).isEqualTo("must be one of: långtidsarbetslös, långtidssjukskriven, "
                + "aktivitetsersättning, uvas, samsjuklighet, utrikes född, gråzon daglig verksamhet, "
                + "risk för kriminalitet, annat");
    }

    @Test
    void aMalgruppThatIsNotAStringIsHub002AtItsIndex() {
        MessageRejectedException e = mappingRejects(remiss(r -> r.putArray("malgrupper").add(1).addNull().add("uvas")
                .addObject()));
        assertThat(problems(e)).containsExactly(
                tuple(ProblemCode.SCHEMA_VIOLATION, "/malgrupper/0"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/malgrupper/1"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/malgrupper/3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"F", "W", "KM", "", "kvinna", "MAN"})
    void konOtherThanKMOrXIsHub002(String kon) {
        MessageRejectedException e = mappingRejects(remiss(person("kon", kon)));
        assertThat(e.problems()).containsExactly(
                new Problem(ProblemCode.SCHEMA_VIOLATION, "/person/kon", "must be one of: K, M, X"));
    }

    @Test
    void konThatIsNotAStringIsHub002() {
        assertThat(problems(mappingRejects(remiss(r -> obj(r, "/person").put("kon", 1)))))
                .containsExactly(tuple(ProblemCode.SCHEMA_VIOLATION, "/person/kon"));
        assertThat(problems(mappingRejects(remiss(r -> obj(r, "/person").putNull("kon")))))
                .containsExactly(tuple(ProblemCode.SCHEMA_VIOLATION, "/person/kon"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            person      | "871102-9911"      | must be an object
            person      | []                 | must be an object
            person      | null               | must be an object
            samtycke    | true               | must be an object
            samtycke    | ["lamnat"]         | must be an object
            handlaggare | "Socialtjänsten"   | must be an object
            handlaggare | [{"enhet": "x"}]   | must be an object
            malgrupper  | "uvas"             | must be an array
            malgrupper  | {"0": "uvas"}      | must be an array
            malgrupper  | null               | must be an array
            """)
    void aSectionOfTheWrongTypeIsHub002AtItsPath(String field, String value, String message) {
        MessageRejectedException e = mappingRejects(remiss(r -> r.set(field, json(value))));
        assertThat(e.problems()).containsExactly(new Problem(ProblemCode.SCHEMA_VIOLATION, "/" + field, message));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            ''           | diagnos              | /diagnos
            ''           | messageId            | /messageId
            ''           | hub                  | /hub
            /person      | adress               | /person/adress
            /person      | personalIdentityNumber | /person/personalIdentityNumber
            /samtycke    | given                | /samtycke/given
            /handlaggare | chef                 | /handlaggare/chef
            ''           | a/b~c                | /a~1b~0c
            """)
    void unknownFieldsAreHub002AtTheirPath(String parent, String field, String path) {
        MessageRejectedException e = mappingRejects(remiss(r -> obj(r, parent).put(field, "x")));
        assertThat(e.problems()).containsExactly(new Problem(ProblemCode.SCHEMA_VIOLATION, path, "is not a known field"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{}]", "\"remiss\"", "42", "null", "true"})
    void aRemissThatIsNotAnObjectIsHub002AtTheRoot(String text) {
        MessageRejectedException e = mappingRejects(json(text));
        assertThat(e.problems()).containsExactly(
                new Problem(ProblemCode.SCHEMA_VIOLATION, "", "a remiss must be a JSON object"));
    }

    @Test
    void aMissingRemissIsHub002AtTheRoot() {
        assertThat(problems(mappingRejects(null))).containsExactly(tuple(ProblemCode.SCHEMA_VIOLATION, ""));
    }

    @Test
    void everyRemissProblemIsListedAtOnce() {
        ObjectNode remiss = remiss(r -> {
            r.put("extra", "x");
            obj(r, "/person").put("kon", "Q");
            obj(r, "/person").put("folkbokforingskommun", "Gotham stad");
            obj(r, "/person").put("telefon", "070-0000000");
            r.putArray("malgrupper").add("uvas").add("okänd").add("annat").add("arbetslös");
            r.put("samtycke", "ja");
            obj(r, "/handlaggare").put("titel", "x");
        });

        MessageRejectedException e = mappingRejects(remiss);

        assertThat(problems(e)).containsExactlyInAnyOrder(
                tuple(ProblemCode.SCHEMA_VIOLATION, "/extra"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/person/telefon"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/person/kon"),
                tuple(ProblemCode.UNKNOWN_MUNICIPALITY, "/person/folkbokforingskommun"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/malgrupper/1"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/malgrupper/3"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/samtycke"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/handlaggare/titel"));
        assertThat(e.leadingCode()).isEqualTo(ProblemCode.SCHEMA_VIOLATION);
    }

    @Test
    void remissProblemsNeverRepeatAValue() {
        ObjectNode remiss = remiss(r -> {
            obj(r, "/person").put("kon", "Hemlig-kon");
            obj(r, "/person").put("folkbokforingskommun", "Hemliga stad");
            r.putArray("malgrupper").add("Hemlig-grupp");
            r.put("Hemligt-fält", "Hemligt-värde");
        });
        MessageRejectedException e = mappingRejects(remiss);
        assertThat(e.problems()).hasSize(4);
        assertThat(e.problems()).extracting(Problem::message)
                .allSatisfy(m -> assertThat(m).doesNotContainIgnoringCase("hemlig"));
        assertThat(e.getMessage()).doesNotContainIgnoringCase("hemlig");
    }

    // --- the canonical validation's problems in remiss terms -------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /messageId                           | /remissId
            /occurredAt                          | /skapad
            /participant                         | /person
            /participant/personalIdentityNumber  | /person/personnummer
            /participant/gender                  | /person/kon
            /participant/homeMunicipalityCode    | /person/folkbokforingskommun
            /referral/targetGroups               | /malgrupper
            /referral/targetGroups/0             | /malgrupper/0
            /referral/targetGroups/12            | /malgrupper/12
            /referral/reason                     | /orsak
            /referral/requestedSupport           | /onskatStod
            /referral/referrer                   | /handlaggare
            /referral/referrer/unit              | /handlaggare/enhet
            /referral/referrer/name              | /handlaggare/namn
            /referral/referrer/phone             | /handlaggare/telefon
            /referral/referrer/email             | /handlaggare/epost
            /consent                             | /samtycke
            /consent/given                       | /samtycke/lamnat
            /consent/givenAt                     | /samtycke/datum
            /consent/guardianConsent             | /samtycke/vardnadshavare
            /referral                            | ''
            ''                                   | ''
            /type                                | ''
            /schemaVersion                       | ''
            /statusUpdate                        | /statusUpdate
            /hub/partnerId                       | /hub/partnerId
            /messageIdentity                     | /messageIdentity
            /consent/givenAtX                    | /samtycke/givenAtX
            /participant/x                       | /person/x
            /referral/x                          | /x
            """)
    void remissPathTranslatesCanonicalPointers(String canonical, String remiss) {
        assertThat(RemissMapper.remissPath(canonical)).isEqualTo(remiss);
    }

    @Test
    void aBadCheckDigitIsHub003AtPersonnummer() {
        MessageRejectedException e = validationRejects(remiss(person("personnummer", BAD_CHECK_DIGIT)));
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.INVALID_IDENTITY_NUMBER, "/person/personnummer"));
    }

    @Test
    void aMissingOrsakIsHub002AtOrsak() {
        MessageRejectedException e = validationRejects(remiss(r -> r.remove("orsak")));
        assertThat(e.problems()).containsExactly(new Problem(ProblemCode.SCHEMA_VIOLATION, "/orsak", "is required"));
    }

    @Test
    void consentNotGivenIsHub006AtSamtyckeLamnatInTheRemissWords() {
        MessageRejectedException e = validationRejects(remiss(r -> obj(r, "/samtycke").put("lamnat", false)));
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.CONSENT_MISSING, "/samtycke/lamnat"));
        assertThat(e.problems().get(0).message())
                .isEqualTo("a REFERRAL needs the participant's consent: samtycke.lamnat must be true");
    }

    @Test
    void noSamtyckeIsHub006AtSamtycke() {
        MessageRejectedException e = validationRejects(remiss(r -> r.remove("samtycke")));
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.CONSENT_MISSING, "/samtycke"));
    }

    @Test
    void aMinorWithoutGuardianConsentIsHub007AtVardnadshavare() {
        MessageRejectedException e = validationRejects(remiss(person("personnummer", AGED_17)));
        assertThat(e.problems()).containsExactly(new Problem(ProblemCode.GUARDIAN_CONSENT_MISSING,
                "/samtycke/vardnadshavare",
                "the participant is under 18 on skapad: samtycke.vardnadshavare must be true"));
        assertThat(accept(remiss(r -> {
            person("personnummer", AGED_17).accept(r);
            obj(r, "/samtycke").put("vardnadshavare", true);
        })).forbund().id()).isEqualTo("finsam-goteborg");
    }

    @Test
    void missingFieldsAreReportedAtTheRemissFields() {
        ObjectNode remiss = remiss(r -> {
            r.remove("remissId");
            r.remove("skapad");
            r.remove("malgrupper");
            r.remove("handlaggare");
            obj(r, "/person").remove("folkbokforingskommun");
        });
        MessageRejectedException e = validationRejects(remiss);
        assertThat(problems(e)).containsExactlyInAnyOrder(
                tuple(ProblemCode.SCHEMA_VIOLATION, "/remissId"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/skapad"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/malgrupper"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/handlaggare"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/person/folkbokforingskommun"));
        assertThat(e.problems()).extracting(Problem::message).containsOnly("is required");
    }

    @Test
    void missingPersonAndEnhetAreReportedAtTheRemissFields() {
        MessageRejectedException e = validationRejects(remiss(r -> {
            r.remove("person");
            obj(r, "/handlaggare").remove("enhet");
        }));
        assertThat(problems(e)).containsExactlyInAnyOrder(
                tuple(ProblemCode.SCHEMA_VIOLATION, "/person"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/handlaggare/enhet"));
    }

    @Test
    void badFormatsAreReportedAtTheRemissFields() {
        MessageRejectedException e = validationRejects(remiss(r -> {
            r.put("remissId", "GBG SOC 42");
            r.put("skapad", "2026-11-20");
            r.putArray("malgrupper");
            obj(r, "/samtycke").put("datum", "19/11/2026");
            obj(r, "/handlaggare").put("epost", "x".repeat(255));
        }));
        assertThat(problems(e)).contains(
                tuple(ProblemCode.SCHEMA_VIOLATION, "/remissId"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/skapad"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/malgrupper"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/samtycke/datum"),
                tuple(ProblemCode.SCHEMA_VIOLATION, "/handlaggare/epost"));
        assertThat(e.problems()).extracting(Problem::path).allSatisfy(path -> assertThat(path)
                .doesNotStartWith("/referral").doesNotStartWith("/consent").doesNotStartWith("/participant"));
    }

    @Test
    void aMalgruppGivenTwiceIsADuplicateAtMalgrupper() {
        MessageRejectedException e = validationRejects(remiss(r -> r.putArray("malgrupper").add("uvas").add("UVAS")));
        assertThat(e.problems()).containsExactly(
                new Problem(ProblemCode.SCHEMA_VIOLATION, "/malgrupper", "must not contain duplicates"));
    }

    @Test
    void aPartnerThatMayNotSendReferralsIsHub011AtTheRoot() {
        MessageRejectedException e = validationRejects(sample(), NO_REFERRALS);
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.NOT_ALLOWED, ""));
    }

    @Test
    void someoneOutsideTheAgeRangeIsHub008AtPersonnummer() {
        // born 1961-11-20: 65 on skapad
        MessageRejectedException e = validationRejects(remiss(person("personnummer", "611120-9844")));
        assertThat(problems(e)).containsExactly(tuple(ProblemCode.AGE_OUT_OF_RANGE, "/person/personnummer"));
        assertThat(e.problems().get(0).message()).contains("on skapad").doesNotContain("occurredAt");
    }

    @Test
    void inRemissTermsKeepsCodesOrderAndCause() {
        MessageRejectedException canonical = new MessageRejectedException(List.of(
                new Problem(ProblemCode.CONSENT_MISSING, "/consent/given", "consent.given must be true"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "/referral/targetGroups/2", "must be one of: A, B"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "/consent/givenAt", "consent.givenAt must be a date, not occurredAt"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "/referral/foo", "is not a known field")));

        MessageRejectedException remiss = MAPPER.inRemissTerms(canonical);

        assertThat(remiss.problems()).containsExactly(
                new Problem(ProblemCode.CONSENT_MISSING, "/samtycke/lamnat", "samtycke.lamnat must be true"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "/malgrupper/2", "must be one of: A, B"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "/samtycke/datum", "samtycke.datum must be a date, not skapad"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "/foo", "is not a known field"));
        assertThat(remiss.getCause()).isSameAs(canonical);
        assertThat(remiss.leadingCode()).isEqualTo(canonical.leadingCode());
    }

    // --- test data -------------------------------------------------------------------------------------

    @Test
    void testNumbersFollowTheTestDataRule() {
        for (String n : List.of(SAMPLE_NUMBER, AGED_17, "611120-9844")) {
            String ten = n.replace("-", "");
            assertThat(Integer.parseInt(ten.substring(6, 9))).as(n).isBetween(980, 999);
            assertThat(TestIdentityNumbers.luhn(ten.substring(0, 9))).as(n).isEqualTo(ten.charAt(9) - '0');
        }
        String bad = BAD_CHECK_DIGIT.replace("-", "");
        assertThat(Integer.parseInt(bad.substring(6, 9))).isBetween(980, 999);
        assertThat(TestIdentityNumbers.luhn(bad.substring(0, 9))).isNotEqualTo(bad.charAt(9) - '0');
        assertThat(sample().at("/person/personnummer").textValue()).isEqualTo(SAMPLE_NUMBER);
    }
}
