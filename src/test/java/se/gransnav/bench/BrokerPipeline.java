package se.gransnav.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The hub's queue path with the hub's work taken out: the same broker operations per message, on
 * the same queues, with the same threads and transactions as QueueLoad drives through the hub, and
 * nothing else (no validation, no tracking database, no Camel). Its msg/s is what the broker and
 * the JMS clients alone allow this design on this machine: the ceiling for the hub's queue path,
 * which the raw 4/4 baseline (one send and one consume per message) is not.
 *
 * <p>Per message, as the hub does it (docs/reliability.md):
 * <ol>
 *   <li>a partner producer sends it to {@code hub.intake.<partner>} (transacted, commit per message);</li>
 *   <li>an intake consumer, one per partner's queue, receives it in a transacted session, sends
 *       the accepted copy (the size the hub sends, with a duplicate id and a JMS group) to
 *       {@code hub.accepted} on a separate, non-transacted session (a durable send the broker
 *       confirms), sends a receipt to {@code hub.receipts.<partner>} in the transaction and commits;</li>
 *   <li>a delivery consumer ({@code --delivery} threads) receives from {@code hub.accepted}, sends to
 *       {@code forbund.<id>.inbox} in its transaction and commits;</li>
 *   <li>the förbund's consumers ({@code --consumers}, transacted, commit per message) receive it,
 *       and the partners' receipt readers (DUPS_OK) take the receipts.</li>
 * </ol>
 * Closed loop with at most {@code --window} messages in flight; {@code --warmup} s, then
 * {@code --measure} s counted at the förbund; then the producers stop and everything in flight is
 * drained, so the queues are empty for the next phase. Logs in as one user allowed everything
 * ({@code --user}, the hub's). Last line: {@code RESULT msg_per_s=...}. Not a test.
 */
public final class BrokerPipeline {

    private BrokerPipeline() {
    }

    public static void main(String[] argv) throws Exception {
        Bench.Args args = new Bench.Args(argv);
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(args.required("url"),
                args.required("user"), args.required("password"));
        String[] partners = args.get("partners", "kungalv-socialtjanst,kungalv-ame,ale-ame,goteborg-socialtjanst")
                .split(",");
        String forbundQueue = "forbund." + args.get("forbund", "alvkust") + ".inbox";
        int deliveryThreads = args.integer("delivery", 4);
        int consumers = args.integer("consumers", 4);
        Semaphore window = new Semaphore(args.integer("window", 500));
        long warmupNanos = TimeUnit.SECONDS.toNanos(args.integer("warmup", 30));
        long measureNanos = TimeUnit.SECONDS.toNanos(args.integer("measure", 40));
        // The sizes the hub's queues carry: the canonical message in, the message with the hub's
        // envelope out (QueueLoad reports both).
        String incoming = Bench.statusUpdate("pipeline-0000000000", 0);
        String accepted = incoming + " ".repeat(Math.max(0, args.integer("accepted-bytes", 713) - incoming.length()));

        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        LongAdder arrived = new LongAdder();
        LongAdder measured = new LongAdder();
        long start = System.nanoTime();
        long measureFrom = start + warmupNanos;
        long measureTo = measureFrom + measureNanos;
        List<Connection> connections = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();

        for (String partner : partners) {
            Connection producerConnection = open(factory, connections);
            threads.add(thread("producer-" + partner, () -> {
                Session session = producerConnection.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer producer = session.createProducer(session.createQueue("hub.intake." + partner));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                while (producing.get()) {
                    if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    producer.send(session.createTextMessage(incoming));
                    session.commit();
                    sent.incrementAndGet();
                }
            }));
            Connection intakeConnection = open(factory, connections);
            threads.add(thread("intake-" + partner, () -> {
                Session tx = intakeConnection.createSession(true, Session.SESSION_TRANSACTED);
                Session plain = intakeConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer intake = tx.createConsumer(tx.createQueue("hub.intake." + partner));
                MessageProducer toAccepted = plain.createProducer(plain.createQueue("hub.accepted"));
                toAccepted.setDeliveryMode(DeliveryMode.PERSISTENT);
                MessageProducer receipts = tx.createProducer(tx.createQueue("hub.receipts." + partner));
                receipts.setDeliveryMode(DeliveryMode.PERSISTENT);
                long n = 0;
                while (running.get()) {
                    Message in = intake.receive(100);
                    if (in == null) {
                        continue;
                    }
                    String trackingId = UUID.randomUUID().toString();
                    TextMessage out = plain.createTextMessage(accepted);
                    out.setStringProperty("hubTrackingId", trackingId);
                    out.setStringProperty("hubType", "STATUS_UPDATE");
                    out.setStringProperty("JMSXGroupID", partner + "-" + (n++ % Bench.PARTICIPANTS));
                    out.setStringProperty("_AMQ_DUPL_ID", trackingId);
                    toAccepted.send(out);
                    receipts.send(tx.createTextMessage("{\"trackingId\":\"" + trackingId + "\",\"status\":\"ACCEPTED\"}"));
                    tx.commit();
                }
            }));
            Connection receiptConnection = open(factory, connections);
            Session receiptSession = receiptConnection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            receiptSession.createConsumer(receiptSession.createQueue("hub.receipts." + partner))
                    .setMessageListener(message -> { });
        }
        for (int i = 0; i < deliveryThreads; i++) {
            Connection deliveryConnection = open(factory, connections);
            threads.add(thread("delivery-" + i, () -> {
                Session tx = deliveryConnection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer fromAccepted = tx.createConsumer(tx.createQueue("hub.accepted"));
                MessageProducer toForbund = tx.createProducer(tx.createQueue(forbundQueue));
                toForbund.setDeliveryMode(DeliveryMode.PERSISTENT);
                while (running.get()) {
                    Message in = fromAccepted.receive(100);
                    if (in == null) {
                        continue;
                    }
                    TextMessage out = tx.createTextMessage(((TextMessage) in).getText());
                    out.setStringProperty("hubTrackingId", in.getStringProperty("hubTrackingId"));
                    out.setStringProperty("hubType", in.getStringProperty("hubType"));
                    out.setStringProperty("JMSXGroupID", in.getStringProperty("JMSXGroupID"));
                    toForbund.send(out);
                    tx.commit();
                }
            }));
        }
        for (int i = 0; i < consumers; i++) {
            Connection forbundConnection = open(factory, connections);
            threads.add(thread("forbund-" + i, () -> {
                Session tx = forbundConnection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer inbox = tx.createConsumer(tx.createQueue(forbundQueue));
                while (running.get()) {
                    Message in = inbox.receive(100);
                    if (in == null) {
                        continue;
                    }
                    tx.commit();
                    window.release();
                    arrived.increment();
                    long now = System.nanoTime();
                    if (now >= measureFrom && now < measureTo) {
                        measured.increment();
                    }
                }
            }));
        }
        for (Connection connection : connections) {
            connection.start();
        }
        threads.forEach(Thread::start);

        Bench.sleepUntil(measureTo);
        producing.set(false);
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(args.integer("drain", 120));
        // Producers stop at once; what they sent must all reach the förbund before the queues are
        // left to the next phase.
        Thread.sleep(200);
        while (arrived.sum() < sent.get() && System.nanoTime() < drainUntil) {
            Thread.sleep(100);
        }
        running.set(false);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        for (Connection connection : connections) {
            connection.close();
        }
        double seconds = measureNanos / 1e9;
        System.out.printf("sent=%d arrived=%d%n", sent.get(), arrived.sum());
        System.out.printf("RESULT msg_per_s=%.1f sent=%d arrived=%d lost=%d%n", measured.sum() / seconds,
                sent.get(), arrived.sum(), sent.get() - arrived.sum());
    }

    private interface Loop {
        void run() throws JMSException, InterruptedException;
    }

    private static Connection open(ActiveMQConnectionFactory factory, List<Connection> connections) throws JMSException {
        Connection connection = factory.createConnection();
        connections.add(connection);
        return connection;
    }

    private static Thread thread(String name, Loop loop) {
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (JMSException | InterruptedException e) {
                System.err.println(name + " stopped: " + e);
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }
}
