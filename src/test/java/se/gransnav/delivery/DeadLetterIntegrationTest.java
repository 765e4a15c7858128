package se.gransnav.delivery;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.gransnav.ForbundQueueClient;
import se.gransnav.HubIntegrationTestSupport;
import se.gransnav.TestIdentityNumbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters and their replay through the real embedded broker: a poison message (one the
 * delivery cannot map: its förbund is gone) is tried as often as the broker allows, then lands in
 * DLQ.hub.accepted once, intact, with its reason, while the queue behind it flows; operators list
 * and replay dead letters (admin only), and a replay obeys the duplicate suppression; the broker
 * console's own "retry" (what Hawtio calls) sends a dead letter back too. At rest a dead letter is
 * sealed (read raw, it shows neither the participant nor the JSON); every way back delivers it in
 * clear; the ones the broker moved itself are sealed by the hub's sweep; the retention deletes the
 * old ones only and logs how many.
 */
class DeadLetterIntegrationTest extends HubIntegrationTestSupport {

    private static final String ACCEPTED = "hub.accepted";
    private static final String DEAD_LETTERS = "DLQ.hub.accepted";
    private static final String ALVKUST_INBOX = "forbund.alvkust.inbox";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    private Clock clock;

    @Autowired
    private SealedDeadLetters sealing;

    @Autowired
    private DeadLetterRetention retention;

    @Autowired
    private se.gransnav.payload.PayloadCipher cipher;

    private ForbundQueueClient broker;

    @BeforeEach
    void connect() throws JMSException {
        broker = new ForbundQueueClient(brokerUrl());
    }

    @AfterEach
    void disconnect() throws JMSException {
        broker.close();
    }

    @Test
    void aPoisonMessageIsDeadLetteredOnceIntactWithItsReasonWhileTheQueueBehindItFlows() throws Exception {
        String poisonId = UUID.randomUUID().toString();
        String poisonBody = "{\"poison\": \"a förbund that is no longer configured\"}";
        sendToAccepted(poisonBody, poisonId, "removed-forbund", "poison-group-" + poisonId);
        String behind = postStatusUpdate("DLQ-BEHIND-" + UUID.randomUUID(), TestIdentityNumbers.fresh());

        assertThat(broker.receive(ALVKUST_INBOX, behind, WAIT.toMillis())).as("the message behind the poison").isNotNull();
        TextMessage deadLetter = await().atMost(WAIT).until(() -> findDeadLetter(poisonId), m -> m != null);

        assertThat(deadLetter.getText()).as("sealed").doesNotContain("poison", "förbund", "{");
        assertThat(deadLetter.getStringProperty(se.gransnav.payload.PayloadCipher.VERSION)).isEqualTo("v1");
        assertThat(deadLetter.getStringProperty(se.gransnav.payload.PayloadCipher.KEY_ID)).isEqualTo(cipher.keyId())
                .isEqualTo(se.gransnav.payload.PayloadCipher.keyIdOf(PAYLOAD_KEY));
        assertThat(sealing.open(deadLetter)).as("intact").isEqualTo(poisonBody);
        assertThat(deadLetter.getStringProperty(DeadLetter.REASON))
                .startsWith("java.lang.IllegalStateException: ")
                .contains("removed-forbund", "no longer configured");
        assertThat(deadLetter.getIntProperty(DeadLetter.ATTEMPTS)).isEqualTo(6);
        assertThat(deadLetter.getStringProperty(DeadLetter.ORIGINAL_QUEUE)).isEqualTo(ACCEPTED);
        assertThat(deadLetter.getStringProperty("_AMQ_ORIG_ADDRESS")).isEqualTo(ACCEPTED);
        assertThat(Instant.parse(deadLetter.getStringProperty(DeadLetter.DEAD_LETTERED_AT)))
                .isBetween(clock.instant().minusSeconds(60), clock.instant());
        assertThat(deadLetter.getStringProperty("hubForbundId")).isEqualTo("removed-forbund");
        assertThat(deadLetter.propertyExists("_AMQ_DUPL_ID")).as("no duplicate id to trip a replay").isFalse();

        // Once: the broker does not add a copy of its own after the route moved it.
        Thread.sleep(2_000);
        assertThat(broker.browse(DEAD_LETTERS).stream().filter(m -> poisonId.equals(trackingId(m))))
                .as("copies of the poison in " + DEAD_LETTERS).hasSize(1);
        assertThat(broker.browse(ACCEPTED).stream().filter(m -> poisonId.equals(trackingId(m)))).isEmpty();

        // Operators see it, without its body; only an admin may replay.
        JsonNode listed = json(operator("viewer", "viewer-demo", "GET", "/operator/api/v1/dead-letters/" + DEAD_LETTERS, null).body());
        JsonNode summary = stream(listed.path("messages")).filter(m -> poisonId.equals(m.path("trackingId").asText()))
                .findFirst().orElseThrow();
        assertThat(summary.path("reason").asText()).contains("no longer configured");
        assertThat(summary.path("attempts").asInt()).isEqualTo(6);
        assertThat(summary.path("originalQueue").asText()).isEqualTo(ACCEPTED);
        assertThat(listed.toString()).doesNotContain("poison\\\"");
        assertThat(operator("viewer", "viewer-demo", "POST",
                "/operator/api/v1/dead-letters/" + DEAD_LETTERS + "/replay?trackingId=" + poisonId, "{}").statusCode())
                .isEqualTo(403);
        assertThat(operator(null, null, "GET", "/operator/api/v1/dead-letters", null).statusCode()).isEqualTo(401);
        // Still there, still once; then cleaned up so other tests' counts stay theirs.
        assertThat(broker.browse(DEAD_LETTERS).stream().filter(m -> poisonId.equals(trackingId(m)))).hasSize(1);
        assertThat(broker.receive(DEAD_LETTERS, poisonId, 1_000)).isNotNull();
    }

