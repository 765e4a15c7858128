package se.gransnav.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.gransnav.HubProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub, in a process of its own on its embedded broker and H2, is killed with SIGKILL while it
 * reads a status file; started again on the same data, it finishes the file. Every row reaches the
 * förbund exactly once.
 */
class FileIntakeKillTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 10_000;

    @TempDir
    Path data;

    private HubProcess hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.stop();
            hub.keepLogs("kill-test-logs");
        }
    }

    private static String statusFile() {
        StringBuilder csv = new StringBuilder("Löpnummer;Personnummer;Hemkommun;Datum;Händelse\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("KILL-").append(i).append(";197908099968;1440;2026-11-02;paus\n");
        }
        return csv.toString();
    }

    @Test
    void aHubKilledInTheMiddleOfAFileFinishesItAfterRestartDeliveringEveryRowOnce() throws Exception {
        hub = new HubProcess(data, "--gransnav.intake.batch-size=50").start();
        String brokerUrl = hub.brokerUrl();

        Path inbox = data.resolve("inbox").resolve("ale-ame");
        // The health check answers once the web server is up; the Camel routes, which create the
        // partners' inbox folders, start just after it.
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.isDirectory(inbox));
        Path temporary = data.resolve("status.tmp");
        Files.writeString(temporary, statusFile(), StandardCharsets.UTF_8);
        Files.move(temporary, inbox.resolve("stor.csv"));

        // Kill it once a tenth of the file has been accepted (on its way to or at the förbund's
        // queue), and before it is done.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> queueDepth(brokerUrl, "hub.accepted") + queueDepth(brokerUrl, "forbund.alvkust.inbox")
                        >= ROWS / 10);
        hub.kill();
        assertThat(Files.exists(inbox.resolve("stor.csv"))).as("the file is still in the inbox").isTrue();

        hub.start();
        Path receiptFile = inbox.resolve("receipts").resolve("stor.csv.receipt.json");
        await().atMost(Duration.ofSeconds(180)).until(() -> Files.exists(receiptFile));
        JsonNode receipt = JSON.readTree(Files.readString(receiptFile));
        assertThat(receipt.path("accepted").asInt() + receipt.path("duplicate").asInt()).isEqualTo(ROWS);
        assertThat(receipt.path("duplicate").asInt()).as("rows accepted before the kill").isPositive();

        Map<String, Integer> delivered = consumeAll(brokerUrl, "forbund.alvkust.inbox");
        assertThat(delivered).hasSize(ROWS);
        assertThat(delivered.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey).toList())
                .as("rows delivered more than once").isEmpty();
    }

    private static int queueDepth(String brokerUrl, String queue) throws Exception {
        try (Connection connection = se.gransnav.TestBrokerLogins.asHub(brokerUrl).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            int n = 0;
            var browser = session.createBrowser(session.createQueue(queue));
            for (var e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
                n++;
            }
            return n;
        } catch (jakarta.jms.JMSException e) {
            return 0;
        }
    }

    /** Every message on the queue, counted by the sender's messageId, waiting until it stays quiet. */
    private static Map<String, Integer> consumeAll(String brokerUrl, String queue) throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        try (Connection connection = se.gransnav.TestBrokerLogins.asHub(brokerUrl).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            long quietUntil = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < quietUntil) {
                Message message = consumer.receive(500);
                if (message != null) {
                    String messageId = JSON.readTree(((TextMessage) message).getText()).path("messageId").asText();
                    seen.merge(messageId, 1, Integer::sum);
                    quietUntil = System.currentTimeMillis() + (seen.size() < ROWS ? 10_000 : 3_000);
                }
            }
        }
        return seen;
    }
}
