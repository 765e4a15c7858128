package se.gransnav.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.gransnav.HubIntegrationTestSupport;
import se.gransnav.HubProcess;
import se.gransnav.StandaloneBroker;
import se.gransnav.TestBrokerLogins;
import se.gransnav.TestIdentityNumbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The standalone broker production runs (the Artemis distribution, configured by the project's
 * broker.xml, {@link StandaloneBroker}), with broker users made as README "Broker users on the
 * standalone broker" tells operators to ({@code bin/artemis user add|reset|rm}, roles
 * {@code partner-<id>} and {@code forbund-<id>}), attacked with a real CORE JMS client: no login, a
 * wrong password, a partner on another partner's queues, a förbund on another's queue or on the
 * hub's; what each may do; and the hub itself (its own JVM, native mode, as the user with role
 * {@code amq}) carrying a partner's queue message to its förbund. One broker for all cases.
 */
class StandaloneBrokerSecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Partners log in with their id and API key (the demo keys of README). */
    private static final String KUNGALV_AME_KEY = HubIntegrationTestSupport.KUNGALV_AME_KEY;
    private static final String ALE_AME_KEY = HubIntegrationTestSupport.ALE_AME_KEY;
    private static final String ALVKUST_PASSWORD = TestBrokerLogins.forbundPassword("alvkust");
    private static final String VAST_PASSWORD = TestBrokerLogins.forbundPassword("vast");

    @TempDir
    static Path work;

    private static StandaloneBroker broker;

    @BeforeAll
    static void startBrokerWithItsUsers() throws Exception {
        broker = StandaloneBroker.create(work.resolve("broker")).start();
        addUser("kungalv-ame", KUNGALV_AME_KEY, "partner-kungalv-ame");
        addUser("ale-ame", ALE_AME_KEY, "partner-ale-ame");
        addUser("alvkust", ALVKUST_PASSWORD, "forbund-alvkust");
        addUser("vast", VAST_PASSWORD, "forbund-vast");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.stop();
            broker.keepLogs("standalone-broker-security-logs");
        }
    }

    private static void addUser(String user, String password, String role) throws Exception {
        broker.userCommand("add", "--user-command-user", user, "--user-command-password", password, "--role", role);
    }

    private static Connection login(String user, String password) throws JMSException {
        Connection connection = broker.connectionFactory(user, password).createConnection();
        connection.start();
        return connection;
    }

    private static Connection asHub() throws JMSException {
        return login(broker.user(), broker.password());
    }

    @Test
    void nobodyConnectsWithoutALoginOrWithAWrongOne() {
        assertThatThrownBy(() -> login(null, null).close()).as("no login").isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> login("guest", "guest").close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> login("kungalv-ame", "not-its-key").close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> login("kungalv-ame", ALE_AME_KEY).close()).as("another partner's key")
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> login("alvkust", VAST_PASSWORD).close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> login(broker.user(), "wrong").close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> login("goteborg-socialtjanst", HubIntegrationTestSupport.GOTEBORG_SOCIALTJANST_KEY)
                .close()).as("a partner without a broker user").isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aPartnerSendsToItsOwnIntakeAndReadsItsOwnReceiptsOnly() throws Exception {
        String correlation = "SBS-" + UUID.randomUUID();
        try (Connection connection = login("kungalv-ame", KUNGALV_AME_KEY)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage sent = session.createTextMessage("{ \"from\": \"kungalv-ame\" }");
            sent.setJMSCorrelationID(correlation);
            session.createProducer(session.createQueue("hub.intake.kungalv-ame")).send(sent);
        }
        assertThat(takeAsHub("hub.intake.kungalv-ame", correlation)).as("on its intake queue").isNotNull();

        sendAsHub("hub.receipts.kungalv-ame", correlation);
        try (Connection connection = login("kungalv-ame", KUNGALV_AME_KEY)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThat(session.createBrowser(session.createQueue("hub.receipts.kungalv-ame")).getEnumeration()
                    .hasMoreElements()).as("browses its receipts").isTrue();
            try (MessageConsumer receipts = session.createConsumer(session.createQueue("hub.receipts.kungalv-ame"),
                    "JMSCorrelationID = '" + correlation + "'")) {
                assertThat(receipts.receive(10_000)).as("consumes its receipt").isNotNull();
            }

            assertRefusedToSend(session, "hub.intake.ale-ame", "another partner's intake");
            assertRefusedToConsume(session, "hub.receipts.ale-ame", "another partner's receipts");
            assertRefusedToConsume(session, "hub.intake.kungalv-ame", "its own intake");
            assertRefusedToBrowse(session, "hub.intake.kungalv-ame", "its own intake");
            assertRefusedToSend(session, "hub.receipts.kungalv-ame", "its own receipts");
            assertRefusedToSend(session, "hub.accepted", "the hub's own queue");
            assertRefusedToConsume(session, "hub.accepted", "the hub's own queue");
            assertRefusedToConsume(session, "forbund.alvkust.inbox", "a förbund's queue");
            assertRefusedToBrowse(session, "forbund.vast.inbox", "a förbund's queue");
            assertRefusedToSend(session, "forbund.alvkust.inbox", "a förbund's queue");
            assertRefusedToConsume(session, "DLQ.hub.intake.kungalv-ame", "its intake's dead letters");
            assertRefusedToSend(session, "hub.intake.kungalv-ame-2", "a queue it would have to create");
            assertRefusedToSend(session, "activemq.management", "the broker's management");
            assertThatThrownBy(session::createTemporaryQueue).as("a temporary queue")
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void aForbundConsumesItsOwnQueuesOnly() throws Exception {
        String correlation = "SBS-" + UUID.randomUUID();
        sendAsHub("forbund.alvkust.inbox", correlation);
        try (Connection connection = login("alvkust", ALVKUST_PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThat(session.createBrowser(session.createQueue("forbund.alvkust.inbox")).getEnumeration()
                    .hasMoreElements()).as("browses its own queue").isTrue();
            try (MessageConsumer inbox = session.createConsumer(session.createQueue("forbund.alvkust.inbox"),
                    "JMSCorrelationID = '" + correlation + "'")) {
                assertThat(inbox.receive(10_000)).as("consumes its own queue").isNotNull();
            }

            assertRefusedToConsume(session, "forbund.vast.inbox", "another förbund's queue");
            assertRefusedToBrowse(session, "forbund.vast.inbox", "another förbund's queue");
            assertRefusedToSend(session, "forbund.alvkust.inbox", "its own queue, writing");
            assertRefusedToConsume(session, "DLQ.forbund.alvkust.inbox", "its queue's dead letters (the hub's)");
            assertRefusedToBrowse(session, "hub.accepted", "the hub's own queue");
            assertRefusedToSend(session, "hub.intake.kungalv-ame", "a partner's intake");
            assertRefusedToConsume(session, "hub.receipts.kungalv-ame", "a partner's receipts");
            assertRefusedToSend(session, "forbund.alvkust.new", "a queue it would have to create");
            assertRefusedToSend(session, "activemq.management", "the broker's management");
        }
    }

    /**
     * What operators do on a key rotation and a removal (README): {@code user reset} and
     * {@code user rm}. The broker caches logins for its security-invalidation-interval (10 s), so
     * the old password may work that long; not longer.
     */
    @Test
    void aResetPasswordAndARemovedUserNoLongerLogIn() throws Exception {
        String user = "uddevalla-elevhalsa";
        String oldKey = "old-" + UUID.randomUUID();
        String newKey = "new-" + UUID.randomUUID();
        addUser(user, oldKey, "partner-" + user);
        login(user, oldKey).close();

        broker.userCommand("reset", "--user-command-user", user, "--user-command-password", newKey);
        login(user, newKey).close();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThatThrownBy(() -> login(user, oldKey).close()).as("the old key after the reset")
                        .isInstanceOf(JMSSecurityException.class));
        try (Connection connection = login(user, newKey)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertRefusedToSend(session, "hub.intake.kungalv-ame", "another partner's intake, after the reset");
            session.createConsumer(session.createQueue("hub.receipts." + user)).close();
        }

        broker.userCommand("rm", "--user-command-user", user);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThatThrownBy(() -> login(user, newKey).close()).as("a removed user")
                        .isInstanceOf(JMSSecurityException.class));
        assertThat(broker.userCommand("list")).doesNotContain("\"" + user + "\"").contains("\"kungalv-ame\"(partner-kungalv-ame)");
    }

    /**
     * The hub as the user with role amq (ARTEMIS_USER in compose) does all it needs on this broker:
     * takes a partner's message from its intake queue, answers on its receipts queue and delivers
     * to the förbund's queue (creating dead-letter and other resources as it goes), where the
     * partner and the förbund, each with its own login, read them.
     */
    @Test
    void theHubCarriesAPartnersQueueMessageToItsForbund() throws Exception {
        Path hubData = Files.createDirectories(work.resolve("hub"));
        HubProcess hub = new HubProcess(hubData,
                "--spring.artemis.mode=native",
                "--spring.artemis.embedded.enabled=false",
                "--spring.artemis.broker-url=" + broker.url(),
                "--spring.artemis.user=" + broker.user(),
                "--spring.artemis.password=" + broker.password());
        try {
            hub.start();
            String messageId = "SBS-" + UUID.randomUUID();
            try (Connection connection = login("kungalv-ame", KUNGALV_AME_KEY)) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                TextMessage message = session.createTextMessage(statusUpdate(messageId, "1482"));
                message.setJMSCorrelationID(messageId);
                session.createProducer(session.createQueue("hub.intake.kungalv-ame")).send(message);
                try (MessageConsumer receipts = session.createConsumer(session.createQueue("hub.receipts.kungalv-ame"),
                        "JMSCorrelationID = '" + messageId + "'")) {
                    Message receipt = receipts.receive(60_000);
                    assertThat(receipt).as("the partner's receipt").isNotNull();
                    assertThat(JSON.readTree(((TextMessage) receipt).getText()).path("status").asText())
                            .as("receipt %s", ((TextMessage) receipt).getText()).isEqualTo("ACCEPTED");
                }
            }
            try (Connection connection = login("alvkust", ALVKUST_PASSWORD)) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                try (MessageConsumer inbox = session.createConsumer(session.createQueue("forbund.alvkust.inbox"))) {
                    JsonNode delivered = null;
                    Message message;
                    while (delivered == null && (message = inbox.receive(60_000)) != null) {
                        JsonNode json = JSON.readTree(((TextMessage) message).getText());
                        if (json.path("messageId").asText().equals(messageId)) {
                            delivered = json;
                        }
                    }
                    assertThat(delivered).as("the message on the förbund's queue").isNotNull();
                    assertThat(delivered.path("hub").path("partnerId").asText()).isEqualTo("kungalv-ame");
                }
            }
            assertThat(broker.messageCount("hub.intake.kungalv-ame")).as("left on the intake queue").isZero();
            assertThat(broker.queueNames()).noneMatch(queue -> queue.startsWith("DLQ.") && isNotEmpty(queue));
        } finally {
            hub.stop();
            hub.keepLogs("standalone-broker-security-logs");
        }
    }

    private static boolean isNotEmpty(String queue) {
        try {
            return broker.messageCount(queue) > 0;
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void assertRefusedToSend(Session session, String queue, String what) {
        assertThatThrownBy(() -> {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.send(session.createTextMessage("{}"));
        }).as("send to %s (%s)", queue, what).isInstanceOf(JMSSecurityException.class);
    }

    private static void assertRefusedToConsume(Session session, String queue, String what) {
        assertThatThrownBy(() -> session.createConsumer(session.createQueue(queue)).close())
                .as("consume %s (%s)", queue, what).isInstanceOf(JMSSecurityException.class);
    }

    private static void assertRefusedToBrowse(Session session, String queue, String what) {
        assertThatThrownBy(() -> session.createBrowser(session.createQueue(queue)).getEnumeration())
                .as("browse %s (%s)", queue, what).isInstanceOf(JMSSecurityException.class);
    }

    private static void sendAsHub(String queue, String correlation) throws JMSException {
        try (Connection connection = asHub()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage message = session.createTextMessage("{ \"test\": \"" + correlation + "\" }");
            message.setJMSCorrelationID(correlation);
            session.createProducer(session.createQueue(queue)).send(message);
        }
    }

    private static Message takeAsHub(String queue, String correlation) throws JMSException {
        try (Connection connection = asHub()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue),
                    "JMSCorrelationID = '" + correlation + "'")) {
                return consumer.receive(10_000);
            }
        }
    }

    /** A STATUS_UPDATE (PAUSED) of a new participant of municipality {@code municipality}. */
    private static String statusUpdate(String messageId, String municipality) {
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", "1.0");
        m.put("messageId", messageId);
        m.put("type", "STATUS_UPDATE");
        m.put("occurredAt", "2026-11-20T08:00:00+01:00");
        m.putObject("participant").put("personalIdentityNumber", TestIdentityNumbers.fresh())
                .put("homeMunicipalityCode", municipality);
        m.putObject("statusUpdate").put("status", "PAUSED");
        return m.toString();
    }
}
