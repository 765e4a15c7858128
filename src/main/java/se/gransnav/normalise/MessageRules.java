package se.gransnav.normalise;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import se.gransnav.routing.Forbund;
import se.gransnav.routing.ForbundRegistry;
import se.gransnav.routing.MunicipalityRegistry;
import se.gransnav.security.Partner;

/**
 * The rules of contract sections 3 and 6 that a JSON Schema cannot express: identity numbers,
 * municipalities and förbund membership, consent and age, and the cross-field rules of the message
 * types. Each rule looks only at values of the right type, so a message that also breaks the
 * schema still gets every problem listed once.
 */
@Component
class MessageRules {

    /** Dates in messages are Swedish dates: an {@code occurredAt} of 23:30Z on the 31st is the 1st. */
    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    private static final int AGE_OF_MAJORITY = 18;

    private final MunicipalityRegistry municipalities;
    private final ForbundRegistry forbundRegistry;
    private final Clock clock;

    MessageRules(MunicipalityRegistry municipalities, ForbundRegistry forbundRegistry, Clock clock) {
        this.municipalities = municipalities;
        this.forbundRegistry = forbundRegistry;
        this.clock = clock;
    }

    /** What the rules found: the problems, and where there were none, the participant and förbund. */
    record Outcome(List<Problem> problems, PersonalIdentityNumber identityNumber, Forbund forbund) {
    }

    Outcome check(JsonNode message, Partner partner) {
        List<Problem> problems = new ArrayList<>();
        MessageType type = enumValue(message.path("type"), MessageType.class);
        if (type != null && !partner.maySend(type)) {
            problems.add(new Problem(ProblemCode.NOT_ALLOWED, "/type",
                    "partner " + partner.id() + " may not send " + type));
        }
        LocalDate day = swedishDate(message.path("occurredAt"));

        PersonalIdentityNumber pin = identityNumber(message, day, problems);
        Forbund forbund = forbund(message, day, problems);
        if (type != null) {
            consent(message, type, pin, day, problems);
            if (type == MessageType.REFERRAL) {
                referralAge(pin, day, forbund, problems);
            }
            switch (type) {
                case STATUS_UPDATE -> statusUpdate(message.path("statusUpdate"), problems);
                case SIP_MEETING_NOTICE -> sipMeeting(message.path("sipMeeting"), problems);
                case HANDOVER -> handover(message.path("handover"), problems);
                default -> { }
            }
        }
        return new Outcome(problems, pin, forbund);
    }

    private PersonalIdentityNumber identityNumber(JsonNode message, LocalDate day, List<Problem> problems) {
        JsonNode node = message.at("/participant/personalIdentityNumber");
        if (!node.isTextual()) {
            return null;
        }
        // Without a valid occurredAt (already a problem) today decides the century of a 10-digit form.
        LocalDate reference = day != null ? day : LocalDate.now(clock.withZone(SWEDEN));
        try {
            return PersonalIdentityNumber.parse(node.textValue(), reference);
        } catch (InvalidIdentityNumberException e) {
            problems.add(new Problem(ProblemCode.INVALID_IDENTITY_NUMBER, "/participant/personalIdentityNumber",
                    e.getMessage()));
            return null;
        }
    }

    private Forbund forbund(JsonNode message, LocalDate day, List<Problem> problems) {
        JsonNode node = message.at("/participant/homeMunicipalityCode");
        if (!node.isTextual() || !node.textValue().matches("[0-9]{4}")) {
            return null; // the schema reports it
        }
        String code = node.textValue();
        String path = "/participant/homeMunicipalityCode";
        var municipality = municipalities.byCode(code);
        if (municipality.isEmpty()) {
            problems.add(new Problem(ProblemCode.UNKNOWN_MUNICIPALITY, path,
                    code + " is not a Swedish municipality code"));
            return null;
        }
        if (day == null) {
            return null;
        }
        Optional<Forbund> forbund = forbundRegistry.forMunicipality(code, day);
        if (forbund.isEmpty()) {
            problems.add(new Problem(ProblemCode.NO_FORBUND_FOR_MUNICIPALITY, path,
                    code + " (" + municipality.get().name() + ") belongs to no förbund served by the hub on " + day));
            return null;
        }
        return forbund.get();
    }

