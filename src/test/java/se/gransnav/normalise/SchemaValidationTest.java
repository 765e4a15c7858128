package se.gransnav.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidation VALIDATION = new SchemaValidation();

    // Test identity numbers from the contract samples (birth numbers 980-999).
    private static final String REFERRAL_PIN = "199804179845";

    private static ObjectNode sample(String name) {
        try (InputStream in = SchemaValidationTest.class.getResourceAsStream("/samples/canonical-" + name + ".json")) {
            assertThat(in).as("sample %s", name).isNotNull();
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode referral() {
        return sample("referral");
    }

    private static ObjectNode statusExit() {
        return sample("status-exit");
    }

    private static ObjectNode sip() {
        return sample("sip-notice");
    }

    private static ObjectNode handover() {
        return sample("handover");
    }

    private static ObjectNode obj(JsonNode message, String pointer) {
        return (ObjectNode) message.at(pointer);
    }

    private static List<Problem> validate(JsonNode message) {
        List<Problem> problems = VALIDATION.validate(message);
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.SCHEMA_VIOLATION);
            assertThat(p.code().code()).isEqualTo("HUB-002");
        });
        return problems;
    }

    /** Asserts that the message has exactly one problem, at {@code path}, and returns its text. */
    private static String onlyProblemAt(JsonNode message, String path) {
        List<Problem> problems = validate(message);
        assertThat(problems).extracting(Problem::path).containsExactly(path);
        return problems.get(0).message();
    }

    private static Problem problem(String path, String message) {
        return new Problem(ProblemCode.SCHEMA_VIOLATION, path, message);
    }

    // --- valid messages -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"referral", "status-exit", "sip-notice", "handover"})
    void canonicalSamplesAreValid(String name) {
        assertThat(validate(sample(name))).isEmpty();
    }

    @Test
    void schemaIsOnTheClasspath() throws IOException {
        try (InputStream in = SchemaValidation.class.getClassLoader().getResourceAsStream(SchemaValidation.schemaResource())) {
            assertThat(in).isNotNull();
            JsonNode schema = JSON.readTree(in);
            assertThat(schema.path("$id").asText()).isEqualTo("https://gransnav.se/schema/participant-message-v1.json");
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        }
    }

    @Test
    void consentWithdrawnNeedsNoSectionAndNoConsent() {
        ObjectNode message = referral();
        message.put("type", "CONSENT_WITHDRAWN");
        message.remove("referral");
        message.remove("consent");
        assertThat(validate(message)).isEmpty();
    }

    @Test
    void hubObjectAsDeliveredIsValid() {
        ObjectNode message = handover();
        ObjectNode hub = message.putObject("hub");
        hub.put("trackingId", "0193a6b2-7c1e-7a4f-9d2b-5c8e0f1a2b3c");
        hub.put("receivedAt", "2026-11-22T07:30:01.123Z");
        hub.put("channel", "QUEUE");
        hub.put("partnerId", "ale-ame");
        hub.put("partnerOrgType", "AME");
        hub.put("forbundId", "alvkust");
        hub.put("participantRef", "p-3f9a1c");
        assertThat(validate(message)).isEmpty();

        hub.put("channel", "EMAIL");
        hub.remove("participantRef");
        assertThat(validate(message)).containsExactly(
                problem("/hub/channel", "must be one of: HTTP, FILE, QUEUE"),
                problem("/hub/participantRef", "is required"));
    }

    // --- root -----------------------------------------------------------------------------------

    @Test
    void rootMustBeAnObject() {
        assertThat(validate(JSON.createArrayNode().add(referral()))).containsExactly(problem("", "must be an object"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"schemaVersion", "messageId", "type", "occurredAt", "participant"})
    void rootFieldsAreRequired(String field) {
        ObjectNode message = statusExit();
        message.remove(field);
        assertThat(validate(message)).containsExactly(problem("/" + field, "is required"));
    }

    @Test
    void unknownFieldAtRootIsRejected() {
        ObjectNode message = referral();
        message.put("priority", "HIGH");
        assertThat(validate(message)).containsExactly(problem("/priority", "is not a known field"));
    }

    @Test
    void unknownFieldsNestedAreRejected() {
        ObjectNode message = sip();
        obj(message, "/participant").put("name", "Test Testsson");
        obj(message, "/sipMeeting/called/1").put("room", "A1");
        obj(message, "/consent").put("a/b~c", true);
        assertThat(validate(message)).containsExactly(
                problem("/consent/a~1b~0c", "is not a known field"),
                problem("/participant/name", "is not a known field"),
                problem("/sipMeeting/called/1/room", "is not a known field"));
    }

    @Test
    void schemaVersionMustBeAString() {
        ObjectNode message = referral();
        message.put("schemaVersion", 1.0);
        assertThat(onlyProblemAt(message, "/schemaVersion")).isEqualTo("must be a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "KUN/SOC/1", "åäö", "KUN-1\n"})
    void messageIdMustMatchItsPattern(String id) {
        ObjectNode message = referral();
        message.put("messageId", id);
        assertThat(onlyProblemAt(message, "/messageId")).isEqualTo("must match ^[A-Za-z0-9._:-]{1,100}$");
    }

    @Test
    void messageIdIsAtMost100Characters() {
        ObjectNode message = referral();
        message.put("messageId", "a".repeat(100));
        assertThat(validate(message)).isEmpty();
        message.put("messageId", "a".repeat(101));
        assertThat(onlyProblemAt(message, "/messageId")).startsWith("must match");
    }

    @Test
    void typeMustBeKnown() {
        ObjectNode message = referral();
        message.put("type", "REMISS");
        assertThat(onlyProblemAt(message, "/type"))
                .isEqualTo("must be one of: REFERRAL, STATUS_UPDATE, SIP_MEETING_NOTICE, HANDOVER, CONSENT_WITHDRAWN");
    }

    // --- dates and date-times -------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T09:15:00", "2026-11-20", "2026-11-20 09:15:00+01:00", "2026-11-31T09:15:00Z",
        "2026-11-20T09:15+01:00", "2026-11-20T09:15:00+0100", "2026-11-20T09:15:00+01:00\n", "yesterday"})
    void occurredAtMustBeADateTimeWithOffset(String value) {
        ObjectNode message = referral();
        message.put("occurredAt", value);
        assertThat(onlyProblemAt(message, "/occurredAt")).isEqualTo("must be an RFC 3339 date-time with offset");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T08:15:00Z", "2026-11-20T09:15:00.5+01:00", "2026-11-20T09:15:00-05:00", "2026-11-20t08:15:00z"})
    void occurredAtAcceptsOffsetsAndFractions(String value) {
        ObjectNode message = referral();
        message.put("occurredAt", value);
        assertThat(validate(message)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "2026-13-01", "2026-1-05", "20261118", "2026-11-18T00:00:00Z", "18/11/2026", " 2026-11-18"})
    void datesMustBeRealCalendarDates(String value) {
        ObjectNode message = referral();
        obj(message, "/consent").put("givenAt", value);
        assertThat(onlyProblemAt(message, "/consent/givenAt")).isEqualTo("must be a date (YYYY-MM-DD)");
    }

    @Test
    void leapDayIsADate() {
        ObjectNode message = handover();
        obj(message, "/handover").put("handoverDate", "2028-02-29");
        assertThat(validate(message)).isEmpty();
        obj(message, "/handover").put("handoverDate", "2027-02-29");
        assertThat(onlyProblemAt(message, "/handover/handoverDate")).isEqualTo("must be a date (YYYY-MM-DD)");
    }

    // --- participant and consent ----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"personalIdentityNumber", "homeMunicipalityCode"})
    void participantFieldsAreRequired(String field) {
        ObjectNode message = referral();
        obj(message, "/participant").remove(field);
        assertThat(validate(message)).containsExactly(problem("/participant/" + field, "is required"));
    }

    @Test
    void identityNumberFormatIsLeftToCode() {
        ObjectNode message = referral();
        obj(message, "/participant").put("personalIdentityNumber", "980417-9845");
        assertThat(validate(message)).isEmpty();
        obj(message, "/participant").put("personalIdentityNumber", "not a number");
        assertThat(validate(message)).isEmpty();
        obj(message, "/participant").put("personalIdentityNumber", "1".repeat(21));
        assertThat(onlyProblemAt(message, "/participant/personalIdentityNumber")).isEqualTo("must be at most 20 characters");
    }

    @Test
    void wrongTypedIdentityNumberMessageDoesNotContainTheValue() {
        ObjectNode message = referral();
        obj(message, "/participant").put("personalIdentityNumber", Long.parseLong(REFERRAL_PIN));
        List<Problem> problems = validate(message);
        assertThat(problems).containsExactly(problem("/participant/personalIdentityNumber", "must be a string"));
        assertThat(problems.get(0).message()).doesNotContain(REFERRAL_PIN).doesNotContain("9845").doesNotContain("980417");
    }

    @Test
    void noMessageEverContainsAnInstanceValue() {
        ObjectNode message = referral();
        obj(message, "/participant").put("personalIdentityNumber", REFERRAL_PIN.repeat(2));
        obj(message, "/participant").put("homeMunicipalityCode", "SECRET-1");
        obj(message, "/participant").put("gender", "SECRET-2");
        obj(message, "/consent").put("givenAt", "SECRET-3");
        obj(message, "/referral").put("reason", "SECRET-4 ".repeat(500));
        ((ArrayNode) message.at("/referral/targetGroups")).add("SECRET-5");
        message.put("occurredAt", "SECRET-6");
        message.put("messageId", "SECRET 7");
        List<Problem> problems = validate(message);
        assertThat(problems).hasSize(8);
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain("SECRET").doesNotContain("9845"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"148", "14820", "K482", "1482\n", " 1482"})
    void municipalityCodeIsFourDigits(String code) {
        ObjectNode message = referral();
        obj(message, "/participant").put("homeMunicipalityCode", code);
        assertThat(onlyProblemAt(message, "/participant/homeMunicipalityCode")).isEqualTo("must match ^[0-9]{4}$");
    }

    @Test
    void genderIsOptionalButMustBeKnown() {
        ObjectNode message = referral();
        obj(message, "/participant").remove("gender");
        assertThat(validate(message)).isEmpty();
        obj(message, "/participant").put("gender", "K");
        assertThat(onlyProblemAt(message, "/participant/gender")).isEqualTo("must be one of: WOMAN, MAN, OTHER");
    }

    @Test
    void consentRequiresNothingInside() {
        ObjectNode message = referral();
        message.putObject("consent");
        assertThat(validate(message)).isEmpty();
        message.remove("consent");
        assertThat(validate(message)).as("missing consent is HUB-006, checked in code").isEmpty();
    }

    @Test
    void consentFlagsAreBooleans() {
        ObjectNode message = sip();
        obj(message, "/consent").put("given", "true");
        obj(message, "/consent").put("guardianConsent", 1);
        assertThat(validate(message)).containsExactly(
                problem("/consent/given", "must be a boolean"),
                problem("/consent/guardianConsent", "must be a boolean"));
    }

    // --- type-specific sections -----------------------------------------------------------------

    @Test
    void sectionForTheTypeIsRequired() {
        ObjectNode referral = referral();
        referral.remove("referral");
        assertThat(validate(referral)).containsExactly(problem("/referral", "is required"));

        ObjectNode status = statusExit();
        status.remove("statusUpdate");
        assertThat(validate(status)).containsExactly(problem("/statusUpdate", "is required"));

        ObjectNode sip = sip();
        sip.remove("sipMeeting");
        assertThat(validate(sip)).containsExactly(problem("/sipMeeting", "is required"));

        ObjectNode handover = handover();
        handover.remove("handover");
        assertThat(validate(handover)).containsExactly(problem("/handover", "is required"));
    }

    @Test
    void sectionsOfOtherTypesAreForbidden() {
        ObjectNode message = referral();
        message.set("handover", handover().get("handover"));
        message.set("statusUpdate", statusExit().get("statusUpdate"));
        assertThat(validate(message)).containsExactly(
                problem("/handover", "is not allowed when type is REFERRAL"),
                problem("/statusUpdate", "is not allowed when type is REFERRAL"));
    }

    @Test
    void sectionOfTheWrongTypeReportsBothMissingAndForbidden() {
        ObjectNode message = statusExit();
        message.put("type", "HANDOVER");
        assertThat(validate(message)).containsExactly(
                problem("/handover", "is required"),
                problem("/statusUpdate", "is not allowed when type is HANDOVER"));
    }

    @Test
    void consentWithdrawnForbidsEverySection() {
        ObjectNode message = referral();
        message.put("type", "CONSENT_WITHDRAWN");
        assertThat(validate(message)).containsExactly(problem("/referral", "is not allowed when type is CONSENT_WITHDRAWN"));
    }

    @Test
    void missingTypeAddsNoSectionNoise() {
        ObjectNode message = referral();
        message.remove("type");
        assertThat(validate(message)).containsExactly(problem("/type", "is required"));
    }

    // --- referral -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"targetGroups", "reason", "referrer"})
    void referralFieldsAreRequired(String field) {
        ObjectNode message = referral();
        obj(message, "/referral").remove(field);
        assertThat(validate(message)).containsExactly(problem("/referral/" + field, "is required"));
    }

    @Test
    void targetGroupsMustNotBeEmpty() {
        ObjectNode message = referral();
        obj(message, "/referral").putArray("targetGroups");
        assertThat(onlyProblemAt(message, "/referral/targetGroups")).isEqualTo("must not be empty");
    }

    @Test
    void targetGroupsMustBeKnown() {
        ObjectNode message = referral();
        ((ArrayNode) message.at("/referral/targetGroups")).add("UVAS");
        assertThat(onlyProblemAt(message, "/referral/targetGroups/2")).isEqualTo(
                "must be one of: LONG_TERM_UNEMPLOYED, LONG_TERM_SICK_LEAVE, ACTIVITY_COMPENSATION, NEET_YOUTH, "
                        + "CO_MORBIDITY, FOREIGN_BORN, DAILY_ACTIVITY_GREY_ZONE, CRIME_RISK, OTHER");
    }

    @Test
    void targetGroupsMustNotRepeat() {
        ObjectNode message = referral();
        ((ArrayNode) message.at("/referral/targetGroups")).add("CO_MORBIDITY");
        assertThat(onlyProblemAt(message, "/referral/targetGroups")).isEqualTo("must not contain duplicates");
    }

    @Test
    void referralTextsAreAtMost4000Characters() {
        ObjectNode message = referral();
        obj(message, "/referral").put("reason", "x".repeat(4000));
        obj(message, "/referral").put("requestedSupport", "x".repeat(4000));
        assertThat(validate(message)).isEmpty();
        obj(message, "/referral").put("reason", "x".repeat(4001));
        obj(message, "/referral").put("requestedSupport", "x".repeat(4001));
        assertThat(validate(message)).containsExactly(
                problem("/referral/reason", "must be at most 4000 characters"),
                problem("/referral/requestedSupport", "must be at most 4000 characters"));
    }

    @Test
    void referrerNeedsUnitAndHasNoOrganisation() {
        ObjectNode message = referral();
        obj(message, "/referral/referrer").remove("unit");
        obj(message, "/referral/referrer").put("organisation", "Kungälvs kommun");
        assertThat(validate(message)).containsExactly(
                problem("/referral/referrer/organisation", "is not a known field"),
                problem("/referral/referrer/unit", "is required"));
    }

    @Test
    void freeStringsAreBounded() {
        ObjectNode message = referral();
        obj(message, "/referral/referrer").put("unit", "u".repeat(201));
        obj(message, "/referral/referrer").put("name", "n".repeat(201));
        obj(message, "/referral/referrer").put("phone", "0".repeat(51));
        obj(message, "/referral/referrer").put("email", "e".repeat(255));
        assertThat(validate(message)).containsExactly(
                problem("/referral/referrer/email", "must be at most 254 characters"),
                problem("/referral/referrer/name", "must be at most 200 characters"),
                problem("/referral/referrer/phone", "must be at most 50 characters"),
                problem("/referral/referrer/unit", "must be at most 200 characters"));
    }

    // --- statusUpdate ---------------------------------------------------------------------------

    private static ObjectNode activityReport() {
        ObjectNode message = statusExit();
        ObjectNode update = obj(message, "/statusUpdate");
        update.removeAll();
        update.put("status", "ACTIVITY_REPORTED");
        ObjectNode activity = update.putObject("activity");
        activity.put("category", "WORK");
        activity.put("kind", "WORK_TRAINING");
        activity.put("hours", 12.5);
        activity.put("periodStart", "2026-11-01");
        activity.put("periodEnd", "2026-11-30");
        return message;
    }

    @Test
    void activityReportIsValid() {
        assertThat(validate(activityReport())).isEmpty();
    }

    @Test
    void statusIsRequiredAndKnown() {
        ObjectNode message = statusExit();
        obj(message, "/statusUpdate").put("status", "DONE");
        assertThat(validate(message)).containsExactly(
                problem("/statusUpdate/exit", "is only allowed when status is EXITED"),
                problem("/statusUpdate/status", "must be one of: ENROLLED, ACTIVITY_REPORTED, PAUSED, RESUMED, EXITED"));

        obj(message, "/statusUpdate").remove("exit");
        obj(message, "/statusUpdate").remove("status");
        assertThat(validate(message)).containsExactly(problem("/statusUpdate/status", "is required"));
    }

    @Test
    void activityIsRequiredWhenActivityReported() {
        ObjectNode message = activityReport();
        obj(message, "/statusUpdate").remove("activity");
        assertThat(validate(message)).containsExactly(problem("/statusUpdate/activity", "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ENROLLED", "PAUSED", "RESUMED"})
    void activityIsForbiddenForOtherStatuses(String status) {
        ObjectNode message = activityReport();
        obj(message, "/statusUpdate").put("status", status);
        assertThat(validate(message)).containsExactly(
                problem("/statusUpdate/activity", "is only allowed when status is ACTIVITY_REPORTED"));
    }

    @Test
    void plainStatusNeedsNoDetails() {
        ObjectNode message = statusExit();
        obj(message, "/statusUpdate").remove("exit");
        obj(message, "/statusUpdate").put("status", "ENROLLED");
        assertThat(validate(message)).isEmpty();
    }

    @Test
    void exitIsRequiredWhenExited() {
        ObjectNode message = statusExit();
        obj(message, "/statusUpdate").remove("exit");
        assertThat(validate(message)).containsExactly(problem("/statusUpdate/exit", "is required"));
    }

    @Test
    void exitIsForbiddenForOtherStatuses() {
        ObjectNode message = activityReport();
        obj(message, "/statusUpdate").set("exit", statusExit().at("/statusUpdate/exit"));
        assertThat(validate(message)).containsExactly(problem("/statusUpdate/exit", "is only allowed when status is EXITED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"category", "kind", "hours"})
    void activityFieldsAreRequired(String field) {
        ObjectNode message = activityReport();
        obj(message, "/statusUpdate/activity").remove(field);
        assertThat(validate(message)).containsExactly(problem("/statusUpdate/activity/" + field, "is required"));
    }

    @Test
    void activityCategoryAndKindMustBeKnown() {
        ObjectNode message = activityReport();
        obj(message, "/statusUpdate/activity").put("category", "arbete");
        obj(message, "/statusUpdate/activity").put("kind", "praktik");
        assertThat(validate(message)).containsExactly(
                problem("/statusUpdate/activity/category", "must be one of: WORK, HEALTH, SOCIAL, COMPETENCE"),
                problem("/statusUpdate/activity/kind", "must be one of: WORK_TRAINING, INTERNSHIP, STUDIES, "
                        + "HEALTH_PROMOTION, HOUSING_SUPPORT, COUNSELLING, GROUP_ACTIVITY, OTHER"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, 744.01, 745})
    void hoursMustBePositiveAndAtMost744(double hours) {
        ObjectNode message = activityReport();
        obj(message, "/statusUpdate/activity").put("hours", hours);
        assertThat(onlyProblemAt(message, "/statusUpdate/activity/hours")).isEqualTo("must be greater than 0 and at most 744");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.25, 1, 744})
    void hoursWithinRangeAreValid(double hours) {
        ObjectNode message = activityReport();
        obj(message, "/statusUpdate/activity").put("hours", hours);
        assertThat(validate(message)).isEmpty();
    }

    @Test
    void hoursMustBeANumber() {
        ObjectNode message = activityReport();
        obj(message, "/statusUpdate/activity").put("hours", "7,5");
        assertThat(onlyProblemAt(message, "/statusUpdate/activity/hours")).isEqualTo("must be a number");
    }

    @Test
    void periodOrderIsLeftToCodeButDatesAreChecked() {
        ObjectNode message = activityReport();
        obj(message, "/statusUpdate/activity").put("periodStart", "2026-12-01");
        assertThat(validate(message)).isEmpty();
        obj(message, "/statusUpdate/activity").put("periodEnd", "2026-11-31");
        assertThat(onlyProblemAt(message, "/statusUpdate/activity/periodEnd")).isEqualTo("must be a date (YYYY-MM-DD)");
    }

    @Test
    void exitReasonIsRequired() {
        ObjectNode message = statusExit();
        obj(message, "/statusUpdate/exit").remove("employment");
        obj(message, "/statusUpdate/exit").remove("reason");
        assertThat(validate(message)).containsExactly(problem("/statusUpdate/exit/reason", "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"STUDIES", "CLOSER_TO_LABOUR_MARKET", "OTHER"})
    void employmentIsOnlyAllowedWithReasonWork(String reason) {
        ObjectNode message = statusExit();
        obj(message, "/statusUpdate/exit").put("reason", reason);
        assertThat(validate(message)).containsExactly(
                problem("/statusUpdate/exit/employment", "is only allowed when reason is WORK"));

        obj(message, "/statusUpdate/exit").remove("employment");
        assertThat(validate(message)).isEmpty();
    }

    @Test
    void employmentFlagsAreBooleans() {
        ObjectNode message = statusExit();
        obj(message, "/statusUpdate/exit/employment").put("permanent", "tillsvidare");
        obj(message, "/statusUpdate/exit/employment").put("hoursPerWeek", 40);
        assertThat(validate(message)).containsExactly(
                problem("/statusUpdate/exit/employment/hoursPerWeek", "is not a known field"),
                problem("/statusUpdate/exit/employment/permanent", "must be a boolean"));
    }

    @Test
    void exitDetailAndSurveyAnswersMustBeKnown() {
        ObjectNode message = statusExit();
        obj(message, "/statusUpdate/exit").put("detail", "MOVED");
        assertThat(validate(message)).isEmpty();
        obj(message, "/statusUpdate/exit").put("detail", "EMIGRATED");
        obj(message, "/statusUpdate/exit/survey").put("experienceUsed", "MAYBE");
        assertThat(validate(message)).containsExactly(
                problem("/statusUpdate/exit/detail", "must be one of: JOB_SEEKING, VOCATIONAL_REHABILITATION, "
                        + "MEDICAL_REHABILITATION, SICKNESS_COMPENSATION, MOVED, OTHER"),
                problem("/statusUpdate/exit/survey/experienceUsed", "must be one of: YES, NO, NO_ANSWER"));
    }

    // --- sipMeeting -----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"meetingId", "status", "convener"})
    void sipMeetingFieldsAreRequired(String field) {
        ObjectNode message = sip();
        obj(message, "/sipMeeting").remove(field);
        assertThat(validate(message)).containsExactly(problem("/sipMeeting/" + field, "is required"));
    }

    @Test
    void meetingIdIsOneTo100Characters() {
        ObjectNode message = sip();
        obj(message, "/sipMeeting").put("meetingId", "");
        assertThat(onlyProblemAt(message, "/sipMeeting/meetingId")).isEqualTo("must not be empty");
        obj(message, "/sipMeeting").put("meetingId", "m".repeat(101));
        assertThat(onlyProblemAt(message, "/sipMeeting/meetingId")).isEqualTo("must be at most 100 characters");
    }

    @Test
    void sipStatusMustBeKnown() {
        ObjectNode message = sip();
        obj(message, "/sipMeeting").put("status", "MOVED");
        assertThat(onlyProblemAt(message, "/sipMeeting/status")).isEqualTo("must be one of: CALLED, RESCHEDULED, CANCELLED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CALLED", "RESCHEDULED"})
    void startsAtIsRequiredUnlessCancelled(String status) {
        ObjectNode message = sip();
        obj(message, "/sipMeeting").put("status", status);
        obj(message, "/sipMeeting").remove("startsAt");
        assertThat(validate(message)).containsExactly(problem("/sipMeeting/startsAt", "is required"));
    }

    @Test
    void cancelledWithoutStartsAtIsFine() {
        ObjectNode message = sip();
        obj(message, "/sipMeeting").put("status", "CANCELLED");
        obj(message, "/sipMeeting").remove("startsAt");
        obj(message, "/sipMeeting").remove("digitalMeetingUrl");
        assertThat(validate(message)).isEmpty();
    }

    @Test
    void startsAtMustBeADateTimeWithOffset() {
        ObjectNode message = sip();
        obj(message, "/sipMeeting").put("startsAt", "2026-12-03T10:00");
        assertThat(onlyProblemAt(message, "/sipMeeting/startsAt")).isEqualTo("must be an RFC 3339 date-time with offset");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://meet.example.se/sip-0042", "ftp://meet.example.se/x", "https://", "https://meet.example.se/a b",
        "HTTPS://meet.example.se/x", "https://meet.example.se/x\n", "meet.example.se/x"})
    void digitalMeetingUrlMustBeHttps(String url) {
        ObjectNode message = sip();
        obj(message, "/sipMeeting").put("digitalMeetingUrl", url);
        assertThat(onlyProblemAt(message, "/sipMeeting/digitalMeetingUrl")).isEqualTo("must match ^https://\\S+$");
    }

    @Test
    void locationNeedsAnAddress() {
        ObjectNode message = sip();
        obj(message, "/sipMeeting").remove("digitalMeetingUrl");
        obj(message, "/sipMeeting").putObject("location").put("address", "Kungsgatan 1, Uddevalla");
        assertThat(validate(message)).isEmpty();
        obj(message, "/sipMeeting/location").remove("address");
        obj(message, "/sipMeeting/location").put("room", "A1");
        assertThat(validate(message)).containsExactly(
                problem("/sipMeeting/location/address", "is required"),
                problem("/sipMeeting/location/room", "is not a known field"));
    }

    @Test
    void locationAndUrlTogetherAreLeftToCode() {
        ObjectNode message = sip();
        obj(message, "/sipMeeting").putObject("location").put("address", "Kungsgatan 1, Uddevalla");
        assertThat(validate(message)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 14, 481, 1000})
    void durationIsBetween15And480(int minutes) {
        ObjectNode message = sip();
        obj(message, "/sipMeeting").put("durationMinutes", minutes);
        assertThat(onlyProblemAt(message, "/sipMeeting/durationMinutes")).isEqualTo("must be between 15 and 480");
    }

    @Test
    void durationIsWholeMinutes() {
        ObjectNode message = sip();
        obj(message, "/sipMeeting").put("durationMinutes", 15);
        assertThat(validate(message)).isEmpty();
        obj(message, "/sipMeeting").put("durationMinutes", 480);
        assertThat(validate(message)).isEmpty();
        obj(message, "/sipMeeting").put("durationMinutes", 90.5);
        assertThat(onlyProblemAt(message, "/sipMeeting/durationMinutes")).isEqualTo("must be an integer");
    }

    @Test
    void convenerNeedsAnOrganisation() {
        ObjectNode message = sip();
        obj(message, "/sipMeeting/convener").remove("organisation");
        assertThat(validate(message)).containsExactly(problem("/sipMeeting/convener/organisation", "is required"));
    }

    @Test
    void calledAndInvitedNeedOrganisations() {
        ObjectNode message = sip();
        obj(message, "/sipMeeting/called/1").remove("organisation");
        obj(message, "/sipMeeting/invited/0").remove("organisation");
        assertThat(validate(message)).containsExactly(
                problem("/sipMeeting/called/1/organisation", "is required"),
                problem("/sipMeeting/invited/0/organisation", "is required"));
    }

    @Test
    void calledHasAtMost50Entries() {
        ObjectNode message = sip();
        ArrayNode called = (ArrayNode) message.at("/sipMeeting/called");
        while (called.size() < 50) {
            called.addObject().put("organisation", "Org " + called.size());
        }
        assertThat(validate(message)).isEmpty();
        called.addObject().put("organisation", "One too many");
        assertThat(onlyProblemAt(message, "/sipMeeting/called")).isEqualTo("must have at most 50 items");
    }

    @Test
    void invitedMustBeAnArray() {
        ObjectNode message = sip();
        obj(message, "/sipMeeting").putObject("invited").put("organisation", "Arbetsförmedlingen");
        assertThat(onlyProblemAt(message, "/sipMeeting/invited")).isEqualTo("must be an array");
    }

    @Test
    void purposeIsAtMost4000Characters() {
        ObjectNode message = sip();
        obj(message, "/sipMeeting").put("purpose", "p".repeat(4001));
        assertThat(onlyProblemAt(message, "/sipMeeting/purpose")).isEqualTo("must be at most 4000 characters");
    }

    // --- handover -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"from", "to", "summary"})
    void handoverFieldsAreRequired(String field) {
        ObjectNode message = handover();
        obj(message, "/handover").remove(field);
        assertThat(validate(message)).containsExactly(problem("/handover/" + field, "is required"));
    }

    @Test
    void handoverPartiesNeedAnOrganisation() {
        ObjectNode message = handover();
        obj(message, "/handover/from").remove("organisation");
        obj(message, "/handover/to").remove("organisation");
        assertThat(validate(message)).containsExactly(
                problem("/handover/from/organisation", "is required"),
                problem("/handover/to/organisation", "is required"));
    }

    @Test
    void sameFromAndToIsLeftToCode() {
        ObjectNode message = handover();
        obj(message, "/handover").set("to", message.at("/handover/from").deepCopy());
        assertThat(validate(message)).isEmpty();
    }

    @Test
    void nextStepsAreBoundedTexts() {
        ObjectNode message = handover();
        ArrayNode steps = (ArrayNode) message.at("/handover/nextSteps");
        steps.add("s".repeat(4001));
        steps.add(3);
        assertThat(validate(message)).containsExactly(
                problem("/handover/nextSteps/2", "must be at most 4000 characters"),
                problem("/handover/nextSteps/3", "must be a string"));
        steps.removeAll();
        for (int i = 0; i < 51; i++) {
            steps.add("Steg " + i);
        }
        assertThat(onlyProblemAt(message, "/handover/nextSteps")).isEqualTo("must have at most 50 items");
    }

    @Test
    void handoverDateMustBeADate() {
        ObjectNode message = handover();
        obj(message, "/handover").put("handoverDate", "2026-12-01T00:00:00+01:00");
        assertThat(onlyProblemAt(message, "/handover/handoverDate")).isEqualTo("must be a date (YYYY-MM-DD)");
    }

    // --- several problems -----------------------------------------------------------------------

    @Test
    void everyProblemIsListedSortedByPath() {
        ObjectNode message = referral();
        message.put("occurredAt", "2026-11-20T09:15:00");
        message.put("extra", 1);
        obj(message, "/participant").put("homeMunicipalityCode", "Kungälv");
        obj(message, "/participant").put("personalIdentityNumber", Long.parseLong(REFERRAL_PIN));
        obj(message, "/consent").put("givenAt", "2026-02-30");
        obj(message, "/referral").remove("reason");
        ((ArrayNode) message.at("/referral/targetGroups")).add("UNKNOWN").add("CO_MORBIDITY");
        message.set("sipMeeting", sip().get("sipMeeting"));

        assertThat(validate(message)).containsExactly(
                problem("/consent/givenAt", "must be a date (YYYY-MM-DD)"),
                problem("/extra", "is not a known field"),
                problem("/occurredAt", "must be an RFC 3339 date-time with offset"),
                problem("/participant/homeMunicipalityCode", "must match ^[0-9]{4}$"),
                problem("/participant/personalIdentityNumber", "must be a string"),
                problem("/referral/reason", "is required"),
                problem("/referral/targetGroups", "must not contain duplicates"),
                problem("/referral/targetGroups/2", "must be one of: LONG_TERM_UNEMPLOYED, LONG_TERM_SICK_LEAVE, "
                        + "ACTIVITY_COMPENSATION, NEET_YOUTH, CO_MORBIDITY, FOREIGN_BORN, DAILY_ACTIVITY_GREY_ZONE, "
                        + "CRIME_RISK, OTHER"),
                problem("/sipMeeting", "is not allowed when type is REFERRAL"));
    }

    @Test
    void validatorIsReusableAcrossThreads() throws Exception {
        ObjectNode bad = referral();
        bad.put("extra", 1);
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<List<Problem>> results = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                for (int j = 0; j < 50; j++) {
                    results.add(VALIDATION.validate(j % 2 == 0 ? bad : sip()));
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(results).hasSize(400).allSatisfy(r -> assertThat(r).isIn(
                List.of(), List.of(problem("/extra", "is not a known field"))));
    }
}
