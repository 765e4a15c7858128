package se.gransnav.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.HdrHistogram.Histogram;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Queue path load: canonical STATUS_UPDATE JSON into {@code hub.intake.<partner>} → the hub →
 * {@code forbund.<id>.inbox}, end to end.
 *
 * <ul>
 *   <li>Producers: {@code --producers} threads, each its own connection logged in as the partner
 *       (user = partner id, password = its API key), a transacted session and a persistent send
 *       committed per message, as a partner's system that must know each message is on the
 *       broker's disk before it moves on. Unique messageIds; participants cycle over 10,000 test
 *       personal numbers (birth numbers 980–999).</li>
 *   <li>Consumers: {@link ForbundReader} on the förbund's inbox (logged in as the förbund,
 *       transacted, commit per message). Latency = receive time − send time (open loop: − the
 *       intended send time, so a stalled hub is not hidden by producers waiting), keyed by the
 *       messageId in the JSON (the hub passes the body on with the same messageId).</li>
 *   <li>The partner also reads its receipts on {@code hub.receipts.<partner>}; rejections are
 *       counted (the load sends only valid messages: any rejection is a harness bug).</li>
 * </ul>
 *
 * <p>{@code --mode=closed}: as fast as the hub goes, at most {@code --window} messages sent and not
 * yet at the förbund; msg/s = messages received at the förbund during the measurement.
 * {@code --mode=open --rate=R}: R msg/s in all, fixed schedule; latency percentiles. Each run is
 * warm-up ({@code --warmup} s, not recorded), measurement ({@code --measure} s), then the producers
 * stop and every sent message must arrive ({@code --drain} s at most): lost and duplicated
 * messages are printed (a benchmark that loses messages is a bug to report).
 *
 * <p>Last line: {@code RESULT key=value ...}. No message body is ever printed.
 */
public final class QueueLoad {

    private record Sent(long sendNanos, boolean measured) {
    }

