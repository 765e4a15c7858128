package se.gransnav.intake;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import se.gransnav.ForbundQueueClient;
import se.gransnav.HubIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIP-meeting notices and handovers end to end (contract sections 3 and 7), through the running hub
 * and its broker: every status of a meeting in order at the förbund, a notice about a meeting the
 * hub has not seen accepted but flagged, and the bad input of the issue with its codes.
 */
class SipAndHandoverIntegrationTest extends HubIntegrationTestSupport {

    private static final String VAST = "forbund.vast.inbox";

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private ObjectNode notice(String messageId, String meetingId, String status) {
        ObjectNode message = (ObjectNode) json(new String(sample("canonical-sip-notice.json"), StandardCharsets.UTF_8));
        message.put("messageId", run + "-" + messageId);
        ObjectNode sip = (ObjectNode) message.path("sipMeeting");
        sip.put("meetingId", run + "-" + meetingId).put("status", status);
        if (status.equals("CANCELLED")) {
            sip.remove(List.of("startsAt", "durationMinutes", "digitalMeetingUrl"));
        }
        return message;
    }

    private HttpResponse<String> send(String key, ObjectNode message) {
        return postMessage(key, message.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response.body()).path("trackingId").asText();
    }

    private List<String> steps(String key, String trackingId) {
        JsonNode tracking = json(get(key, "/api/v1/messages/" + trackingId).body());
        List<String> steps = new ArrayList<>();
        tracking.path("journey").forEach(step -> steps.add(step.path("step").asText()));
        return steps;
    }

