package se.gransnav.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.gransnav.ForbundQueueClient;
import se.gransnav.HubIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery adapters of the tests' förbund ({@link HubIntegrationTestSupport#ADAPTERS_FORBUND}):
 * the webhook against a real HTTP server on this machine and the file drop in the hub's outbox,
 * both fed by the real broker from messages posted to the partner API.
 */
class DeliveryAdaptersIntegrationTest extends HubIntegrationTestSupport {

    private static final String INBOX = "forbund." + ADAPTERS_FORBUND + ".inbox";
    private static final String WEBHOOK_QUEUE = "hub.webhook." + ADAPTERS_FORBUND;
    private static final String DEAD_LETTERS = "DLQ.hub.webhook." + ADAPTERS_FORBUND;
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Test participants: birth numbers 980–999 only (Skatteverket's test series). */
    private static final String PARTICIPANT_1 = identityNumber("19900215", "982");
    private static final String PARTICIPANT_2 = identityNumber("19850710", "991");
    private static final String PARTICIPANT_3 = identityNumber("19770401", "998");

    private static TestWebhookServer webhook;
    private static ForbundQueueClient broker;

    @Autowired
    private SealedDeadLetters sealing;

    @Autowired
    Clock clock;

    @Autowired
    EmbeddedActiveMQ embeddedBroker;

    @Autowired
    se.gransnav.tracking.TrackingRepository tracking;

    @BeforeAll
    static void startWebhook() throws Exception {
        webhook = new TestWebhookServer(WEBHOOK_PORT);
    }

    @BeforeEach
    void connect() throws Exception {
        webhook.answer(TestWebhookServer.Mode.ACCEPT);
        if (broker == null) { // after the context (and its broker) has started
            broker = new ForbundQueueClient(brokerUrl());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        webhook.close();
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    // ---- webhook ------------------------------------------------------------------------------------

    @Test
    void theWebhookGetsExactlyTheQueuesJsonWithTheTrackingIdAsIdempotencyKeyAndAValidSignature() throws Exception {
        String trackingId = post("ADP-SIGNED-1", PARTICIPANT_1);

        TestWebhookServer.Request request = awaitDelivered(trackingId);
        TextMessage onQueue = broker.receive(INBOX, trackingId, WAIT.toMillis());
        assertThat(onQueue).isNotNull();

        assertThat(request.text()).isEqualTo(onQueue.getText());
        assertThat(json(request.text()).path("hub").path("trackingId").asText()).isEqualTo(trackingId);
        assertThat(json(request.text()).path("participant").path("personalIdentityNumber").asText())
                .isEqualTo(PARTICIPANT_1);
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.idempotencyKey()).isEqualTo(trackingId);
        // Verified as a förbund would: its own HMAC over the bytes it received.
        assertThat(request.signature()).isEqualTo("sha256=" + hmacSha256Hex(ADAPTERS_WEBHOOK_SECRET, request.body()));
        assertThat(webhook.requestsFor(trackingId)).hasSize(1);

        await().atMost(WAIT).untilAsserted(() -> assertThat(journey(trackingId))
                .anySatisfy(step -> {
                    assertThat(step.path("step").asText()).isEqualTo("DELIVERED");
                    assertThat(step.path("channel").asText()).isEqualTo("WEBHOOK");
                    assertThat(step.path("detail").asText()).isEqualTo("HTTP 204, attempt 1");
                }));
    }

    @Test
    void anOutageLosesNothingDeliversNothingTwiceAndDrainsTheBacklogInOrderPerParticipant() throws Exception {
        webhook.answer(TestWebhookServer.Mode.UNAVAILABLE);
        long failuresBefore = webhook.failures();
        Map<String, List<String>> sentPerParticipant = new LinkedHashMap<>();
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String participant = i % 2 == 1 ? PARTICIPANT_1 : PARTICIPANT_2;
            String trackingId = post("ADP-OUTAGE-" + i, participant);
            sent.add(trackingId);
            sentPerParticipant.computeIfAbsent(participant, p -> new ArrayList<>()).add(trackingId);
        }

        // 503s for a while, then connections closed without an answer, then the förbund is back.
        await().atMost(WAIT).until(() -> webhook.failures() >= failuresBefore + 3);
        webhook.answer(TestWebhookServer.Mode.CLOSE_CONNECTION);
        await().atMost(WAIT).until(() -> webhook.failures() >= failuresBefore + 5);
        webhook.answer(TestWebhookServer.Mode.ACCEPT);

        await().atMost(WAIT).until(() -> sent.stream().allMatch(id ->
                webhook.requestsFor(id).stream().anyMatch(TestWebhookServer.Request::delivered)));

        List<TestWebhookServer.Request> delivered = webhook.requests().stream()
                .filter(TestWebhookServer.Request::delivered)
                .filter(r -> sent.contains(r.idempotencyKey())).toList();
        assertThat(delivered).extracting(TestWebhookServer.Request::idempotencyKey)
                .as("each delivered once").doesNotHaveDuplicates().hasSize(sent.size());
        Map<String, List<String>> deliveredPerParticipant = new LinkedHashMap<>();
        for (TestWebhookServer.Request r : delivered) {
            String participant = json(r.text()).path("participant").path("personalIdentityNumber").asText();
            deliveredPerParticipant.computeIfAbsent(participant, p -> new ArrayList<>()).add(r.idempotencyKey());
        }
        assertThat(deliveredPerParticipant).isEqualTo(sentPerParticipant);
        assertThat(webhook.failures()).as("the outage was felt").isGreaterThanOrEqualTo(failuresBefore + 5);
        assertThat(broker.browse(DEAD_LETTERS)).noneMatch(m -> sent.contains(trackingId(m)));
    }

    @Test
    void aMessageTheWebhookNeverTakesIsDeadLetteredWithItsReasonAndTheMessagesBehindItFlow() throws Exception {
        webhook.refuse("ADP-POISON-1");
        String refused = post("ADP-POISON-1", PARTICIPANT_3);
        String behind = post("ADP-BEHIND-POISON-1", PARTICIPANT_3);

        TestWebhookServer.Request deliveredBehind = awaitDelivered(behind);
        TextMessage deadLetter = broker.receive(DEAD_LETTERS, refused, WAIT.toMillis());

        assertThat(deadLetter).as("dead letter of " + refused).isNotNull();
        assertThat(deadLetter.getStringProperty(DeadLetter.REASON)).isEqualTo("HTTP 500");
        assertThat(deadLetter.getIntProperty(DeadLetter.ATTEMPTS)).isEqualTo(WEBHOOK_MAX_ATTEMPTS);
        assertThat(deadLetter.getStringProperty(DeadLetter.ORIGINAL_QUEUE)).isEqualTo(WEBHOOK_QUEUE);
        assertThat(Instant.parse(deadLetter.getStringProperty(DeadLetter.DEAD_LETTERED_AT)))
                .isBetween(clock.instant().minusSeconds(60), clock.instant());
        assertThat(deadLetter.getStringProperty("hubType")).isEqualTo("STATUS_UPDATE");
        assertThat(deadLetter.getStringProperty("JMSXGroupID"))
                .isEqualTo(json(deliveredBehind.text()).path("hub").path("participantRef").asText());
        List<TestWebhookServer.Request> attempts = webhook.requestsFor(refused);
        assertThat(attempts).hasSize(WEBHOOK_MAX_ATTEMPTS).allMatch(r -> r.answer() == 500);
        assertThat(deadLetter.getText()).as("sealed at rest").isNotEqualTo(attempts.get(0).text())
                .doesNotContain(PARTICIPANT_3);
        assertThat(sealing.open(deadLetter)).isEqualTo(attempts.get(0).text());

        assertThat(webhook.requests().indexOf(deliveredBehind))
                .as("the message behind went after the refused one's last attempt")
                .isGreaterThan(webhook.requests().indexOf(attempts.get(attempts.size() - 1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(broker.browse(WEBHOOK_QUEUE)).isEmpty());
        await().atMost(WAIT).untilAsserted(() -> assertThat(tracking.journey(refused))
                .anySatisfy(step -> {
                    assertThat(step.step()).isEqualTo("DEAD_LETTERED");
                    assertThat(step.channel()).isEqualTo("WEBHOOK");
                    assertThat(step.detail()).isEqualTo("HTTP 500 after " + WEBHOOK_MAX_ATTEMPTS
                            + " attempts; in " + DEAD_LETTERS);
                }));
    }

    @Test
    void theWebhookQueueHasNoBrokerRedeliveryDelayAndItsOwnDeadLetterQueue() {
        ActiveMQServer server = embeddedBroker.getActiveMQServer();
        AddressSettings webhookQueue = server.getAddressSettingsRepository().getMatch(WEBHOOK_QUEUE);
        AddressSettings inbox = server.getAddressSettingsRepository().getMatch(INBOX);

        assertThat(webhookQueue.getRedeliveryDelay()).isZero();
        assertThat(String.valueOf(webhookQueue.getDeadLetterAddress())).isEqualTo(DEAD_LETTERS);
        assertThat(webhookQueue.isAutoCreateDeadLetterResources()).isFalse();
        // Everything else as every other queue ("#").
        assertThat(webhookQueue.getMaxDeliveryAttempts()).isEqualTo(inbox.getMaxDeliveryAttempts());
        assertThat(webhookQueue.getMaxSizeBytes()).isEqualTo(inbox.getMaxSizeBytes());
        assertThat(String.valueOf(webhookQueue.getExpiryAddress())).isEqualTo(String.valueOf(inbox.getExpiryAddress()));
        assertThat(inbox.getRedeliveryDelay()).isPositive();

        for (String queue : List.of(WEBHOOK_QUEUE, DEAD_LETTERS, "hub.filedrop." + ADAPTERS_FORBUND)) {
            assertThat(server.locateQueue(queue)).as(queue).isNotNull();
            assertThat(server.locateQueue(queue).isDurable()).as(queue).isTrue();
        }
    }

    // ---- file drop ----------------------------------------------------------------------------------

    @Test
    void theFileDropGetsTheExactJsonUnderTheDayAndTrackingIdWithNoTemporaryFileLeft() throws Exception {
        String trackingId = post("ADP-FILE-1", PARTICIPANT_2);
        LocalDate day = LocalDate.now(clock.withZone(ZoneId.of("Europe/Stockholm")));
        Path file = outbox(ADAPTERS_FORBUND).resolve(day.toString()).resolve(trackingId + ".json");

        await().atMost(WAIT).until(() -> Files.exists(file));
        TextMessage onQueue = broker.receive(INBOX, trackingId, WAIT.toMillis());
        assertThat(onQueue).isNotNull();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(onQueue.getText());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(journey(trackingId))
                .anySatisfy(step -> {
                    assertThat(step.path("step").asText()).isEqualTo("DELIVERED");
                    assertThat(step.path("channel").asText()).isEqualTo("FILE");
                    assertThat(step.path("detail").asText())
                            .isEqualTo(ADAPTERS_FORBUND + "/" + day + "/" + trackingId + ".json");
                }));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** Posts a status update about {@code participant}, who lives in the adapters' municipality. */
    private String post(String messageId, String participant) {
        String body = new String(sample("canonical-status-exit.json"), StandardCharsets.UTF_8)
                .replace("\"KUN-AME-88213\"", "\"" + messageId + "\"")
                .replace("199003639854", participant)
                .replace("\"1482\"", "\"" + ADAPTERS_MUNICIPALITY + "\"");
        var response = postMessage(KUNGALV_AME_KEY, body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response.body()).path("trackingId").asText();
    }

    private static TestWebhookServer.Request awaitDelivered(String trackingId) {
        await().atMost(WAIT).until(() -> webhook.requestsFor(trackingId).stream()
                .anyMatch(TestWebhookServer.Request::delivered));
        return webhook.requestsFor(trackingId).stream().filter(TestWebhookServer.Request::delivered)
                .findFirst().orElseThrow();
    }

    private List<JsonNode> journey(String trackingId) {
        var response = get(KUNGALV_AME_KEY, "/api/v1/messages/" + trackingId);
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> steps = new ArrayList<>();
        json(response.body()).path("journey").forEach(steps::add);
        return steps;
    }

    private static String trackingId(Message message) {
        try {
            return message.getStringProperty("hubTrackingId");
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmacSha256Hex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** A 12-digit identity number with its Luhn check digit. */
    private static String identityNumber(String birthDate, String birthNumber) {
        String nine = birthDate.substring(2) + birthNumber;
        int sum = 0;
        for (int i = 0; i < nine.length(); i++) {
            int d = (nine.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return birthDate + birthNumber + ((10 - sum % 10) % 10);
    }
}
