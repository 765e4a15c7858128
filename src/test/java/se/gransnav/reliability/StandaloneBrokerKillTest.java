package se.gransnav.reliability;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.gransnav.HubProcess;
import se.gransnav.StandaloneBroker;
import se.gransnav.TestIdentityNumbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The production topology under a broker crash: the hub in a JVM of its own in native mode against
 * the standalone Artemis broker (its own process, configured by the project's broker.xml), with
 * partners sending concurrently over HTTP ({@code POST /api/v1/messages}) and over their intake
 * queues ({@code hub.intake.<partnerId>}, a plain JMS client). The BROKER is killed with SIGKILL
 * in the middle of the load and started again a few seconds later on the same journal. Partners do
 * what the contract tells them: send again whatever got no 2xx (HTTP) or whose send failed (queue),
 * the same messageId each time, and a participant's next message only after the previous one was
 * acknowledged.
 *
 * <p>Then every acknowledged message must be on its förbund's queue exactly once, none twice,
 * nothing in a dead-letter or expiry queue, nothing left behind on the hub's own queues, and each
 * participant's messages in the order the partner sent them. That the queue-intake and delivery
 * listener containers reconnect after the restart is part of it (nothing sent after the kill
 * arrives otherwise); how long each took is printed with the figures, not asserted.
 */
class StandaloneBrokerKillTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int LANES_PER_PARTNER = 2;
    private static final int PARTICIPANTS_PER_LANE = 4;
    private static final int MESSAGES_PER_PARTICIPANT = 10;
    /** A lane waits this long between two sends, so the load is still going when the broker dies. */
    private static final long PACE_MILLIS = 40;
    private static final long RESEND_AFTER_MILLIS = 200;
    private static final Duration BROKER_AWAY = Duration.ofSeconds(3);
    /** Partners give up sending after this (the test then fails: something never got acknowledged). */
    private static final Duration LOAD_LIMIT = Duration.ofSeconds(120);

    private static final List<String> FORBUND_INBOXES =
            List.of("forbund.alvkust.inbox", "forbund.finsam-goteborg.inbox", "forbund.vast.inbox");

    /** A partner of config/partners.yml; an HTTP partner has its demo API key (README), a queue partner none. */
    private record Partner(String id, String apiKey, String municipality) {
        boolean http() {
            return apiKey != null;
        }
    }

    private static final List<Partner> PARTNERS = List.of(
            new Partner("kungalv-socialtjanst", "demo-kungalv-socialtjanst-91bce42823b4575ce0d94d6d", "1482"),
            new Partner("goteborg-socialtjanst", "demo-goteborg-socialtjanst-b49bc43e839eff4b5a447020", "1480"),
            new Partner("kungalv-ame", null, "1482"),
            new Partner("ale-ame", null, "1440"));

    @TempDir
    Path work;

    private StandaloneBroker broker;
    private HubProcess hub;
    private ExecutorService lanes;

    @AfterEach
    void stopAll() throws Exception {
        if (lanes != null) {
            lanes.shutdownNow();
        }
        if (hub != null) {
            hub.stop();
            hub.keepLogs("standalone-broker-kill-logs");
        }
        if (broker != null) {
            broker.stop();
            broker.keepLogs("standalone-broker-kill-logs");
        }
    }

    @Test
    void everyAcknowledgedMessageArrivesOnceAndInOrderWhenTheStandaloneBrokerIsKilledUnderLoad() throws Exception {
        broker = StandaloneBroker.create(work.resolve("broker")).start();
        Path hubData = Files.createDirectories(work.resolve("hub"));
        hub = new HubProcess(hubData,
                "--spring.artemis.mode=native",
                "--spring.artemis.embedded.enabled=false",
                "--spring.artemis.broker-url=" + broker.url(),
                "--spring.artemis.user=" + broker.user(),
                "--spring.artemis.password=" + broker.password()).start();

        Figures figures = new Figures();
        List<Lane> all = new ArrayList<>();
        for (Partner partner : PARTNERS) {
            for (int lane = 0; lane < LANES_PER_PARTNER; lane++) {
                all.add(new Lane(partner, lane, figures));
            }
        }
        int total = all.size() * PARTICIPANTS_PER_LANE * MESSAGES_PER_PARTICIPANT;
        long loadStarts = System.currentTimeMillis();
        long loadEnds = loadStarts + LOAD_LIMIT.toMillis();
        lanes = Executors.newFixedThreadPool(all.size());
        List<Future<?>> running = new ArrayList<>();
        for (Lane lane : all) {
            running.add(lanes.submit(() -> lane.run(loadEnds)));
        }

        // Kill the broker once a third of the load is acknowledged: partners are mid-stream, the
        // hub has messages in every stage (intake queues, accepted queue, in-flight transactions).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> figures.acknowledged.size() >= total / 3);
        broker.kill();
        figures.killedAt = System.currentTimeMillis();
        int acknowledgedAtKill = figures.acknowledged.size();
        Thread.sleep(BROKER_AWAY.toMillis());
        broker.start();
        figures.backAt = System.currentTimeMillis();

        for (Future<?> lane : running) {
            lane.get(LOAD_LIMIT.toSeconds() + 10, TimeUnit.SECONDS);
        }
        long loadDone = System.currentTimeMillis();

        // Nothing may stay behind on the hub's own queues: give it time to empty them (asserted
        // below, after the figures, so a hub that never consumes again still shows them).
        List<String> hubQueues = new ArrayList<>(List.of("hub.accepted"));
        PARTNERS.stream().filter(p -> !p.http()).forEach(p -> hubQueues.add("hub.intake." + p.id()));
        Map<String, Long> leftOnHubQueues = new TreeMap<>();
        long drainUntil = System.currentTimeMillis() + 60_000;
        do {
            leftOnHubQueues.clear();
            for (String queue : hubQueues) {
                leftOnHubQueues.put(queue, broker.messageCount(queue));
            }
            leftOnHubQueues.values().removeIf(count -> count == 0);
            if (!leftOnHubQueues.isEmpty()) {
                Thread.sleep(250);
            }
        } while (!leftOnHubQueues.isEmpty() && System.currentTimeMillis() < drainUntil);

        Delivered delivered = new Delivered();
        drainForbundInboxes(delivered);
        Map<String, List<String>> receipts = drainReceipts(delivered, figures.backAt);
        Map<String, Long> deadLetters = new TreeMap<>();
        for (String queue : broker.queueNames()) {
            if (queue.startsWith("DLQ.") || queue.startsWith("ExpiryQueue.")) {
                deadLetters.put(queue, broker.messageCount(queue));
            }
        }
        deadLetters.values().removeIf(count -> count == 0);

        // ---- the figures ----------------------------------------------------------------------
        Set<String> acknowledged = figures.acknowledged.keySet();
        List<String> duplicated = delivered.counts.entrySet().stream()
                .filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        List<String> lost = acknowledged.stream().filter(k -> !delivered.counts.containsKey(k)).sorted().toList();
        List<String> unexpected = delivered.counts.keySet().stream()
                .filter(k -> !figures.sent.containsKey(k)).sorted().toList();
        List<String> outOfOrder = new ArrayList<>();
        delivered.byParticipant.forEach((participant, sequence) -> {
            for (int i = 1; i < sequence.size(); i++) {
                if (sequence.get(i) <= sequence.get(i - 1)) {
                    outOfOrder.add(participant + " " + sequence);
                    return;
                }
            }
        });
        List<String> queueAcknowledgedWithoutReceipt = figures.acknowledged.entrySet().stream()
                .filter(e -> e.getValue().startsWith("queue")).map(Map.Entry::getKey)
                .filter(k -> receipts.getOrDefault(k, List.of()).stream()
                        .noneMatch(s -> s.equals("ACCEPTED") || s.equals("DUPLICATE")))
                .sorted().toList();

        System.out.printf("""
                StandaloneBrokerKillTest: hub (native mode) against the standalone broker, broker killed with SIGKILL
                  messages sent          %d (%d partners, %d lanes, %d participants; %d send attempts)
                  acknowledged           %d (%d before the kill; HTTP 2xx or a completed queue send)
                  not acknowledged       %d
                  answers and failures   %s
                  delivered              %d distinct on the förbund queues (%d messages)
                  delivered twice        %d
                  lost                   %d (acknowledged but not delivered)
                  dead letters / expired %s
                  left on hub queues     %s
                  out of order           %d participants
                  queue receipts         %s; acknowledged queue messages without an ACCEPTED/DUPLICATE receipt: %d
                  broker away            %.1f s (kill to accepting logins again)
                  HTTP while away        %d answers, slowest %.1f s; slowest HTTP answer of the whole run %.1f s
                  acknowledged per s     %.0f before the kill, %.0f after the restart
                  after the restart      first HTTP 2xx %s; first receipt of each queue partner %s;
                                         first förbund delivery %s; load done %.1f s after the restart
                """,
                figures.sent.size(), PARTNERS.size(), all.size(), all.size() * PARTICIPANTS_PER_LANE, figures.attempts.get(),
                acknowledged.size(), acknowledgedAtKill,
                figures.sent.size() - acknowledged.size(),
                new TreeMap<>(figures.outcomes),
                delivered.counts.size(), delivered.total,
                duplicated.size(),
                lost.size(),
                deadLetters,
                leftOnHubQueues,
                outOfOrder.size(),
                receipts.values().stream().flatMap(List::stream)
                        .collect(Collectors.groupingBy(r -> r, TreeMap::new, Collectors.counting())),
                queueAcknowledgedWithoutReceipt.size(),
                (figures.backAt - figures.killedAt) / 1000.0,
                figures.httpWhileAway.size(), figures.httpWhileAway.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0,
                figures.slowestHttp.get() / 1000.0,
                acknowledgedAtKill * 1000.0 / Math.max(1, figures.killedAt - loadStarts),
                (acknowledged.size() - acknowledgedAtKill) * 1000.0 / Math.max(1, loadDone - figures.backAt),
                after(figures.firstHttpAckAfter(figures.backAt), figures.backAt),
                delivered.firstReceiptAfterRestart.entrySet().stream()
                        .map(e -> e.getKey() + " " + after(e.getValue(), figures.backAt)).toList(),
                after(delivered.firstSentAfter(figures.backAt), figures.backAt),
                (loadDone - figures.backAt) / 1000.0);

        assertThat(figures.acknowledged).as("every message acknowledged in the end").hasSize(total);
        assertThat(figures.rejected).as("messages the hub rejected (4xx)").isEmpty();
        assertThat(acknowledgedAtKill).as("acknowledged before the kill").isPositive().isLessThan(total);
        assertThat(figures.unavailableAfterKill.get()).as("partners saw the broker go away").isPositive();
        assertThat(lost).as("acknowledged messages never delivered").isEmpty();
        assertThat(duplicated).as("messages delivered more than once").isEmpty();
        assertThat(unexpected).as("deliveries of messages never sent").isEmpty();
        assertThat(deadLetters).as("dead-lettered or expired messages").isEmpty();
        assertThat(leftOnHubQueues).as("messages the hub never took from its own queues").isEmpty();
        assertThat(outOfOrder).as("participants whose messages arrived out of order").isEmpty();
        assertThat(queueAcknowledgedWithoutReceipt).as("queue messages without a receipt").isEmpty();
        // The listener containers reconnected: each queue intake answered, and the delivery moved
        // messages, after the broker was back (how soon is in the figures, not asserted).
        assertThat(delivered.firstReceiptAfterRestart).as("queue intakes consuming after the restart")
                .containsOnlyKeys(PARTNERS.stream().filter(p -> !p.http()).map(Partner::id).toArray(String[]::new));
        assertThat(delivered.firstSentAfter(figures.backAt)).as("deliveries after the restart").isPositive();
    }

    private static String after(long at, long backAt) {
        return at <= 0 ? "none" : String.format("+%.1f s", (at - backAt) / 1000.0);
    }

    // ---- partners ---------------------------------------------------------------------------------

    /** What the partners sent and were told, shared by all lanes. Keys are "partnerId/messageId". */
    private static final class Figures {
        final Map<String, Boolean> sent = new ConcurrentHashMap<>();
        /** Acknowledged messages, with how ("http 202", "queue"). */
        final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        final Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        final Map<String, String> rejected = new ConcurrentHashMap<>();
        final AtomicLong attempts = new AtomicLong();
        final AtomicInteger unavailableAfterKill = new AtomicInteger();
        /** How long each HTTP request sent while the broker was away took to be answered, ms. */
        final List<Long> httpWhileAway = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong slowestHttp = new AtomicLong();
        volatile long killedAt = Long.MAX_VALUE;
        volatile long backAt = Long.MAX_VALUE;

        void outcome(String what) {
            outcomes.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
            if (System.currentTimeMillis() >= killedAt && !what.startsWith("HTTP 2") && !what.equals("queue sent")) {
                unavailableAfterKill.incrementAndGet();
            }
        }

        void timed(long started) {
            long took = System.currentTimeMillis() - started;
            slowestHttp.accumulateAndGet(took, Math::max);
            if (started >= killedAt && started < backAt) {
                httpWhileAway.add(took);
            }
        }

        void acknowledge(String key, String how) {
            acknowledgedAt.put(key, System.currentTimeMillis());
            acknowledged.put(key, how);
        }

        long firstHttpAckAfter(long at) {
            return acknowledged.entrySet().stream().filter(e -> e.getValue().startsWith("http"))
                    .mapToLong(e -> acknowledgedAt.get(e.getKey())).filter(t -> t >= at).min().orElse(0);
        }
    }

    /**
     * One partner's sender thread with its own participants. It sends message 1 of every participant,
     * then message 2, ...; a message is sent again (same messageId) until acknowledged, so a
     * participant's next message never leaves before the previous one was acknowledged.
     */
    private final class Lane {
        private final Partner partner;
        private final int lane;
        private final Figures figures;
        private final List<String> participants = new ArrayList<>();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private Connection connection;
        private MessageProducer producer;
        private Session session;

        Lane(Partner partner, int lane, Figures figures) {
            this.partner = partner;
            this.lane = lane;
            this.figures = figures;
            for (int p = 0; p < PARTICIPANTS_PER_LANE; p++) {
                participants.add(TestIdentityNumbers.fresh());
            }
        }

        void run(long until) {
            try {
                for (int seq = 1; seq <= MESSAGES_PER_PARTICIPANT; seq++) {
                    for (int p = 0; p < participants.size(); p++) {
                        String messageId = String.format("SBK-L%d-P%d-%03d", lane, p, seq);
                        String key = partner.id() + "/" + messageId;
                        byte[] body = message(messageId, participants.get(p), seq);
                        figures.sent.put(key, true);
                        while (!Thread.currentThread().isInterrupted() && System.currentTimeMillis() < until) {
                            figures.attempts.incrementAndGet();
                            if (partner.http() ? sendHttp(key, body) : sendQueue(key, messageId, body)) {
                                break;
                            }
                            Thread.sleep(RESEND_AFTER_MILLIS);
                        }
                        Thread.sleep(PACE_MILLIS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly();
            }
        }

        private boolean sendHttp(String key, byte[] body) throws InterruptedException {
            long started = System.currentTimeMillis();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(hub.uri("/api/v1/messages"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + partner.apiKey())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                figures.outcome("HTTP " + status);
                figures.timed(started);
                if (status == 202 || status == 200) {
                    figures.acknowledge(key, "http " + status);
                    return true;
                }
                if (status >= 400 && status < 500) {
                    // Nothing a partner can fix by sending again: the test's own fault, reported.
                    figures.rejected.put(key, "HTTP " + status);
                    return true;
                }
                return false;
            } catch (IOException e) {
                figures.outcome("HTTP " + e.getClass().getSimpleName());
                figures.timed(started);
                return false;
            }
        }

        private boolean sendQueue(String key, String messageId, byte[] body) {
            try {
                if (producer == null) {
                    connection = broker.connectionFactory().createConnection();
                    session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    producer = session.createProducer(session.createQueue("hub.intake." + partner.id()));
                }
                TextMessage message = session.createTextMessage(new String(body, StandardCharsets.UTF_8));
                message.setJMSCorrelationID(messageId);
                // Persistent and not transacted: send() returns once the broker has it on disk.
                producer.send(message);
                figures.outcome("queue sent");
                figures.acknowledge(key, "queue");
                return true;
            } catch (JMSException e) {
                figures.outcome("queue " + e.getClass().getSimpleName());
                closeQuietly();
                return false;
            }
        }

        private void closeQuietly() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (JMSException ignored) {
                    // the broker is gone; nothing to close there
                }
            }
            connection = null;
            session = null;
            producer = null;
        }

        /** A STATUS_UPDATE of the participant (PAUSED and RESUMED in turn), numbered by seq. */
        private byte[] message(String messageId, String personalNumber, int seq) {
            ObjectNode m = JSON.createObjectNode();
            m.put("schemaVersion", "1.0");
            m.put("messageId", messageId);
            m.put("type", "STATUS_UPDATE");
            m.put("occurredAt", OffsetDateTime.of(2026, 11, 20, 8, 0, 0, 0, ZoneOffset.ofHours(1))
                    .plusMinutes(seq).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            m.putObject("participant").put("personalIdentityNumber", personalNumber)
                    .put("homeMunicipalityCode", partner.municipality());
            m.putObject("statusUpdate").put("status", seq % 2 == 1 ? "PAUSED" : "RESUMED");
            return m.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    // ---- the förbund's side ---------------------------------------------------------------------------

    /** What the förbund queues held. Keys "partnerId/messageId"; participants "partnerId/L?-P?". */
    private static final class Delivered {
        final Map<String, Integer> counts = new LinkedHashMap<>();
        final Map<String, List<Integer>> byParticipant = new TreeMap<>();
        /** JMSTimestamp of every delivery: when the hub's delivery route sent it. */
        final List<Long> sentAt = new ArrayList<>();
        /** Per queue partner, when the hub first sent it a receipt after the broker came back. */
        final Map<String, Long> firstReceiptAfterRestart = new TreeMap<>();
        int total;

        long firstSentAfter(long at) {
            return sentAt.stream().mapToLong(Long::longValue).filter(t -> t >= at).min().orElse(0);
        }
    }

    /** Consumes every förbund queue to the end, as the förbund's own systems would. */
    private void drainForbundInboxes(Delivered delivered) throws JMSException, IOException {
        try (Connection connection = broker.connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            for (String inbox : FORBUND_INBOXES) {
                try (MessageConsumer consumer = session.createConsumer(session.createQueue(inbox))) {
                    Message message;
                    while ((message = consumer.receive(1_000)) != null) {
                        JsonNode json = JSON.readTree(((TextMessage) message).getText());
                        String partnerId = json.path("hub").path("partnerId").asText();
                        String messageId = json.path("messageId").asText();
                        delivered.total++;
                        delivered.counts.merge(partnerId + "/" + messageId, 1, Integer::sum);
                        delivered.sentAt.add(message.getJMSTimestamp());
                        // SBK-L<lane>-P<participant>-<seq>
                        String[] parts = messageId.split("-");
                        delivered.byParticipant.computeIfAbsent(partnerId + "/" + parts[1] + "-" + parts[2],
                                k -> new ArrayList<>()).add(Integer.parseInt(parts[3]));
                    }
                }
            }
        }
    }

    /** The queue partners' receipts: statuses by "partnerId/messageId". */
    private Map<String, List<String>> drainReceipts(Delivered delivered, long backAt) throws JMSException, IOException {
        Map<String, List<String>> receipts = new TreeMap<>();
        try (Connection connection = broker.connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            for (Partner partner : PARTNERS) {
                if (partner.http()) {
                    continue;
                }
                try (MessageConsumer consumer = session.createConsumer(
                        session.createQueue("hub.receipts." + partner.id()))) {
                    Message message;
                    while ((message = consumer.receive(1_000)) != null) {
                        JsonNode json = JSON.readTree(((TextMessage) message).getText());
                        String key = partner.id() + "/" + json.path("messageId").asText();
                        // An acceptance receipt has status ACCEPTED or DUPLICATE; a rejection its problem code.
                        String status = json.path("status").isTextual() ? json.path("status").asText()
                                : "rejected " + json.path("errors").path(0).path("code").asText();
                        receipts.computeIfAbsent(key, k -> new ArrayList<>()).add(status);
                        if (message.getJMSTimestamp() >= backAt) {
                            delivered.firstReceiptAfterRestart.merge(partner.id(), message.getJMSTimestamp(), Math::min);
                        }
                    }
                }
            }
        }
        return receipts;
    }
}
