package se.gransnav.intake;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import se.gransnav.ForbundQueueClient;
import se.gransnav.HubIntegrationTestSupport;
import se.gransnav.TestIdentityNumbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * POST /api/v1/messages through the real hub: embedded persistent broker, H2 on disk, the routes
 * from routes/, and a förbund reading its queue with a plain JMS client over TCP.
 */
public class HttpIntakeIntegrationTest extends HubIntegrationTestSupport {

    private static final List<String> FORBUND_QUEUES =
            List.of("forbund.alvkust.inbox", "forbund.vast.inbox", "forbund.finsam-goteborg.inbox");

    private static ForbundQueueClient forbund;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void connect() throws Exception {
        if (forbund == null) { // once, after the context (and its broker) has started
            forbund = new ForbundQueueClient(brokerUrl());
        }
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (forbund != null) {
            forbund.close();
            forbund = null;
        }
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("canonical-referral.json", KUNGALV_SOCIALTJANST_KEY, "kungalv-socialtjanst",
                        "MUNICIPALITY", "alvkust", "REFERRAL", "199804179845", "WOMAN"),
                Arguments.of("canonical-status-exit.json", KUNGALV_AME_KEY, "kungalv-ame",
                        "AME", "alvkust", "STATUS_UPDATE", "199003639854", "MAN"),
                Arguments.of("canonical-sip-notice.json", UDDEVALLA_ELEVHALSA_KEY, "uddevalla-elevhalsa",
                        "SCHOOL_HEALTH", "vast", "SIP_MEETING_NOTICE", "200905149829", "WOMAN"),
                Arguments.of("canonical-handover.json", ALE_AME_KEY, "ale-ame",
                        "AME", "alvkust", "HANDOVER", "198711029911", "MAN"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachContractSampleArrivesNormalisedAtItsForbund(String sample, String key, String partnerId,
            String orgType, String forbundId, String type, String identityNumber, String gender) throws Exception {
        HttpResponse<String> response = postMessage(key, sample(sample));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode answer = json(response.body());
        String trackingId = answer.path("trackingId").asText();
        assertThat(answer.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/messages/" + trackingId);

        TextMessage delivered = forbund.receive("forbund." + forbundId + ".inbox", trackingId, 10_000);
        assertThat(delivered).as("message on forbund.%s.inbox", forbundId).isNotNull();
        JsonNode out = json(delivered.getText());
        JsonNode original = json(new String(sample(sample), StandardCharsets.UTF_8));

        // The canonical content is forwarded unchanged but for the normalised participant.
        ObjectNode expected = original.deepCopy();
        ((ObjectNode) expected.get("participant")).put("personalIdentityNumber", identityNumber);
        ((ObjectNode) expected.get("participant")).put("gender", gender);
        ObjectNode withoutHub = out.deepCopy();
        withoutHub.remove("hub");
        assertThat(withoutHub).isEqualTo(expected);

        JsonNode hub = out.get("hub");
        assertThat(hub.path("trackingId").asText()).isEqualTo(trackingId);
        assertThat(hub.path("channel").asText()).isEqualTo("HTTP");
        assertThat(hub.path("partnerId").asText()).isEqualTo(partnerId);
        assertThat(hub.path("partnerOrgType").asText()).isEqualTo(orgType);
        assertThat(hub.path("forbundId").asText()).isEqualTo(forbundId);
        assertThat(hub.path("receivedAt").asText()).isNotBlank();
        String participantRef = hub.path("participantRef").asText();
        assertThat(participantRef).matches("[0-9a-f]{32}").doesNotContain(identityNumber.substring(2));

        assertThat(delivered.getStringProperty("hubType")).isEqualTo(type);
        assertThat(delivered.getStringProperty("hubTrackingId")).isEqualTo(trackingId);
        assertThat(delivered.getStringProperty("JMSXGroupID")).isEqualTo(participantRef);
        List<String> properties = Collections.list(delivered.getPropertyNames()).stream().map(Object::toString).toList();
        assertThat(properties).doesNotContain("Authorization", "hubForbundId", "Content-Type");
        assertThat(properties.toString()).doesNotContain(identityNumber).doesNotContain(key);
    }

    @Test
    void aConsentWithdrawalNeedsNoConsentAndReachesTheForbund() throws Exception {
        ObjectNode withdrawal = (ObjectNode) json(new String(sample("canonical-status-exit.json"), StandardCharsets.UTF_8));
        withdrawal.remove("statusUpdate");
        withdrawal.put("type", "CONSENT_WITHDRAWN").put("messageId", "IT-WITHDRAWN-1");
        // A participant of its own: the withdrawal stops every later message about them.
        ((ObjectNode) withdrawal.path("participant")).put("personalIdentityNumber", TestIdentityNumbers.fresh());

        HttpResponse<String> response = postMessage(KUNGALV_AME_KEY, withdrawal.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(202);
        String trackingId = json(response.body()).path("trackingId").asText();
        TextMessage delivered = forbund.receive("forbund.alvkust.inbox", trackingId, 10_000);
        assertThat(delivered).isNotNull();
        assertThat(delivered.getStringProperty("hubType")).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(json(delivered.getText()).path("type").asText()).isEqualTo("CONSENT_WITHDRAWN");
    }

    @Test
    void sameMessageIdAgainIsADuplicateAndIsNotDeliveredTwice() throws Exception {
        byte[] body = withMessageId(sample("canonical-status-exit.json"), "IT-DUP-1");
        HttpResponse<String> first = postMessage(KUNGALV_AME_KEY, body);
        HttpResponse<String> second = postMessage(KUNGALV_AME_KEY, body);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(200);
        String trackingId = json(first.body()).path("trackingId").asText();
        assertThat(json(second.body()).path("trackingId").asText()).isEqualTo(trackingId);
        assertThat(json(second.body()).path("status").asText()).isEqualTo("DUPLICATE");

        assertThat(forbund.receive("forbund.alvkust.inbox", trackingId, 10_000)).isNotNull();
        assertThat(forbund.receive("forbund.alvkust.inbox", trackingId, 1_500)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from tracked_message where message_id = 'IT-DUP-1'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void theSameMessageIdFromAnotherPartnerIsAnotherMessage() throws Exception {
        byte[] body = withMessageId(sample("canonical-status-exit.json"), "IT-SHARED-ID");
        HttpResponse<String> fromAme = postMessage(KUNGALV_AME_KEY, body);
        HttpResponse<String> fromSocial = postMessage(KUNGALV_SOCIALTJANST_KEY, body);

        assertThat(fromAme.statusCode()).isEqualTo(202);
        assertThat(fromSocial.statusCode()).isEqualTo(202);
        assertThat(json(fromAme.body()).path("trackingId").asText())
                .isNotEqualTo(json(fromSocial.body()).path("trackingId").asText());
    }

    @Test
    void thePartnerAndOperatorsCanFollowAMessageAndNobodyElseCan() throws Exception {
        byte[] body = withMessageId(sample("canonical-handover.json"), "IT-TRACK-1");
        String trackingId = json(postMessage(ALE_AME_KEY, body).body()).path("trackingId").asText();
        String path = "/api/v1/messages/" + trackingId;

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(json(get(ALE_AME_KEY, path).body()).path("status").asText()).isEqualTo("DELIVERED"));
        HttpResponse<String> own = get(ALE_AME_KEY, path);
        JsonNode tracking = json(own.body());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(tracking.path("type").asText()).isEqualTo("HANDOVER");
        assertThat(tracking.path("forbundId").asText()).isEqualTo("alvkust");
        assertThat(tracking.path("journey").findValuesAsText("step"))
                .containsExactlyInAnyOrder("RECEIVED", "VALIDATED", "ROUTED", "ACCEPTED", "DELIVERED");
        assertThat(own.body()).doesNotContain("198711029911").doesNotContain("871102");

        assertThat(get(KUNGALV_AME_KEY, path).statusCode()).isEqualTo(404);
        HttpResponse<String> operator = send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("viewer:viewer-demo".getBytes(StandardCharsets.UTF_8))).GET().build());
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(json(operator.body()).path("trackingId").asText()).isEqualTo(trackingId);
        HttpResponse<String> wrongPassword = send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("viewer:nope".getBytes(StandardCharsets.UTF_8))).GET().build());
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(get(ALE_AME_KEY, "/api/v1/messages/00000000-0000-0000-0000-000000000000").statusCode())
                .isEqualTo(404);
        assertThat(get(null, path).statusCode()).isEqualTo(401);
        forbund.receive("forbund.alvkust.inbox", trackingId, 5_000);
    }

    static Stream<Arguments> badRequests() {
        String valid = new String(sample("canonical-status-exit.json"), StandardCharsets.UTF_8);
        return Stream.of(
                bad("malformed JSON", KUNGALV_AME_KEY, "application/json", "{\"schemaVersion\": \"1.0\",", 400, "HUB-001"),
                bad("not JSON at all", KUNGALV_AME_KEY, "application/json", "hello", 400, "HUB-001"),
                bad("empty body", KUNGALV_AME_KEY, "application/json", "", 400, "HUB-001"),
                bad("wrong type of a field", KUNGALV_AME_KEY, "application/json",
                        valid.replace("\"1482\"", "1482"), 400, "HUB-002"),
                bad("unknown enum value", KUNGALV_AME_KEY, "application/json",
                        valid.replace("\"EXITED\"", "\"GONE\""), 400, "HUB-002"),
                bad("unknown field", KUNGALV_AME_KEY, "application/json",
                        valid.replace("\"schemaVersion\"", "\"extra\": 1, \"schemaVersion\""), 400, "HUB-002"),
                bad("unsupported schemaVersion", KUNGALV_AME_KEY, "application/json",
                        valid.replace("\"1.0\"", "\"2.0\""), 400, "HUB-014"),
                bad("text/plain", KUNGALV_AME_KEY, "text/plain", valid, 415, "HUB-013"),
                bad("Latin-1 charset", KUNGALV_AME_KEY, "application/json; charset=ISO-8859-1", valid, 415, "HUB-013"),
                bad("type the partner may not send", KUNGALV_AME_KEY, "application/json",
                        new String(sample("canonical-referral.json"), StandardCharsets.UTF_8), 403, "HUB-011"),
                bad("bad check digit", KUNGALV_AME_KEY, "application/json",
                        valid.replace("199003639854", "199003639855"), 422, "HUB-003"),
                bad("unknown municipality", KUNGALV_AME_KEY, "application/json",
                        valid.replace("\"1482\"", "\"9999\""), 422, "HUB-004"),
                bad("municipality with no förbund", KUNGALV_AME_KEY, "application/json",
                        valid.replace("\"1482\"", "\"0180\""), 422, "HUB-005"));
    }

    private static Arguments bad(String name, String key, String contentType, String body, int status, String code) {
        return Arguments.of(name, key, contentType, body.getBytes(StandardCharsets.UTF_8), status, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputGetsItsCodeAndNothingIsStoredOrForwarded(String name, String key, String contentType, byte[] body,
                                                         int status, String code) throws Exception {
        int trackedBefore = trackedMessages();

        HttpResponse<String> response = postMessage(key, contentType, body);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("errors").findValuesAsText("code")).contains(code);
        assertThat(response.body()).doesNotContain("199003639854").doesNotContain("199003639855");
        assertThat(trackedMessages()).isEqualTo(trackedBefore);
    }

    @Test
    void invalidUtf8IsRefusedBeforeTheRoutes() {
        byte[] body = "{\"schemaVersion\":\"1.0\",\"messageId\":\"\u00e5\"}".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> response = postMessage(KUNGALV_AME_KEY, body);
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response.body()).path("errors").findValuesAsText("code")).containsExactly("HUB-013");
    }

