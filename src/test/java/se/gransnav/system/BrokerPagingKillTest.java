package se.gransnav.system;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the hub needs from Artemis when the process dies while an address pages to disk (a förbund
 * that has not read its queue for a while, a backlog on hub.accepted): the hub's two patterns on a
 * real persistent broker in a JVM of its own, killed with SIGKILL, started again on its data.
 * <ul>
 * <li>acceptance: persistent sends with a duplicate id; a send that got no answer is sent again
 * with the same id after the restart, and the broker drops it if it has the first;</li>
 * <li>delivery: several consumers each take a message and send it on to another queue in one
 * transaction.</li>
 * </ul>
 * Every message whose send returned, or that was sent again, must then be on one of the two queues.
 *
 * <p>Artemis 2.40.0 failed this in most rounds (ARTEMIS-5379, fixed in 2.41.0): with an address
 * paging, the journal's records of a send — its duplicate id, the commit of its transaction with
 * the acknowledgement of the consumed message — could reach the disk before the paged message
 * itself. Killed in between, the broker came back knowing the duplicate id (so the resend was
 * dropped) or the acknowledgement, without the message. {@code MixedLoadKillTest} lost 211 of
 * 33,501 acknowledged messages that way in 20 cycles.
 */
class BrokerPagingKillTest {

    private static final int ROUNDS = 4;
    /** Small enough that both queues page after a few hundred messages. */
    private static final long ADDRESS_MAX_SIZE = 200 * 1024;
    private static final String BODY = "x".repeat(1000);

    @TempDir
    Path work;

    @Test
    void noMessageIsLostWhenTheBrokerIsKilledWhilePaging() throws Exception {
        Random random = new Random();
        List<String> lostPerRound = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Path data = Files.createDirectories(work.resolve("round-" + round));
            int port = freePort();
            String url = "tcp://127.0.0.1:" + port;
            Process broker = start(data, port);

            Set<String> answered = Collections.synchronizedSet(new HashSet<>());
            Set<String> unanswered = Collections.synchronizedSet(new HashSet<>());
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sent = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                int producer = p;
                threads.add(new Thread(() -> produce(url, producer, stop, sent, answered, unanswered)));
            }
            for (int c = 0; c < 4; c++) {
                threads.add(new Thread(() -> deliver(url, stop)));
            }
            threads.forEach(Thread::start);
            // Kill well after both queues have started paging, at a random moment.
            int killAfter = 600 + random.nextInt(1200);
            await().atMost(Duration.ofMinutes(2)).until(() -> sent.get() >= killAfter);
            broker.destroyForcibly().waitFor();
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }

            broker = start(data, port);
            Set<String> found = new HashSet<>();
            try (Connection connection = new ActiveMQConnectionFactory(url).createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue("hub.accepted"));
                for (String id : unanswered) {
                    producer.send(message(session, id));
                    answered.add(id);
                }
                connection.start();
                for (String queue : List.of("hub.accepted", "forbund.test.inbox")) {
                    try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
                        for (Message m = consumer.receive(5_000); m != null; m = consumer.receive(1_000)) {
                            found.add(m.getStringProperty("id"));
                        }
                    }
                }
            } finally {
                broker.destroyForcibly().waitFor();
            }
            Set<String> lost = new TreeSet<>(answered);
            lost.removeAll(found);
            lostPerRound.add("round " + round + ": " + answered.size() + " sent, " + lost.size() + " lost"
                    + (lost.isEmpty() ? "" : " " + lost.stream().limit(5).toList()));
        }

        assertThat(lostPerRound).allMatch(r -> r.endsWith(" 0 lost"));
    }

    /** Like accept-message: persistent, duplicate id = message id, blocking until the broker has it. */
    private static void produce(String url, int producer, AtomicBoolean stop, AtomicInteger sent, Set<String> answered,
                                Set<String> unanswered) {
        try (Connection connection = new ActiveMQConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer sender = session.createProducer(session.createQueue("hub.accepted"));
            sender.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; !stop.get(); i++) {
                String id = "p" + producer + "-" + i;
                unanswered.add(id);
                sender.send(message(session, id));
                unanswered.remove(id);
                answered.add(id);
                sent.incrementAndGet();
            }
        } catch (Exception e) {
            // the broker was killed; what is in unanswered is sent again after the restart
        }
    }

    /** Like deliver-to-forbund: take one, send it on, commit both together. */
    private static void deliver(String url, AtomicBoolean stop) {
        try (Connection connection = new ActiveMQConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue("hub.accepted"));
            MessageProducer sender = session.createProducer(session.createQueue("forbund.test.inbox"));
            connection.start();
            while (!stop.get()) {
                Message m = consumer.receive(200);
                if (m != null) {
                    TextMessage out = session.createTextMessage(((TextMessage) m).getText());
                    out.setStringProperty("id", m.getStringProperty("id"));
                    sender.send(out);
                    session.commit();
                }
            }
        } catch (Exception e) {
            // the broker was killed; an uncommitted transaction must be as if it never happened
        }
    }

    private static TextMessage message(Session session, String id) throws jakarta.jms.JMSException {
        TextMessage message = session.createTextMessage(BODY);
        message.setStringProperty("id", id);
        message.setStringProperty("_AMQ_DUPL_ID", id);
        return message;
    }

    private static Process start(Path data, int port) throws Exception {
        Process process = new ProcessBuilder(Arrays.asList(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                PagingBroker.class.getName(), data.toString(), String.valueOf(port)))
                .directory(new File(System.getProperty("user.dir"))).redirectErrorStream(true)
                .redirectOutput(data.resolve("broker-" + System.nanoTime() + ".log").toFile()).start();
        String url = "tcp://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            assertThat(process.isAlive()).isTrue();
            new ActiveMQConnectionFactory(url).createConnection().close();
            return true;
        });
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A persistent broker as the hub configures it (NIO journal and its flush timer, paging), with small addresses. */
    public static final class PagingBroker {

        public static void main(String[] args) throws Exception {
            String data = args[0];
            ConfigurationImpl configuration = new ConfigurationImpl();
            configuration.setPersistenceEnabled(true);
            configuration.setSecurityEnabled(false);
            configuration.setJournalType(JournalType.NIO);
            configuration.setJournalBufferTimeout_NIO(152_000);
            configuration.setJournalDirectory(data + "/journal");
            configuration.setBindingsDirectory(data + "/bindings");
            configuration.setPagingDirectory(data + "/paging");
            configuration.setLargeMessagesDirectory(data + "/large");
            configuration.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + args[1] + "?protocols=CORE");
            configuration.addAddressSetting("#", new AddressSettings().setMaxSizeBytes(ADDRESS_MAX_SIZE)
                    .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
            for (String queue : List.of("hub.accepted", "forbund.test.inbox")) {
                configuration.addQueueConfiguration(QueueConfiguration.of(queue).setAddress(queue)
                        .setRoutingType(RoutingType.ANYCAST).setDurable(true));
            }
            new EmbeddedActiveMQ().setConfiguration(configuration).start();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
