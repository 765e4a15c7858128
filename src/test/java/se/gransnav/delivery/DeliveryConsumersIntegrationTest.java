package se.gransnav.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.gransnav.ForbundQueueClient;
import se.gransnav.HubIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Order per participant rests on JMS groups: the broker gives all of a participant's messages to
 * the one delivery consumer that has its group, for as long as that consumer exists. So the
 * delivery's consumers must live from message to message. A consumer opened per transaction (as
 * Spring's listener container does when a transaction manager supplies the session) closes before
 * its transaction commits; the group is then free, the participant's next message goes to another
 * consumer, and that one may commit first: the förbund gets the later message before the earlier.
 * {@code MixedLoadKillTest} found that under load; these tests pin it down.
 */
class DeliveryConsumersIntegrationTest extends HubIntegrationTestSupport {

    @Autowired
    EmbeddedActiveMQ embeddedBroker;

    @Autowired
    CamelContext camel;

    @Test
    void theDeliveryKeepsItsBrokerConsumersFromOneMessageToTheNext() throws Exception {
        Queue accepted = embeddedBroker.getActiveMQServer().locateQueue(SimpleString.of("hub.accepted"));
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted.getConsumerCount() == 4);
        Set<Object> before = consumers(accepted);

        String sample = new String(sample("canonical-status-exit.json"), java.nio.charset.StandardCharsets.UTF_8);
        try (ForbundQueueClient forbund = new ForbundQueueClient(brokerUrl())) {
            for (int i = 0; i < 5; i++) {
                String messageId = "CONSUMERS-" + UUID.randomUUID();
                var response = postMessage(KUNGALV_AME_KEY, sample.replace("KUN-AME-88213", messageId)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(response.statusCode()).isEqualTo(202);
                String trackingId = json(response.body()).path("trackingId").asText();
                assertThat(forbund.receive("forbund.alvkust.inbox", trackingId, 15_000)).isNotNull();
            }
        }

        assertThat(consumers(accepted)).as("the consumers that delivered the messages are the ones before")
                .isEqualTo(before);
    }

    /**
     * A backlog on the accepted queue, taken by all delivery consumers at once: every participant's
     * messages reach the förbund in the order they were accepted.
     */
    @Test
    void aBacklogTakenBySeveralConsumersReachesTheForbundInOrderPerParticipant() throws Exception {
        int participants = 60;
        int perParticipant = 20;
        String run = "order-" + UUID.randomUUID().toString().substring(0, 8);
        camel.getRouteController().stopRoute("deliver-to-forbund");
        try (Connection connection = se.gransnav.TestBrokerLogins.asHub(brokerUrl()).createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue("hub.accepted"));
            for (int seq = 0; seq < perParticipant; seq++) {
                for (int p = 0; p < participants; p++) {
                    // What accept-message puts on the queue, as far as the delivery reads it.
                    TextMessage message = session.createTextMessage("{\"messageId\":\"" + run + "-" + p + "-" + seq + "\"}");
                    message.setStringProperty("hubType", "STATUS_UPDATE");
                    message.setStringProperty("hubTrackingId", run + "-" + p + "-" + seq);
                    message.setStringProperty("hubForbundId", "alvkust");
                    message.setStringProperty("JMSXGroupID", run + "-participant-" + p);
                    producer.send(message);
                }
            }
            session.commit();
        } finally {
            camel.getRouteController().startRoute("deliver-to-forbund");
        }

        Map<Integer, List<Integer>> arrived = new HashMap<>();
        try (Connection connection = se.gransnav.TestBrokerLogins.asHub(brokerUrl()).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("forbund.alvkust.inbox"),
                    "hubTrackingId LIKE '" + run + "-%'");
            connection.start();
            for (int n = 0; n < participants * perParticipant; n++) {
                Message message = consumer.receive(30_000);
                assertThat(message).as("message %d of %d", n + 1, participants * perParticipant).isNotNull();
                String[] parts = message.getStringProperty("hubTrackingId").split("-");
                arrived.computeIfAbsent(Integer.parseInt(parts[parts.length - 2]), k -> new ArrayList<>())
                        .add(Integer.parseInt(parts[parts.length - 1]));
            }
        }
        List<Integer> inOrder = new ArrayList<>();
        for (int seq = 0; seq < perParticipant; seq++) {
            inOrder.add(seq);
        }
        List<Integer> outOfOrder = arrived.entrySet().stream().filter(e -> !e.getValue().equals(inOrder))
                .map(Map.Entry::getKey).sorted().toList();
        assertThat(outOfOrder).as("participants whose messages arrived out of order").isEmpty();
    }

    private static Set<Object> consumers(Queue queue) {
        Set<Object> consumers = Collections.newSetFromMap(new IdentityHashMap<>());
        consumers.addAll(queue.getConsumers());
        return consumers;
    }
}