    public static void main(String[] argv) throws Exception {
        Bench.Args args = new Bench.Args(argv);
        if (argv.length == 1 && argv[0].equals("--size=true")) {
            System.out.println(Bench.statusUpdate("BENCH-r0000000000-size-p0-0000000", 0)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            return;
        }
        String url = args.required("url");
        // --partners=id:key,id:key,...: producer p sends as partner p mod n, each to its own
        // hub.intake.<id> (the hub reads each partner's queue with one consumer, in order); or one
        // --partner with --partner-key.
        List<String[]> partners = new ArrayList<>();
        String partnerList = args.get("partners", null);
        if (partnerList != null) {
            for (String pair : partnerList.split(",")) {
                int colon = pair.indexOf(':');
                partners.add(new String[] {pair.substring(0, colon), pair.substring(colon + 1)});
            }
        } else {
            partners.add(new String[] {args.get("partner", "kungalv-ame"), args.required("partner-key")});
        }
        String forbund = args.get("forbund", "alvkust");
        String forbundPassword = args.required("forbund-password");
        int producers = args.integer("producers", 4);
        int consumers = args.integer("consumers", 4);
        String mode = args.get("mode", "closed");
        double rate = args.decimal("rate", 0);
        int window = args.integer("window", 500);
        long warmup = TimeUnit.SECONDS.toNanos(args.integer("warmup", 30));
        long measure = TimeUnit.SECONDS.toNanos(args.integer("measure", 60));
        long drain = TimeUnit.SECONDS.toNanos(args.integer("drain", 120));
        boolean open = mode.equals("open");
        if (open && rate <= 0) {
            throw new IllegalArgumentException("--mode=open needs --rate=");
        }
        String run = args.get("run", "r" + System.currentTimeMillis()) + "-" + mode;

        Map<String, Sent> sent = new ConcurrentHashMap<>();
        Set<String> committed = ConcurrentHashMap.newKeySet();
        Histogram latency = Bench.histogram();
        Semaphore inFlight = new Semaphore(window);
        LongAdder receivedInWindow = new LongAdder();
        LongAdder sentInWindow = new LongAdder();
        LongAdder foreign = new LongAdder();
        LongAdder sendErrors = new LongAdder();
        long start = System.nanoTime();
        long measureFrom = start + warmup;
        long measureTo = measureFrom + measure;

        ForbundReader reader = new ForbundReader(url, forbund, forbundPassword, "forbund." + forbund + ".inbox",
                consumers, (id, now) -> {
                    Sent s = id == null ? null : sent.get(id);
                    if (s == null) {
                        foreign.increment();
                        return;
                    }
                    if (!open) {
                        inFlight.release();
                    }
                    if (now >= measureFrom && now < measureTo) {
                        receivedInWindow.increment();
                    }
                    if (s.measured()) {
                        synchronized (latency) {
                            latency.recordValue(Math.max(0, (now - s.sendNanos()) / 1000));
                        }
                    }
                });

        // The partners' receipts: accepted ones carry a trackingId, rejections an "errors" list.
        LongAdder receiptsAccepted = new LongAdder();
        LongAdder receiptsRejected = new LongAdder();
        Map<String, LongAdder> rejectionCodes = new ConcurrentHashMap<>();
        List<Connection> receiptConnections = new ArrayList<>();
        for (String[] partner : partners) {
            Connection receiptConnection = new ActiveMQConnectionFactory(url, partner[0], partner[1]).createConnection();
            receiptConnections.add(receiptConnection);
            Session receiptSession = receiptConnection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            MessageConsumer receipts = receiptSession.createConsumer(receiptSession.createQueue("hub.receipts." + partner[0]));
            receipts.setMessageListener(message -> {
                try {
                    String text = ((TextMessage) message).getText();
                    if (text.contains("\"errors\"")) {
                        receiptsRejected.increment();
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("HUB-\\d+").matcher(text);
                        while (m.find()) {
                            rejectionCodes.computeIfAbsent(m.group(), k -> new LongAdder()).increment();
                        }
                    } else {
                        receiptsAccepted.increment();
                    }
                } catch (JMSException e) {
                    sendErrors.increment();
                }
            });
            receiptConnection.start();
        }

        AtomicLong sequence = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int index = p;
            String[] partner = partners.get(p % partners.size());
            Connection connection = new ActiveMQConnectionFactory(url, partner[0], partner[1]).createConnection();
            connections.add(connection);
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue("hub.intake." + partner[0]));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Thread thread = new Thread(() -> {
                long k = 0;
                while (true) {
                    long intended;
                    if (open) {
                        intended = Bench.awaitTurn(start, k++, producers, index, rate, measureTo);
                        if (intended < 0) {
                            return;
                        }
                    } else {
                        try {
                            while (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                                if (System.nanoTime() >= measureTo) {
                                    return;
                                }
                            }
                        } catch (InterruptedException e) {
                            return;
                        }
                        intended = System.nanoTime();
                        if (intended >= measureTo) {
                            inFlight.release();
                            return;
                        }
                    }
                    long n = sequence.getAndIncrement();
                    String id = "BENCH-" + run + "-p" + index + "-" + n;
                    boolean measured = intended >= measureFrom;
                    sent.put(id, new Sent(open ? intended : System.nanoTime(), measured));
                    try {
                        TextMessage message = session.createTextMessage(Bench.statusUpdate(id, n));
                        message.setJMSCorrelationID(id);
                        producer.send(message);
                        session.commit();
                        committed.add(id);
                        if (measured) {
                            sentInWindow.increment();
                        }
                    } catch (JMSException | RuntimeException e) {
                        sendErrors.increment();
                        sent.remove(id);
                        if (!open) {
                            inFlight.release();
                        }
                        try {
                            session.rollback();
                        } catch (JMSException ignored) {
                            // counted above
                        }
                    }
                }
            }, "partner-producer-" + p);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        long producersDone = System.nanoTime();
        // Every committed message must reach the förbund.
        long drainUntil = producersDone + drain;
        while (System.nanoTime() < drainUntil && reader.received.size() < committed.size()) {
            Thread.sleep(200);
        }
        long drained = System.nanoTime();
        Thread.sleep(2_000); // late duplicates, if any
        reader.close();
        for (Connection receiptConnection : receiptConnections) {
            receiptConnection.close();
        }
        for (Connection connection : connections) {
            connection.close();
        }

        long lost = committed.stream().filter(id -> !reader.received.containsKey(id)).count();
        long duplicates = reader.duplicates();
        double seconds = measure / 1e9;
        Bench.writeDistribution(latency, args.get("histogram", null));
        Map<String, Long> codes = new TreeMap<>();
        rejectionCodes.forEach((k, v) -> codes.put(k, v.sum()));
        System.out.printf("partners=%d ", partners.size());
        System.out.printf("mode=%s producers=%d consumers=%d window=%d rate=%.0f warmup_s=%d measure_s=%d%n",
                mode, producers, consumers, window, rate, TimeUnit.NANOSECONDS.toSeconds(warmup),
                TimeUnit.NANOSECONDS.toSeconds(measure));
        System.out.printf("sent=%d received=%d lost=%d duplicates=%d foreign=%d rejected=%d %s send_errors=%d"
                        + " consumer_errors=%d drain_s=%.1f%n", committed.size(), reader.received.size(), lost,
                duplicates, foreign.sum(), receiptsRejected.sum(), codes, sendErrors.sum(), reader.errors.sum(),
                (drained - producersDone) / 1e9);
        System.out.printf("RESULT mode=%s msg_per_s=%.1f sent_per_s=%.1f %s sent=%d lost=%d duplicates=%d rejected=%d"
                        + " send_errors=%d delivered_bytes_avg=%d%n", mode, receivedInWindow.sum() / seconds,
                sentInWindow.sum() / seconds, Bench.percentiles("", latency), committed.size(), lost, duplicates,
                receiptsRejected.sum(), sendErrors.sum(),
                reader.count.sum() == 0 ? 0 : reader.bytes.sum() / reader.count.sum());
        System.exit(lost == 0 && duplicates == 0 ? 0 : 3);
    }
}
