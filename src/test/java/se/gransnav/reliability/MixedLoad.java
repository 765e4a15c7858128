package se.gransnav.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import se.gransnav.TestIdentityNumbers;

/**
 * Partners sending to the hub at once, over every way in, and behaving as real ones do when the
 * hub goes away under them: an HTTP partner sends a message again (same messageId) until it gets
 * a 2xx; a queue partner whose send failed connects again and sends it again, and counts a send
 * that returned as done; a file partner leaves its file in the inbox until the hub has moved it to
 * {@code .done/}. Each partner sends its participants' messages one after another, so every
 * participant's messages form a sequence whose order the förbund must see.
 *
 * <p>What was sent and what the partners were told is kept in a {@link Ledger}. No personal
 * identity number is ever printed: messages are known by partner and messageId.
 */
final class MixedLoad {

    enum Channel { HTTP, QUEUE, FILE }

    /** Municipalities the participants live in, and the förbund each belongs to (config/forbund.yml). */
    static final Map<String, String> FORBUND_OF = Map.of(
            "1440", "alvkust", "1482", "alvkust", "1485", "vast", "1480", "finsam-goteborg");
    private static final List<String> MUNICIPALITIES = List.of("1440", "1482", "1485", "1480");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    /** One message a partner sent. */
    record Sent(Channel channel, String partnerId, String messageId, String sequence, int position,
                String forbundId, boolean mustBeRefused) {
        String key() {
            return key(partnerId, messageId);
        }

        static String key(String partnerId, String messageId) {
            return partnerId + "/" + messageId;
        }
    }

    /** Everything the partners sent and were told, safe to read from any thread. */
    static final class Ledger {
        final Map<String, Sent> sent = new ConcurrentHashMap<>();
        /** Keys of the messages the hub acknowledged: a 2xx, a send that returned, a file in .done/. */
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        /** Messages after a consent withdrawal that the hub refused, as it must. */
        final Set<String> refused = ConcurrentHashMap.newKeySet();
        /** Key -> what went wrong: a message refused that should not be, or accepted that must not be. */
        final Map<String, String> wrongAnswers = new ConcurrentHashMap<>();
        final Set<String> personalNumbers = ConcurrentHashMap.newKeySet();
        final LongAdder httpRequests = new LongAdder();
        /** HTTP answers by status code, and failed requests by exception class. */
        final Map<String, LongAdder> httpAnswers = new ConcurrentHashMap<>();
        final LongAdder queueSends = new LongAdder();
        final LongAdder filesDropped = new LongAdder();
        final LongAdder filesDone = new LongAdder();
        final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());

        /** The cycle the test is in (0 before the first stop): when a message was acknowledged. */
        volatile int cycle;
        final Map<String, Integer> acknowledgedInCycle = new ConcurrentHashMap<>();

        void acknowledge(String key) {
            acknowledged.add(key);
            acknowledgedInCycle.putIfAbsent(key, cycle);
        }

        void sent(Sent message) {
            if (sent.putIfAbsent(message.key(), message) != null) {
                throw new IllegalStateException("the load sent " + message.key() + " twice as a new message");
            }
        }

