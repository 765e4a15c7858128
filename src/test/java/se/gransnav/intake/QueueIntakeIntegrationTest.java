package se.gransnav.intake;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import se.gransnav.ForbundQueueClient;
import se.gransnav.HubIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partner's own JMS client sends to hub.intake.<partnerId> over TCP and reads its receipts on
 * hub.receipts.<partnerId>; the förbund reads the message from its queue.
 */
class QueueIntakeIntegrationTest extends HubIntegrationTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    private Connection connection;
    private Session session;
    private ForbundQueueClient forbund;

    @BeforeEach
    void connect() throws Exception {
        connection = se.gransnav.TestBrokerLogins.asHub(brokerUrl()).createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        connection.start();
        forbund = new ForbundQueueClient(brokerUrl());
    }

    @AfterEach
    void disconnect() throws Exception {
        forbund.close();
        connection.close();
    }

    private TextMessage send(String partnerId, String body, String correlationId) throws Exception {
        TextMessage message = session.createTextMessage(body);
        if (correlationId != null) {
            message.setJMSCorrelationID(correlationId);
        }
        try (MessageProducer producer = session.createProducer(session.createQueue("hub.intake." + partnerId))) {
            producer.send(message);
        }
        return message;
    }

    private TextMessage receipt(String partnerId, String correlationId) throws Exception {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue("hub.receipts." + partnerId),
                "JMSCorrelationID = '" + correlationId + "'")) {
            return (TextMessage) consumer.receive(10_000);
        }
    }

    private static String statusUpdate(String messageId) {
        return new String(HttpIntakeIntegrationTest.withMessageId(sample("canonical-status-exit.json"), messageId),
                StandardCharsets.UTF_8);
    }

    @Test
    void anAcceptedMessageGetsAReceiptAndReachesTheForbund() throws Exception {
        send("kungalv-ame", statusUpdate("Q-1"), "corr-q-1");

        TextMessage receipt = receipt("kungalv-ame", "corr-q-1");
        assertThat(receipt).isNotNull();
        JsonNode body = json(receipt.getText());
        assertThat(body.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(body.path("messageId").asText()).isEqualTo("Q-1");
        String trackingId = body.path("trackingId").asText();

        TextMessage delivered = forbund.receive("forbund.alvkust.inbox", trackingId, 10_000);
        assertThat(delivered).isNotNull();
        assertThat(json(delivered.getText()).at("/hub/channel").asText()).isEqualTo("QUEUE");
        assertThat(json(delivered.getText()).at("/hub/partnerId").asText()).isEqualTo("kungalv-ame");
        assertThat(jdbc.queryForObject("select status from tracked_message where tracking_id = ?",
                String.class, trackingId)).isIn("ACCEPTED", "DELIVERED");
    }

    @Test
    void withoutACorrelationIdTheReceiptIsCorrelatedByTheMessageId() throws Exception {
        TextMessage sent = send("kungalv-ame", statusUpdate("Q-2"), null);

        TextMessage receipt = receipt("kungalv-ame", sent.getJMSMessageID());
        assertThat(receipt).isNotNull();
        assertThat(json(receipt.getText()).path("status").asText()).isEqualTo("ACCEPTED");
        forbund.receive("forbund.alvkust.inbox", json(receipt.getText()).path("trackingId").asText(), 5_000);
    }

    @Test
    void theSameMessageIdAgainGetsADuplicateReceiptAndIsNotDeliveredTwice() throws Exception {
        send("kungalv-ame", statusUpdate("Q-3"), "corr-q-3a");
        JsonNode first = json(receipt("kungalv-ame", "corr-q-3a").getText());
        String trackingId = first.path("trackingId").asText();
        assertThat(forbund.receive("forbund.alvkust.inbox", trackingId, 10_000)).isNotNull();

        send("kungalv-ame", statusUpdate("Q-3"), "corr-q-3b");
        JsonNode second = json(receipt("kungalv-ame", "corr-q-3b").getText());

        assertThat(second.path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(second.path("trackingId").asText()).isEqualTo(trackingId);
        assertThat(forbund.receive("forbund.alvkust.inbox", trackingId, 1_500)).isNull();
    }

    @Test
    void aRejectedMessageGetsEveryProblemInItsReceiptAndGoesNowhere() throws Exception {
        String bad = statusUpdate("Q-4").replace("199003639854", "199003639855").replace("\"1482\"", "\"9999\"");
        int tracked = jdbc.queryForObject("select count(*) from tracked_message", Integer.class);

        send("kungalv-ame", bad, "corr-q-4");

        TextMessage receipt = receipt("kungalv-ame", "corr-q-4");
        JsonNode body = json(receipt.getText());
        assertThat(body.path("status").asInt()).isEqualTo(422);
        assertThat(body.path("messageId").asText()).isEqualTo("Q-4");
        assertThat(body.path("errors").findValuesAsText("code")).containsExactlyInAnyOrder("HUB-003", "HUB-004");
        assertThat(receipt.getText()).doesNotContain("19900363985");
        assertThat(jdbc.queryForObject("select count(*) from tracked_message", Integer.class)).isEqualTo(tracked);
        assertThat(forbund.browse("hub.intake.kungalv-ame")).as("consumed, not redelivered").isEmpty();
    }

    @Test
    void anUnreadableMessageGetsAReceiptWithoutMessageId() throws Exception {
        send("kungalv-ame", "{not json", "corr-q-5");

        JsonNode body = json(receipt("kungalv-ame", "corr-q-5").getText());
        assertThat(body.path("errors").findValuesAsText("code")).containsExactly("HUB-001");
        assertThat(body.has("messageId")).isTrue();
        assertThat(body.path("messageId").isNull()).isTrue();
    }

    @Test
    void aPartnerIsWhoseQueueItIs() throws Exception {
        // kungalv-ame may not send referrals; on its own queue a referral is HUB-011.
        String referral = new String(HttpIntakeIntegrationTest.withMessageId(sample("canonical-referral.json"), "Q-6"),
                StandardCharsets.UTF_8);
        send("kungalv-ame", referral, "corr-q-6");

        JsonNode body = json(receipt("kungalv-ame", "corr-q-6").getText());
        assertThat(body.path("status").asInt()).isEqualTo(403);
        assertThat(body.path("errors").findValuesAsText("code")).contains("HUB-011");
    }

    @Test
    void aResendWhoseFirstCopyReachedTheBrokerButWasNotRecordedIsAnsweredAndDeliveredOnce() throws Exception {
        send("kungalv-ame", statusUpdate("Q-7"), "corr-q-7a");
        String trackingId = json(receipt("kungalv-ame", "corr-q-7a").getText()).path("trackingId").asText();
        assertThat(forbund.receive("forbund.alvkust.inbox", trackingId, 10_000)).isNotNull();
        // As if the hub had stopped after the send but before it recorded the acceptance.
        jdbc.update("update tracked_message set status = 'RECEIVED' where tracking_id = ?", trackingId);

        send("kungalv-ame", statusUpdate("Q-7"), "corr-q-7b");

        TextMessage receipt = receipt("kungalv-ame", "corr-q-7b");
        assertThat(receipt).as("answered, not stuck in redelivery").isNotNull();
        assertThat(json(receipt.getText()).path("trackingId").asText()).isEqualTo(trackingId);
        assertThat(forbund.receive("forbund.alvkust.inbox", trackingId, 2_000)).as("not delivered again").isNull();
        assertThat(forbund.browse("DLQ.hub.intake.kungalv-ame")).isEmpty();
    }
}