    @Test
    void aReplayedDeadLetterIsDeliveredOnceAndAReplayOfADeliveredMessageIsSuppressed() throws Exception {
        // A message delivered normally gives the exact form of an accepted message.
        String participant = TestIdentityNumbers.fresh();
        String delivered = postStatusUpdate("DLQ-REPLAY-" + UUID.randomUUID(), participant);
        TextMessage atForbund = broker.receive(ALVKUST_INBOX, delivered, WAIT.toMillis());
        assertThat(atForbund).isNotNull();
        String group = atForbund.getStringProperty("JMSXGroupID");
        awaitJourneyStep(delivered, "DELIVERED");

        // Two dead letters: one never delivered, and a stray copy of the delivered one.
        String undelivered = UUID.randomUUID().toString();
        String undeliveredBody = atForbund.getText().replace(delivered, undelivered);
        putDeadLetter(undeliveredBody, undelivered, group);
        putDeadLetter(atForbund.getText(), delivered, group);

        HttpResponse<String> listedResponse = operator("viewer", "viewer-demo", "GET", "/operator/api/v1/dead-letters", null);
        assertThat(listedResponse.statusCode()).isEqualTo(200);
        assertThat(stream(json(listedResponse.body()).path("queues"))
                .filter(q -> q.path("queue").asText().equals(DEAD_LETTERS)).findFirst().orElseThrow()
                .path("messages").asInt()).isGreaterThanOrEqualTo(2);

        assertThat(operator("admin", "admin-demo", "POST",
                "/operator/api/v1/dead-letters/" + DEAD_LETTERS + "/replay?trackingId=" + undelivered, null).statusCode())
                .as("a replay must be posted as JSON").isEqualTo(415);
        HttpResponse<String> replay = operator("admin", "admin-demo", "POST",
                "/operator/api/v1/dead-letters/" + DEAD_LETTERS + "/replay?trackingId=" + undelivered, "{}");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(json(replay.body()).path("replayed").asInt()).isEqualTo(1);
        replay = operator("admin", "admin-demo", "POST",
                "/operator/api/v1/dead-letters/" + DEAD_LETTERS + "/replay?trackingId=" + delivered, "{}");
        assertThat(json(replay.body()).path("replayed").asInt()).isEqualTo(1);

        TextMessage replayed = broker.receive(ALVKUST_INBOX, undelivered, WAIT.toMillis());
        assertThat(replayed).as("the replayed dead letter at its förbund").isNotNull();
        assertThat(replayed.getText()).isEqualTo(undeliveredBody);
        assertThat(replayed.getIntProperty(DeadLetter.REPLAYS)).isEqualTo(1);
        awaitJourneyStep(delivered, "DUPLICATE");
        assertThat(broker.receive(ALVKUST_INBOX, delivered, 1_000)).as("delivered twice").isNull();
        assertThat(broker.browse(DEAD_LETTERS).stream().map(DeadLetterIntegrationTest::trackingId))
                .doesNotContain(delivered, undelivered);

        assertThat(operator("admin", "admin-demo", "POST",
                "/operator/api/v1/dead-letters/hub.accepted/replay", "{}").statusCode())
                .as("not a dead-letter queue").isEqualTo(404);
    }