    @Test
    void everyProblemOfAMessageIsListedInOneAnswer() {
        String body = new String(sample("canonical-referral.json"), StandardCharsets.UTF_8)
                .replace("199804179845", "199804179846")            // check digit
                .replace("\"1482\"", "\"9999\"")                    // not a municipality
                .replace("\"given\": true", "\"given\": false")      // no consent
                .replace("\"reason\"", "\"whatever\": 1, \"reason\"");
        HttpResponse<String> response = postMessage(KUNGALV_SOCIALTJANST_KEY, body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).path("errors").findValuesAsText("code"))
                .containsExactlyInAnyOrder("HUB-002", "HUB-003", "HUB-004", "HUB-006");
    }

    @Test
    void unauthenticatedRequestsGetNoFurtherThan401() {
        for (String key : new String[] {null, "", "wrong-key", KUNGALV_AME_KEY + "x"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/messages"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(sample("canonical-status-exit.json")));
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            HttpResponse<String> response = send(request.build());
            assertThat(response.statusCode()).as("key %s", key).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
        HttpResponse<String> basic = send(HttpRequest.newBuilder(uri("/api/v1/messages"))
                .header("Authorization", "Basic dmlld2VyOnZpZXdlci1kZW1v")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(sample("canonical-status-exit.json"))).build());
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    @Test
    void aPartnerOverItsLimitGets429WithRetryAfterAndOthersGoOn() {
        for (int i = 0; i < LIMITED_PER_MINUTE; i++) {
            assertThat(postMessage(LIMITED_PARTNER_KEY, sample("canonical-status-exit.json")).statusCode())
                    .as("request %d, within the limit", i + 1).isNotEqualTo(429);
        }
        HttpResponse<String> limited = postMessage(LIMITED_PARTNER_KEY, sample("canonical-status-exit.json"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 60);
        assertThat(json(limited.body()).path("status").asInt()).isEqualTo(429);
        assertThat(get(LIMITED_PARTNER_KEY, "/api/v1/messages/00000000-0000-0000-0000-000000000000").statusCode())
                .as("tracking counts too").isEqualTo(429);
        assertThat(postMessage(KUNGALV_AME_KEY, "{".getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode())
                .as("another partner").isEqualTo(400);
    }

    @Test
    void oversizeBodiesAreRefusedWithAndWithoutContentLength() {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> declared = postMessage(KUNGALV_AME_KEY, big);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json(declared.body()).path("errors").findValuesAsText("code")).containsExactly("HUB-012");

        HttpResponse<String> chunked = send(HttpRequest.newBuilder(uri("/api/v1/messages"))
                .header("Authorization", "Bearer " + KUNGALV_AME_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        assertThat(chunked.statusCode()).isEqualTo(413);
    }

    @Test
    void theSchemaIsServedWithoutAKey() {
        HttpResponse<String> response = get(null, "/api/v1/schema/participant-message-v1.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).path("$id").asText()).endsWith("participant-message-v1.json");
    }

    private int trackedMessages() {
        return jdbc.queryForObject("select count(*) from tracked_message", Integer.class);
    }

    public static byte[] withMessageId(byte[] sample, String messageId) {
        ObjectNode node = (ObjectNode) json(new String(sample, StandardCharsets.UTF_8));
        node.put("messageId", messageId);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