        long count(Channel channel, boolean acknowledgedOnly) {
            return sent.values().stream().filter(s -> s.channel() == channel && !s.mustBeRefused())
                    .filter(s -> !acknowledgedOnly || acknowledged.contains(s.key())).count();
        }
    }

    private final String run;
    private final URI messagesUri;
    private final String brokerUrl;
    private final Path inbox;
    private final Path scratch;
    private final Ledger ledger;
    private final long seed;
    private final List<Thread> threads = new ArrayList<>();
    private final List<FilePartner> filePartners = new ArrayList<>();
    private volatile boolean finishing;
    private volatile boolean aborted;

    MixedLoad(String run, URI messagesUri, String brokerUrl, Path data, Ledger ledger, long seed) throws IOException {
        this.run = run;
        this.messagesUri = messagesUri;
        this.brokerUrl = brokerUrl;
        this.inbox = data.resolve("inbox");
        this.scratch = Files.createDirectories(data.resolve("partner-scratch"));
        this.ledger = ledger;
        this.seed = seed;
    }

    void start() throws IOException {
        Script social = (random, position, length) -> position == 0 ? "REFERRAL"
                : position % 2 == 1 ? "STATUS_UPDATE" : "HANDOVER";
        Script ame = (random, position, length) -> position == length - 1 ? "HANDOVER" : "STATUS_UPDATE";
        Script school = (random, position, length) -> "HANDOVER";
        Script status = (random, position, length) -> "STATUS_UPDATE";

        add(new HttpPartner("kungalv-socialtjanst", "demo-kungalv-socialtjanst-91bce42823b4575ce0d94d6d", social, true));
        add(new HttpPartner("goteborg-socialtjanst", "demo-goteborg-socialtjanst-b49bc43e839eff4b5a447020", social, true));
        add(new HttpPartner("kungalv-ame", "demo-kungalv-ame-b197403708c84765c86e12b9", ame, false));
        add(new HttpPartner("uddevalla-elevhalsa", "demo-uddevalla-elevhalsa-85c6e3e9c3d5d697ed08f6c6", school, false));
        add(new QueuePartner("ale-ame", status));
        add(new QueuePartner("goteborg-socialtjanst", social));
        add(new QueuePartner("uddevalla-elevhalsa", school));
        FilePartner ale = new FilePartner("ale-ame", StandardCharsets.UTF_8);
        FilePartner kungalv = new FilePartner("kungalv-ame", Charset.forName("windows-1252"));
        filePartners.add(ale);
        filePartners.add(kungalv);
        add(ale);
        add(kungalv);
        threads.forEach(Thread::start);
    }

    private void add(Partner partner) {
        Thread thread = new Thread(partner, "partner-" + partner.getClass().getSimpleName() + "-" + partner.partnerId);
        thread.setDaemon(true);
        threads.add(thread);
    }

    /**
     * Starts no new participant; every partner finishes the participant it is at, and every file
     * it dropped must reach .done/ within {@code timeout}.
     *
     * @return false if that did not happen in time
     */
    boolean finish(Duration timeout) throws InterruptedException {
        finishing = true;
        long until = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** Stops every partner at once (the test has failed). */
    void abort() {
        finishing = true;
        aborted = true;
        threads.forEach(Thread::interrupt);
    }

    /** The names of the files dropped, per partner. */
    Map<String, List<String>> filesDropped() {
        Map<String, List<String>> files = new java.util.TreeMap<>();
        for (FilePartner partner : filePartners) {
            files.put(partner.partnerId, List.copyOf(partner.dropped.keySet()));
        }
        return files;
    }

    private interface Script {
        /** The message type at {@code position} of a participant's {@code length} messages. */
        String type(Random random, int position, int length);
    }

    private abstract class Partner implements Runnable {
        final String partnerId;
        final Random random;
        int participants;

        Partner(String partnerId) {
            this.partnerId = partnerId;
            this.random = new Random(seed ^ (getClass().getSimpleName() + partnerId).hashCode());
        }

        @Override
        public final void run() {
            try {
                while (!finishing) {
                    step();
                }
                whenFinishing();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                if (!aborted) {
                    ledger.errors.add(e);
                }
            } finally {
                close();
            }
        }

        abstract void step() throws Exception;

        void whenFinishing() throws Exception {
        }

        void close() {
        }

        String participant() {
            String number = TestIdentityNumbers.fresh();
            ledger.personalNumbers.add(number);
            return number;
        }

        String municipality() {
            return MUNICIPALITIES.get(random.nextInt(MUNICIPALITIES.size()));
        }

        void pause(Duration duration) throws InterruptedException {
            if (aborted) {
                throw new InterruptedException("aborted");
            }
            Thread.sleep(duration.toMillis());
        }
    }

    /** A partner's system posting canonical messages to {@code POST /api/v1/messages}. */
    private final class HttpPartner extends Partner {
        private final String apiKey;
        private final Script script;
        private final boolean withdraws;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();

        HttpPartner(String partnerId, String apiKey, Script script, boolean withdraws) {
            super(partnerId);
            this.apiKey = apiKey;
            this.script = script;
            this.withdraws = withdraws;
        }

        @Override
        void step() throws Exception {
            int p = participants++;
            String sequence = "http:" + partnerId + ":" + p;
            String number = participant();
            String municipality = municipality();
            int length = 3 + random.nextInt(5);
            for (int position = 0; position < length; position++) {
                String type = script.type(random, position, length);
                send(new Sent(Channel.HTTP, partnerId, run + ".h." + p + "." + position, sequence, position,
                        FORBUND_OF.get(municipality), false), message(type, number, municipality));
            }
            // Every fourth participant of a social service withdraws consent; the hub must refuse
            // anything about them after that, also once it has been killed and started again.
            if (withdraws && p % 4 == 3) {
                send(new Sent(Channel.HTTP, partnerId, run + ".h." + p + "." + length, sequence, length,
                        FORBUND_OF.get(municipality), false), message("CONSENT_WITHDRAWN", number, municipality));
                send(new Sent(Channel.HTTP, partnerId, run + ".h." + p + ".after-withdrawal", sequence + ":refused", 0,
                        FORBUND_OF.get(municipality), true), message("STATUS_UPDATE", number, municipality));
            }
            pause(Duration.ofMillis(random.nextInt(20)));
        }

        /** Posts until the hub answers with a 2xx, or refuses the message for good (a 4xx with its problem codes). */
        private void send(Sent message, ObjectNode body) throws InterruptedException {
            ledger.sent(message);
            body.put("messageId", message.messageId());
            HttpRequest request = HttpRequest.newBuilder(messagesUri).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + apiKey)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8)))
                    .build();
            while (true) {
                ledger.httpRequests.increment();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    int status = response.statusCode();
                    ledger.httpAnswers.computeIfAbsent(String.valueOf(status), k -> new LongAdder()).increment();
                    if (status / 100 == 2) {
                        ledger.acknowledge(message.key());
                        if (message.mustBeRefused()) {
                            ledger.wrongAnswers.put(message.key(), "HTTP " + status + " after a consent withdrawal");
                        }
                        return;
                    }
                    if (status / 100 == 4 && response.body().contains("\"HUB-")) {
                        String codes = problemCodes(response.body());
                        if (message.mustBeRefused() && status == 422 && codes.equals("[HUB-009]")) {
                            ledger.refused.add(message.key());
                        } else {
                            ledger.wrongAnswers.put(message.key(), "HTTP " + status + " " + codes);
                        }
                        return;
                    }
                    // 5xx, or a 404/503 while the hub starts or stops: not accepted, send again.
                } catch (IOException e) {
                    // Refused, reset or timed out: the hub is not there; send again.
                    ledger.httpAnswers.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                }
                pause(RETRY_PAUSE);
            }
        }
    }

    /** A partner's system sending canonical messages to {@code hub.intake.<partnerId>} over Artemis CORE. */
    private final class QueuePartner extends Partner {
        private final Script script;
        private Connection connection;
        private Session session;
        private MessageProducer producer;

        QueuePartner(String partnerId, Script script) {
            super(partnerId);
            this.script = script;
        }

        @Override
        void step() throws Exception {
            int p = participants++;
            String sequence = "queue:" + partnerId + ":" + p;
            String number = participant();
            String municipality = municipality();
            int length = 3 + random.nextInt(5);
            for (int position = 0; position < length; position++) {
                Sent message = new Sent(Channel.QUEUE, partnerId, run + ".q." + p + "." + position, sequence,
                        position, FORBUND_OF.get(municipality), false);
                ledger.sent(message);
                ObjectNode body = message(script.type(random, position, length), number, municipality);
                body.put("messageId", message.messageId());
                send(body.toString(), message.messageId());
                ledger.acknowledge(message.key());
                pause(Duration.ofMillis(40 + random.nextInt(80)));
            }
            pause(Duration.ofMillis(random.nextInt(20)));
        }

        /** A persistent send, blocking until the broker has it on disk; again on a new connection if it failed. */
        private void send(String text, String correlationId) throws InterruptedException {
            while (true) {
                ledger.queueSends.increment();
                try {
                    if (connection == null) {
                        ActiveMQConnectionFactory factory = se.gransnav.TestBrokerLogins.asPartner(brokerUrl, partnerId);
                        factory.setBlockOnDurableSend(true);
                        connection = factory.createConnection();
                        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        producer = session.createProducer(session.createQueue("hub.intake." + partnerId));
                        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    }
                    TextMessage message = session.createTextMessage(text);
                    message.setJMSCorrelationID(correlationId);
                    producer.send(message);
                    return;
                } catch (JMSException | RuntimeException e) {
                    close();
                }
                pause(RETRY_PAUSE);
            }
        }

        @Override
        void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (JMSException | RuntimeException ignored) {
                    // the broker is gone; nothing to close there
                }
                connection = null;
            }
        }
    }

    /**
     * A partner's system dropping status files (CSV) in {@code <inbox>/<partnerId>/}, written
     * elsewhere and moved in whole, at most two waiting at a time. Each file holds ten rows about
     * each of 30 participants, interleaved, in order per participant.
     */
    private final class FilePartner extends Partner {
        static final int PARTICIPANTS_PER_FILE = 30;
        static final int ROWS_PER_PARTICIPANT = 10;
        private static final String[] EVENTS = {"inskriven", "paus", "återupptagen"};

        private final Charset charset;
        private final Path folder;
        /** File name -> message ids of its rows. */
        final Map<String, List<String>> dropped = new ConcurrentHashMap<>();
        private final Set<String> acknowledgedFiles = ConcurrentHashMap.newKeySet();
        private int files;

        FilePartner(String partnerId, Charset charset) throws IOException {
            super(partnerId);
            this.charset = charset;
            this.folder = Files.createDirectories(inbox.resolve(partnerId));
        }

        @Override
        void step() throws Exception {
            if (waiting() < 2) {
                drop();
            }
            pause(Duration.ofMillis(300 + random.nextInt(400)));
        }

        /** Acknowledges the rows of every file that has reached .done/, until all have. */
        @Override
        void whenFinishing() throws Exception {
            while (!acknowledgeDone()) {
                pause(Duration.ofMillis(250));
            }
        }

        private long waiting() throws IOException {
            acknowledgeDone();
            try (var list = Files.list(folder)) {
                return list.filter(f -> f.getFileName().toString().endsWith(".csv")).count();
            }
        }

        /** @return whether every dropped file is done */
        private boolean acknowledgeDone() throws IOException {
            boolean all = true;
            for (Map.Entry<String, List<String>> file : dropped.entrySet()) {
                if (acknowledgedFiles.contains(file.getKey())) {
                    continue;
                }
                if (!Files.exists(folder.resolve(".done").resolve(file.getKey()))) {
                    all = false;
                    continue;
                }
                JsonNode receipt = JSON.readTree(folder.resolve("receipts").resolve(file.getKey() + ".receipt.json").toFile());
                int rows = file.getValue().size();
                if (!receipt.path("status").asText().equals("PROCESSED")
                        || receipt.path("accepted").asInt() + receipt.path("duplicate").asInt() != rows
                        || receipt.path("rejected").asInt() != 0) {
                    ledger.wrongAnswers.put(partnerId + "/" + file.getKey(), "receipt " + receipt.path("status").asText()
                            + " accepted " + receipt.path("accepted") + " duplicate " + receipt.path("duplicate")
                            + " rejected " + receipt.path("rejected") + " of " + rows + " rows");
                } else {
                    file.getValue().forEach(id -> ledger.acknowledge(Sent.key(partnerId, id)));
                }
                acknowledgedFiles.add(file.getKey());
                ledger.filesDone.increment();
            }
            return all;
        }

        private void drop() throws IOException {
            int f = files++;
            String name = run + "-" + f + ".csv";
            StringBuilder csv = new StringBuilder("Löpnummer;Personnummer;Hemkommun;Datum;Händelse\n");
            String[] numbers = new String[PARTICIPANTS_PER_FILE];
            String[] municipalities = new String[PARTICIPANTS_PER_FILE];
            for (int p = 0; p < PARTICIPANTS_PER_FILE; p++) {
                numbers[p] = participant();
                municipalities[p] = municipality();
            }
            List<String> ids = new ArrayList<>();
            for (int r = 0; r < ROWS_PER_PARTICIPANT; r++) {
                for (int p = 0; p < PARTICIPANTS_PER_FILE; p++) {
                    String rowId = run + "-" + f + "-" + p + "-" + r;
                    Sent row = new Sent(Channel.FILE, partnerId, "statusfil:" + rowId,
                            "file:" + partnerId + ":" + f + ":" + p, r, FORBUND_OF.get(municipalities[p]), false);
                    ledger.sent(row);
                    ids.add(row.messageId());
                    csv.append(rowId).append(';').append(numbers[p]).append(';').append(municipalities[p])
                            .append(";2026-11-02;").append(EVENTS[r % EVENTS.length]).append('\n');
                }
            }
            Path temporary = scratch.resolve(partnerId + "-" + name);
            Files.write(temporary, csv.toString().getBytes(charset));
            dropped.put(name, ids);
            Files.move(temporary, folder.resolve(name));
            ledger.filesDropped.increment();
        }
    }

    // Messages, from the contract's samples

    private static final Map<String, JsonNode> SAMPLES = Map.of(
            "REFERRAL", sample("canonical-referral.json"),
            "STATUS_UPDATE", sample("canonical-status-exit.json"),
            "HANDOVER", sample("canonical-handover.json"));

    /** A valid canonical message of {@code type} about the participant (messageId set by the caller). */
    static ObjectNode message(String type, String personalIdentityNumber, String municipality) {
        ObjectNode message;
        if (type.equals("CONSENT_WITHDRAWN")) {
            message = (ObjectNode) SAMPLES.get("STATUS_UPDATE").deepCopy();
            message.remove("statusUpdate");
            message.put("type", type);
        } else {
            message = (ObjectNode) SAMPLES.get(type).deepCopy();
        }
        if (type.equals("STATUS_UPDATE")) {
            message.putObject("statusUpdate").put("status", "PAUSED");
        }
        ObjectNode participant = (ObjectNode) message.path("participant");
        participant.put("personalIdentityNumber", personalIdentityNumber);
        participant.put("homeMunicipalityCode", municipality);
        return message;
    }

    private static JsonNode sample(String name) {
        try (InputStream in = MixedLoad.class.getResourceAsStream("/samples/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String problemCodes(String body) {
        try {
            List<String> codes = new ArrayList<>();
            JSON.readTree(body).path("errors").forEach(e -> codes.add(e.path("code").asText()));
            return codes.toString();
        } catch (IOException e) {
            return "[unreadable problem]";
        }
    }
}