    @Test
    void theBrokerConsolesRetrySendsADeadLetterBackToItsQueue() throws Exception {
        String delivered = postStatusUpdate("DLQ-CONSOLE-" + UUID.randomUUID(), TestIdentityNumbers.fresh());
        TextMessage atForbund = broker.receive(ALVKUST_INBOX, delivered, WAIT.toMillis());
        String retried = UUID.randomUUID().toString();
        String body = atForbund.getText().replace(delivered, retried);
        putDeadLetter(body, retried, atForbund.getStringProperty("JMSXGroupID"));

        // What Hawtio's Artemis tab does: the queue's management operation, over JMX.
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName queue = jmx.queryNames(new ObjectName("org.apache.activemq.artemis:component=addresses,"
                + "subcomponent=queues,queue=\"" + DEAD_LETTERS + "\",*"), null).stream().findFirst().orElseThrow();
        Object count = jmx.invoke(queue, "retryMessages", new Object[0], new String[0]);
        assertThat(((Number) count).intValue()).isGreaterThanOrEqualTo(1);

        TextMessage back = broker.receive(ALVKUST_INBOX, retried, WAIT.toMillis());
        assertThat(back).as("retried from the console").isNotNull();
        assertThat(back.getText()).as("sealed in the dead-letter queue, opened by the delivery").isEqualTo(body);
        assertThat(back.propertyExists(se.gransnav.payload.PayloadCipher.VERSION)).isFalse();
    }

    @Test
    void aDeadLetteredParticipantsMessageIsSealedAtRestAndTheOperatorsReplayDeliversItInClear() throws Exception {
        // The exact form of an accepted message about a participant, from a normal delivery.
        String participant = TestIdentityNumbers.fresh();
        String delivered = postStatusUpdate("DLQ-SEALED-" + UUID.randomUUID(), participant);
        TextMessage atForbund = broker.receive(ALVKUST_INBOX, delivered, WAIT.toMillis());
        assertThat(atForbund.getText()).contains(participant);

        // The same message for a förbund that is gone: the route dead-letters it after 6 attempts.
        String poisonId = UUID.randomUUID().toString();
        String body = atForbund.getText().replace(delivered, poisonId);
        sendToAccepted(body, poisonId, "removed-forbund", atForbund.getStringProperty("JMSXGroupID"));
        TextMessage raw = await().atMost(WAIT).until(() -> findDeadLetter(poisonId), m -> m != null);

        assertThat(raw.getText()).as("the dead letter at rest, read raw")
                .doesNotContain(participant, participant.substring(0, 8), "{", "personalIdentityNumber", "STATUS");
        assertThat(raw.getStringProperty(se.gransnav.payload.PayloadCipher.KEY_ID)).isEqualTo(cipher.keyId());
        assertThat(java.util.Collections.list(raw.getPropertyNames()).toString()).doesNotContain(participant);
        assertThat(sealing.open(raw)).isEqualTo(body);
        assertThat(broker.receive(DEAD_LETTERS, poisonId, 1_000)).isNotNull();

        // A sealed dead letter of a message the förbund can take: the operator API's replay opens it.
        String replayId = UUID.randomUUID().toString();
        String replayBody = atForbund.getText().replace(delivered, replayId);
        putDeadLetter(replayBody, replayId, atForbund.getStringProperty("JMSXGroupID"));
        assertThat(findDeadLetter(replayId).getText()).doesNotContain(participant);
        HttpResponse<String> replay = operator("admin", "admin-demo", "POST",
                "/operator/api/v1/dead-letters/" + DEAD_LETTERS + "/replay?trackingId=" + replayId, "{}");
        assertThat(json(replay.body()).path("replayed").asInt()).as(replay.body()).isEqualTo(1);

        TextMessage replayed = broker.receive(ALVKUST_INBOX, replayId, WAIT.toMillis());
        assertThat(replayed).as("the replayed dead letter at its förbund").isNotNull();
        assertThat(replayed.getText()).isEqualTo(replayBody).contains(participant);
        assertThat(replayed.propertyExists(se.gransnav.payload.PayloadCipher.VERSION)).isFalse();
        assertThat(replayed.propertyExists(se.gransnav.payload.PayloadCipher.KEY_ID)).isFalse();
    }