    private void consent(JsonNode message, MessageType type, PersonalIdentityNumber pin, LocalDate day,
                         List<Problem> problems) {
        if (!type.requiresConsent()) {
            return;
        }
        JsonNode consent = message.path("consent");
        if (!consent.path("given").isBoolean() || !consent.path("given").booleanValue()) {
            problems.add(new Problem(ProblemCode.CONSENT_MISSING,
                    consent.isObject() ? "/consent/given" : "/consent",
                    "a " + type + " needs the participant's consent: consent.given must be true"));
        }
        if (pin != null && day != null && pin.ageOn(day) < AGE_OF_MAJORITY
                && !consent.path("guardianConsent").booleanValue()) {
            problems.add(new Problem(ProblemCode.GUARDIAN_CONSENT_MISSING, "/consent/guardianConsent",
                    "the participant is under 18 on occurredAt: consent.guardianConsent must be true"));
        }
    }

    private void referralAge(PersonalIdentityNumber pin, LocalDate day, Forbund forbund, List<Problem> problems) {
        if (pin == null || day == null || forbund == null) {
            return;
        }
        int age = pin.ageOn(day);
        if (age < forbund.referralAgeMin() || age > forbund.referralAgeMax()) {
            problems.add(new Problem(ProblemCode.AGE_OUT_OF_RANGE, "/participant/personalIdentityNumber",
                    forbund.name() + " accepts referrals of participants aged " + forbund.referralAgeMin()
                            + "–" + forbund.referralAgeMax() + " on occurredAt; this participant is outside that range"));
        }
    }

    private void statusUpdate(JsonNode statusUpdate, List<Problem> problems) {
        JsonNode activity = statusUpdate.path("activity");
        LocalDate start = date(activity.path("periodStart"));
        LocalDate end = date(activity.path("periodEnd"));
        if (start != null && end != null && end.isBefore(start)) {
            problems.add(new Problem(ProblemCode.SCHEMA_VIOLATION, "/statusUpdate/activity/periodEnd",
                    "must not be before periodStart"));
        }
    }

    private void sipMeeting(JsonNode sip, List<Problem> problems) {
        String status = sip.path("status").isTextual() ? sip.path("status").textValue() : null;
        boolean cancelled = "CANCELLED".equals(status);
        if ("CALLED".equals(status) || "RESCHEDULED".equals(status)) {
            OffsetDateTime startsAt = dateTime(sip.path("startsAt"));
            if (startsAt != null && !startsAt.toInstant().isAfter(clock.instant())) {
                problems.add(new Problem(ProblemCode.SCHEMA_VIOLATION, "/sipMeeting/startsAt",
                        "has already passed; a " + status + " meeting must start in the future"));
            }
        }
        boolean hasLocation = sip.has("location");
        boolean hasUrl = sip.has("digitalMeetingUrl");
        if (hasLocation && hasUrl) {
            problems.add(new Problem(ProblemCode.SCHEMA_VIOLATION, "/sipMeeting",
                    "give either location or digitalMeetingUrl, not both"));
        } else if (!hasLocation && !hasUrl && !cancelled && sip.isObject()) {
            problems.add(new Problem(ProblemCode.SCHEMA_VIOLATION, "/sipMeeting/location",
                    "location or digitalMeetingUrl is required unless the meeting is CANCELLED"));
        }
    }

    private void handover(JsonNode handover, List<Problem> problems) {
        JsonNode from = handover.path("from");
        JsonNode to = handover.path("to");
        if (from.isObject() && to.isObject() && from.path("organisation").isTextual()
                && Objects.equals(partyKey(from), partyKey(to))) {
            problems.add(new Problem(ProblemCode.SCHEMA_VIOLATION, "/handover/to",
                    "must be another party than handover.from (same organisation and unit)"));
        }
    }

    private static String partyKey(JsonNode party) {
        return normalise(party.path("organisation")) + "\u0000" + normalise(party.path("unit"));
    }

    private static String normalise(JsonNode text) {
        return text.isTextual() ? text.textValue().trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT) : "";
    }

    static LocalDate swedishDate(JsonNode occurredAt) {
        OffsetDateTime t = dateTime(occurredAt);
        return t == null ? null : t.atZoneSameInstant(SWEDEN).toLocalDate();
    }

    /**
     * An RFC 3339 date-time, or null when it cannot be read (the schema reports that). A leap
     * second ({@code 23:59:60}), valid in RFC 3339 but not in {@code java.time}, reads as the
     * second before it.
     */
    static OffsetDateTime dateTime(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        String text = LEAP_SECOND.matcher(node.textValue()).replaceFirst("$1:59$2");
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final java.util.regex.Pattern LEAP_SECOND =
            java.util.regex.Pattern.compile("^(.{10}[Tt][0-9]{2}:[0-9]{2}):60((?:\\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2}))$");

    private static LocalDate date(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return LocalDate.parse(node.textValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static <E extends Enum<E>> E enumValue(JsonNode node, Class<E> type) {
        if (!node.isTextual()) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(node.textValue())) {
                return e;
            }
        }
        return null;
    }
}
