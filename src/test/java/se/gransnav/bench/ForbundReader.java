package se.gransnav.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A förbund's system reading its inbox queue as a real one would: {@code consumers} threads, each
 * its own connection logged in as the förbund, a transacted session committed after every
 * message. Counts every messageId it sees (for lost/duplicate checks) and calls
 * {@code onMessage(messageId, receivedNanos)} before the commit.
 */
final class ForbundReader implements AutoCloseable {

    /** messageId -> times received (committed). */
    final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    final LongAdder bytes = new LongAdder();
    final LongAdder count = new LongAdder();
    final LongAdder errors = new LongAdder();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private volatile boolean running = true;

    ForbundReader(String url, String user, String password, String queue, int consumers,
                  BiConsumer<String, Long> onMessage) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
        for (int i = 0; i < consumers; i++) {
            Connection connection = factory.createConnection();
            connections.add(connection);
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            Thread thread = new Thread(() -> {
                while (running) {
                    try {
                        TextMessage message = (TextMessage) consumer.receive(200);
                        if (message == null) {
                            continue;
                        }
                        long now = System.nanoTime();
                        String text = message.getText();
                        String id = Bench.messageId(text);
                        session.commit();
                        bytes.add(text.length());
                        count.increment();
                        received.computeIfAbsent(String.valueOf(id), k -> new AtomicInteger()).incrementAndGet();
                        onMessage.accept(id, now);
                    } catch (JMSException | RuntimeException e) {
                        if (running) {
                            errors.increment();
                            try {
                                session.rollback();
                            } catch (JMSException ignored) {
                                // the next receive tells
                            }
                        }
                    }
                }
            }, "forbund-reader-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    long duplicates() {
        return received.values().stream().mapToLong(n -> Math.max(0, n.get() - 1)).sum();
    }

    @Override
    public void close() throws Exception {
        running = false;
        for (Thread thread : threads) {
            thread.join(5_000);
        }
        for (Connection connection : connections) {
            connection.close();
        }
    }
}