    @Test
    void aSealThatCannotBeOpenedStopsTheReplayAndTheDeadLetterStays() throws Exception {
        String trackingId = UUID.randomUUID().toString();
        String sealedByOtherKey = new se.gransnav.payload.PayloadCipher(new se.gransnav.payload.PayloadProperties(
                "0iM29+3nJQQEbdf8xVla8IMlNQPmNwqXoIhg25X11Rg=", List.of(), Duration.ofDays(30), Duration.ofHours(1),
                Duration.ofMinutes(1))).seal("{}", SealedDeadLetters.context(ACCEPTED, trackingId)).text();
        send(DEAD_LETTERS, sealedByOtherKey, message -> {
            deadLetterProperties(message, trackingId, "group-" + trackingId);
            message.setStringProperty(se.gransnav.payload.PayloadCipher.VERSION, "v1");
            message.setStringProperty(se.gransnav.payload.PayloadCipher.KEY_ID,
                    se.gransnav.payload.PayloadCipher.keyIdOf("0iM29+3nJQQEbdf8xVla8IMlNQPmNwqXoIhg25X11Rg="));
        });

        HttpResponse<String> replay = operator("admin", "admin-demo", "POST",
                "/operator/api/v1/dead-letters/" + DEAD_LETTERS + "/replay?trackingId=" + trackingId, "{}");
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(json(replay.body()).path("detail").asText()).contains("could not be opened",
                se.gransnav.payload.PayloadCipher.keyIdOf("0iM29+3nJQQEbdf8xVla8IMlNQPmNwqXoIhg25X11Rg="));
        assertThat(broker.receive(DEAD_LETTERS, trackingId, 2_000)).as("still there").isNotNull();
    }

    @Test
    void aDeadLetterTheBrokerMovedInClearIsSealedAndTheReplayDeliversItToTheForbundInClear() throws Exception {
        String participant = TestIdentityNumbers.fresh();
        String trackingId = postStatusUpdate("DLQ-BROKER-" + UUID.randomUUID(), participant);
        // A förbund client that fails on the message as often as the broker allows: the broker moves it.
        String original;
        try (Connection connection = se.gransnav.TestBrokerLogins.asHub(brokerUrl()).createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            jakarta.jms.MessageConsumer consumer = session.createConsumer(session.createQueue(ALVKUST_INBOX),
                    "hubTrackingId = '" + trackingId + "'");
            TextMessage first = (TextMessage) consumer.receive(WAIT.toMillis());
            assertThat(first).isNotNull();
            original = first.getText();
            session.rollback();
            for (int attempt = 2; attempt <= 6; attempt++) {
                assertThat(consumer.receive(WAIT.toMillis())).as("delivery %d", attempt).isNotNull();
                session.rollback();
            }
        }
        String deadLetters = "DLQ." + ALVKUST_INBOX;
        Message clear = await().atMost(WAIT).until(() -> broker.browse(deadLetters).stream()
                .filter(m -> trackingId.equals(trackingId(m))).findFirst().orElse(null), m -> m != null);
        assertThat(clear.propertyExists(se.gransnav.payload.PayloadCipher.VERSION)).as("moved by the broker, in clear").isFalse();

        retention.sealClear();
        TextMessage sealed = (TextMessage) broker.browse(deadLetters).stream()
                .filter(m -> trackingId.equals(trackingId(m))).findFirst().orElseThrow();
        assertThat(broker.browse(deadLetters).stream().filter(m -> trackingId.equals(trackingId(m)))).as("once").hasSize(1);
        assertThat(sealed.getText()).doesNotContain(participant, "{");
        assertThat(sealed.getStringProperty(DeadLetter.ORIGINAL_QUEUE)).isEqualTo(ALVKUST_INBOX);
        assertThat(Instant.parse(sealed.getStringProperty(DeadLetter.DEAD_LETTERED_AT)))
                .isBetween(clock.instant().minusSeconds(60), clock.instant().plusSeconds(1));
        assertThat(sealed.propertyExists("_AMQ_ORIG_ADDRESS"))
                .as("the console's retry would hand the förbund a body it cannot open: left to the operator API")
                .isFalse();

        HttpResponse<String> replay = operator("admin", "admin-demo", "POST",
                "/operator/api/v1/dead-letters/" + deadLetters + "/replay?trackingId=" + trackingId, "{}");
        assertThat(json(replay.body()).path("replayed").asInt()).as(replay.body()).isEqualTo(1);
        TextMessage back = broker.receive(ALVKUST_INBOX, trackingId, WAIT.toMillis());
        assertThat(back).isNotNull();
        assertThat(back.getText()).isEqualTo(original);
    }