    @Test
    void calledRescheduledAndCancelledReachTheForbundInOrderWithCalledAndInvitedApart() throws Exception {
        List<String> ids = new ArrayList<>();
        ids.add(accepted(send(UDDEVALLA_ELEVHALSA_KEY, notice("n-1", "m-1", "CALLED"))));
        ObjectNode rescheduled = notice("n-2", "m-1", "RESCHEDULED");
        ((ObjectNode) rescheduled.path("sipMeeting")).put("startsAt", "2026-12-10T13:00:00+01:00");
        ids.add(accepted(send(UDDEVALLA_ELEVHALSA_KEY, rescheduled)));
        ids.add(accepted(send(UDDEVALLA_ELEVHALSA_KEY, notice("n-3", "m-1", "CANCELLED"))));

        try (ForbundQueueClient forbund = new ForbundQueueClient(brokerUrl())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> forbund.inQueueOrder(VAST, ids).size() == 3);
            assertThat(forbund.inQueueOrder(VAST, ids)).containsExactlyElementsOf(ids);
            TextMessage called = forbund.receive(VAST, ids.get(0), 5_000);
            JsonNode sip = json(called.getText()).path("sipMeeting");
            assertThat(sip.path("called")).hasSize(2);
            assertThat(sip.path("called").get(1).path("unit").asText()).isEqualTo("BUP");
            assertThat(sip.path("invited")).hasSize(2);
            assertThat(sip.path("invited").get(1).path("organisation").asText()).isEqualTo("Arbetsförmedlingen");
            assertThat(called.getStringProperty("hubType")).isEqualTo("SIP_MEETING_NOTICE");
            assertThat(forbund.receive(VAST, ids.get(1), 5_000)).isNotNull();
            assertThat(forbund.receive(VAST, ids.get(2), 5_000)).isNotNull();
        }
        for (String id : ids) {
            assertThat(steps(UDDEVALLA_ELEVHALSA_KEY, id)).doesNotContain("FLAGGED");
        }
    }

    @Test
    void aNoticeAboutAMeetingTheHubHasNotSeenIsForwardedButFlagged() throws Exception {
        String rescheduled = accepted(send(UDDEVALLA_ELEVHALSA_KEY, notice("n-1", "unknown", "RESCHEDULED")));
        String cancelled = accepted(send(UDDEVALLA_ELEVHALSA_KEY, notice("n-2", "unknown-2", "CANCELLED")));

        try (ForbundQueueClient forbund = new ForbundQueueClient(brokerUrl())) {
            assertThat(forbund.receive(VAST, rescheduled, 10_000)).isNotNull();
            assertThat(forbund.receive(VAST, cancelled, 10_000)).isNotNull();
        }
        assertThat(steps(UDDEVALLA_ELEVHALSA_KEY, rescheduled)).contains("FLAGGED", "ACCEPTED");
        assertThat(steps(UDDEVALLA_ELEVHALSA_KEY, cancelled)).contains("FLAGGED");
        JsonNode tracking = json(get(UDDEVALLA_ELEVHALSA_KEY, "/api/v1/messages/" + rescheduled).body());
        assertThat(tracking.toString()).doesNotContain(run + "-unknown");
    }

    @Test
    void aHandoverReachesTheForbundWithItsPartiesDateSummaryAndNextSteps() throws Exception {
        ObjectNode handover = (ObjectNode) json(new String(sample("canonical-handover.json"), StandardCharsets.UTF_8));
        handover.put("messageId", run + "-handover");
        String trackingId = accepted(send(ALE_AME_KEY, handover));
        try (ForbundQueueClient forbund = new ForbundQueueClient(brokerUrl())) {
            TextMessage delivered = forbund.receive("forbund.alvkust.inbox", trackingId, 10_000);
            assertThat(delivered.getStringProperty("hubType")).isEqualTo("HANDOVER");
            JsonNode sent = handover.path("handover");
            JsonNode got = json(delivered.getText()).path("handover");
            for (String field : List.of("from", "to", "handoverDate", "summary", "nextSteps")) {
                assertThat(got.path(field)).as(field).isEqualTo(sent.path(field));
            }
        }
    }

    @Test
    void badNoticesAndHandoversGetTheirCodes() {
        ObjectNode httpLink = notice("bad-1", "bad", "CALLED");
        ((ObjectNode) httpLink.path("sipMeeting")).put("digitalMeetingUrl", "http://meet.example.se/sip");
        ObjectNode past = notice("bad-2", "bad", "CALLED");
        ((ObjectNode) past.path("sipMeeting")).put("startsAt", "2026-11-01T10:00:00+01:00");
        ObjectNode tooLong = notice("bad-3", "bad", "CALLED");
        ((ObjectNode) tooLong.path("sipMeeting")).put("durationMinutes", 481);
        ObjectNode noConvener = notice("bad-4", "bad", "CALLED");
        ((ObjectNode) noConvener.path("sipMeeting")).remove("convener");
        ObjectNode noGuardian = notice("bad-5", "bad", "CALLED");
        ((ObjectNode) noGuardian.path("consent")).remove("guardianConsent");
        ObjectNode noConsent = notice("bad-6", "bad", "CALLED");
        noConsent.remove("consent");
        ObjectNode sameParty = (ObjectNode) json(new String(sample("canonical-handover.json"), StandardCharsets.UTF_8));
        sameParty.put("messageId", run + "-bad-7");
        ((ObjectNode) sameParty.path("handover")).set("to", sameParty.path("handover").path("from").deepCopy());

        assertRejected(send(UDDEVALLA_ELEVHALSA_KEY, httpLink), "HUB-002", "/sipMeeting/digitalMeetingUrl");
        assertRejected(send(UDDEVALLA_ELEVHALSA_KEY, past), "HUB-002", "/sipMeeting/startsAt");
        assertRejected(send(UDDEVALLA_ELEVHALSA_KEY, tooLong), "HUB-002", "/sipMeeting/durationMinutes");
        assertRejected(send(UDDEVALLA_ELEVHALSA_KEY, noConvener), "HUB-002", "/sipMeeting");
        assertRejected(send(UDDEVALLA_ELEVHALSA_KEY, noGuardian), "HUB-007", "/consent/guardianConsent");
        assertRejected(send(UDDEVALLA_ELEVHALSA_KEY, noConsent), "HUB-006", "/consent");
        assertRejected(send(ALE_AME_KEY, sameParty), "HUB-002", "/handover");
    }

    private static void assertRejected(HttpResponse<String> response, String code, String pathPrefix) {
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 422);
        JsonNode errors = json(response.body()).path("errors");
        List<String> found = new ArrayList<>();
        errors.forEach(e -> found.add(e.path("code").asText() + " " + e.path("path").asText()));
        assertThat(found).as(response.body()).anyMatch(f -> f.startsWith(code + " " + pathPrefix));
    }
}
