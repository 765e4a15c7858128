package se.gransnav.delivery;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import se.gransnav.HubIntegrationTestSupport;
import se.gransnav.TestIdentityNumbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Order per participant from intake to the förbund (contract section 7) with concurrency at every
 * step: 500 messages about 50 participants, sent by 10 HTTP clients at once (each participant's
 * messages one after another, as a partner's system sends them), moved by the hub's several
 * delivery consumers, and read at the förbund by three consumers at once. Each participant's
 * messages must all reach one förbund consumer (their JMS group) in the order they were sent.
 */
class OrderingIntegrationTest extends HubIntegrationTestSupport {

    private static final int PARTICIPANTS = 50;
    private static final int PER_PARTICIPANT = 10;
    private static final int FORBUND_CONSUMERS = 3;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private byte[] message(String participant, int p, int seq) {
        ObjectNode message = (ObjectNode) json(new String(sample("canonical-status-exit.json"), StandardCharsets.UTF_8));
        message.put("messageId", run + "-" + p + "-" + seq);
        ((ObjectNode) message.path("participant")).put("personalIdentityNumber", participant);
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachParticipantsMessagesArriveInTheOrderTheyWereSent() throws Exception {
        // participant number -> (förbund consumer, sequence number), in the order received
        Map<Integer, List<int[]>> received = new ConcurrentHashMap<>();
        AtomicInteger ours = new AtomicInteger();
        List<Connection> connections = new ArrayList<>();
        try {
            for (int c = 0; c < FORBUND_CONSUMERS; c++) {
                int consumerNumber = c;
                Connection connection = se.gransnav.TestBrokerLogins.asHub(brokerUrl()).createConnection();
                connections.add(connection);
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue("forbund.alvkust.inbox"));
                consumer.setMessageListener(m -> {
                    try {
                        String messageId = json(((TextMessage) m).getText()).path("messageId").asText();
                        if (messageId.startsWith(run + "-")) {
                            String[] parts = messageId.split("-");
                            received.computeIfAbsent(Integer.parseInt(parts[1]), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                    .add(new int[] {consumerNumber, Integer.parseInt(parts[2])});
                            ours.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                connection.start();
            }

            ExecutorService clients = Executors.newFixedThreadPool(10);
            List<Future<?>> sent = new ArrayList<>();
            for (int p = 0; p < PARTICIPANTS; p++) {
                int participantNumber = p;
                String participant = TestIdentityNumbers.fresh();
                sent.add(clients.submit(() -> {
                    for (int seq = 0; seq < PER_PARTICIPANT; seq++) {
                        HttpResponse<String> response = postMessage(KUNGALV_AME_KEY,
                                message(participant, participantNumber, seq));
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            clients.shutdown();

            await().atMost(Duration.ofSeconds(60)).until(() -> ours.get() == PARTICIPANTS * PER_PARTICIPANT);
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }

        assertThat(received).hasSize(PARTICIPANTS);
        java.util.Set<Integer> consumersUsed = new java.util.HashSet<>();
        for (Map.Entry<Integer, List<int[]>> participant : received.entrySet()) {
            List<int[]> messages = participant.getValue();
            assertThat(messages.stream().map(m -> m[0]).distinct().count())
                    .as("participant %d at one förbund consumer", participant.getKey()).isEqualTo(1);
            assertThat(messages.stream().map(m -> m[1]).toList())
                    .as("participant %d in order", participant.getKey())
                    .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            consumersUsed.add(messages.get(0)[0]);
        }
        assertThat(consumersUsed).as("the förbund's consumers shared the work").hasSizeGreaterThan(1);
    }
}