    @Test
    void theRetentionDeletesOnlyDeadLettersPastItAndLogsHowMany() throws Exception {
        String old = UUID.randomUUID().toString();
        String young = UUID.randomUUID().toString();
        String noTime = UUID.randomUUID().toString();
        Instant now = clock.instant();
        putDeadLetter("{\"old\": true}", old, "g-" + old, now.minus(Duration.ofDays(31)));
        putDeadLetter("{\"young\": true}", young, "g-" + young, now.minus(Duration.ofDays(29)));
        send(DEAD_LETTERS, "{}", message -> {
            deadLetterProperties(message, noTime, "g-" + noTime);
            message.clearProperties();
            message.setStringProperty("hubTrackingId", noTime);
        });

        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(DeadLetterRetention.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        java.util.Map<String, Integer> purged;
        try {
            purged = retention.purge();
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(purged).containsEntry(DEAD_LETTERS, 1);
        assertThat(broker.browse(DEAD_LETTERS).stream().map(DeadLetterIntegrationTest::trackingId))
                .doesNotContain(old).contains(young, noTime);
        assertThat(logged.list.stream().filter(e -> e.getFormattedMessage().startsWith("Dead-letter retention")))
                .singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).startsWith("Dead-letter retention: deleted " + purged.values().stream()
                    .mapToInt(Integer::intValue).sum() + " dead letter(s) dead-lettered before ")
                    .contains("DLQ.hub.accepted=1").doesNotContain(old, "old");
        });
        assertThat(broker.receive(DEAD_LETTERS, young, 1_000)).isNotNull();
        assertThat(broker.receive(DEAD_LETTERS, noTime, 1_000)).isNotNull();
    }

    /** A dead letter as DeadLetters makes it: the message of hub.accepted plus its reason, sealed. */
    private void putDeadLetter(String body, String trackingId, String group) throws JMSException {
        putDeadLetter(body, trackingId, group, Instant.now());
    }

    private void putDeadLetter(String body, String trackingId, String group, Instant at) throws JMSException {
        se.gransnav.payload.PayloadCipher.Sealed sealed = sealing.seal(body, ACCEPTED, trackingId);
        send(DEAD_LETTERS, sealed.text(), message -> {
            deadLetterProperties(message, trackingId, group);
            message.setStringProperty(DeadLetter.DEAD_LETTERED_AT, at.toString());
            message.setLongProperty(DeadLetter.DEAD_LETTERED_AT_MILLIS, at.toEpochMilli());
            message.setStringProperty(se.gransnav.payload.PayloadCipher.VERSION, sealed.version());
            message.setStringProperty(se.gransnav.payload.PayloadCipher.KEY_ID, sealed.keyId());
        });
    }

    private static void deadLetterProperties(Message message, String trackingId, String group) throws JMSException {
        message.setStringProperty("hubType", "STATUS_UPDATE");
        message.setStringProperty("hubTrackingId", trackingId);
        message.setStringProperty("hubForbundId", "alvkust");
        message.setStringProperty("JMSXGroupID", group);
        message.setStringProperty(DeadLetter.REASON, "java.lang.IllegalStateException: test");
        message.setIntProperty(DeadLetter.ATTEMPTS, 6);
        message.setStringProperty(DeadLetter.ORIGINAL_QUEUE, ACCEPTED);
        message.setStringProperty(DeadLetter.DEAD_LETTERED_AT, Instant.now().toString());
        message.setStringProperty("_AMQ_ORIG_ADDRESS", ACCEPTED);
        message.setStringProperty("_AMQ_ORIG_QUEUE", ACCEPTED);
    }

    private void sendToAccepted(String body, String trackingId, String forbundId, String group) throws JMSException {
        send(ACCEPTED, body, message -> {
            message.setStringProperty("hubType", "STATUS_UPDATE");
            message.setStringProperty("hubTrackingId", trackingId);
            message.setStringProperty("hubForbundId", forbundId);
            message.setStringProperty("JMSXGroupID", group);
        });
    }

    private interface Properties {
        void set(Message message) throws JMSException;
    }

    private void send(String queue, String body, Properties properties) throws JMSException {
        try (Connection connection = se.gransnav.TestBrokerLogins.asHub(brokerUrl()).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            TextMessage message = session.createTextMessage(body);
            properties.set(message);
            producer.send(message);
        }
    }

    private TextMessage findDeadLetter(String trackingId) throws JMSException {
        return (TextMessage) broker.browse(DEAD_LETTERS).stream()
                .filter(m -> trackingId.equals(trackingId(m))).findFirst().orElse(null);
    }


    private void awaitJourneyStep(String trackingId, String step) {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> tracking = operator("viewer", "viewer-demo", "GET", "/api/v1/messages/" + trackingId, null);
            assertThat(stream(json(tracking.body()).path("journey")).map(s -> s.path("step").asText())).contains(step);
        });
    }

    private HttpResponse<String> operator(String user, String password, String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
        return send(request.build());
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private static String trackingId(Message message) {
        try {
            return message.getStringProperty("hubTrackingId");
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
