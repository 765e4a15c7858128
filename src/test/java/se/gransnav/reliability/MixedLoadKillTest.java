package se.gransnav.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.gransnav.HubProcess;
import se.gransnav.reliability.MixedLoad.Channel;
import se.gransnav.reliability.MixedLoad.Ledger;
import se.gransnav.reliability.MixedLoad.Sent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub, in a process of its own on its embedded broker and H2, under a mixed load from several
 * partners at once — HTTP posts, JMS messages on their intake queues, status files dropped in
 * their inboxes ({@link MixedLoad}) — is taken away at a random moment, again and again, and
 * started on the same data while the partners keep going: with SIGKILL (nothing runs on the way
 * down) and, every third cycle from the second, with SIGTERM (an orderly stop that must finish or
 * roll back what is in flight, end with exit code 143 within its time, and never have to cut Camel
 * short). Then the load finishes and every förbund queue is drained.
 *
 * <p>The invariant: every message the hub acknowledged (a 2xx, a JMS send that returned, a file
 * moved to .done/) is on its förbund's queue exactly once, or in a dead-letter queue (none here);
 * nothing is delivered twice or that nobody sent; each participant's messages arrive in the order
 * they were sent; a consent withdrawal the hub acknowledged still stops the next message about the
 * participant; no personal identity number reaches the hub's logs.
 *
 * <p>Cycles: {@code -Dgransnav.crash.cycles} (default 5); the random moments come from
 * {@code -Dgransnav.crash.seed} (printed). The figures go to {@code target/crash-report.txt}.
 * {@code bench/crash-cycles.sh} runs it with more cycles.
 */
class MixedLoadKillTest {

    private static final int CYCLES = Integer.getInteger("gransnav.crash.cycles", 5);
    /**
     * How long a SIGTERM may take: web requests (spring.lifecycle.timeout-per-shutdown-phase),
     * then Camel's in-flight exchanges (camel.main.shutdown-timeout), then broker and database,
     * with room for a slow machine. A hub still running after it is a failure.
     */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    /**
     * What the hub logs when something in flight fails rather than finishes: Camel cutting its
     * routes short, a route rolled back for redelivery, a partner answered 503 or 500.
     */
    private static final List<String> FAILED_IN_FLIGHT = List.of("Timeout occurred during graceful shutdown",
            "rolled back for broker redelivery", "Partner request not accepted", "Partner request failed",
            "Failed delivery for");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private HubProcess hub;
    private MixedLoad load;

    @AfterEach
    void stop() throws Exception {
        if (load != null) {
            load.abort();
        }
        if (hub != null) {
            hub.stop();
            hub.keepLogs("crash-test-logs");
        }
    }

    /** A message as a förbund received it. */
    private record Delivered(String key, String queue, int index, String participantRef) {
    }

    @Test
    void everyAcknowledgedMessageReachesItsForbundOnceAndInOrderThroughKillsAndStops() throws Exception {
        long seed = Long.getLong("gransnav.crash.seed", new Random().nextLong());
        Random random = new Random(seed);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Ledger ledger = new Ledger();
        List<String> failures = new ArrayList<>();
        List<String> cycleLines = new ArrayList<>();
        int kills = 0;
        int terms = 0;

        long started = System.nanoTime();
        deleteRecursively(Path.of("target", "crash-test-logs"));
        // C1 only: the hub then starts two to three times faster on a busy two-core machine, and
        // its starts are most of this test's time. What it does does not depend on the JIT tier.
        // Addresses page beyond 1 MB instead of 10 MB: the förbund queues (read only at the end)
        // and any backlog on hub.accepted page to disk within the first cycles, so every run
        // crashes the broker while it pages, as a förbund that is away for a few days would have it.
        // File rows go in batches of 50 (production: 500), so a file spans several.
        hub = new HubProcess(data, List.of("-XX:TieredStopAtLevel=1"),
                "--gransnav.intake.batch-size=50", "--gransnav.broker.address-max-size=1MB").start();
        load = new MixedLoad(run, hub.uri("/api/v1/messages"), hub.brokerUrl(), data, ledger, seed);
        load.start();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            long loadMillis = 1_000 + random.nextInt(5_000);
            Thread.sleep(loadMillis);
            ledger.cycle = cycle;
            String line;
            if (cycle % 3 == 2) {
                terms++;
                Path log = hub.log();
                long t = System.nanoTime();
                OptionalInt exit = hub.terminate(STOP_TIMEOUT);
                line = "SIGTERM after %.1f s of load: %s in %.1f s".formatted(loadMillis / 1000.0,
                        exit.isPresent() ? "exit code " + exit.getAsInt() : "STILL RUNNING, killed", seconds(t));
                if (exit.isEmpty()) {
                    failures.add("cycle " + cycle + ": the hub was still running " + STOP_TIMEOUT + " after SIGTERM");
                } else if (exit.getAsInt() != 143) {
                    failures.add("cycle " + cycle + ": exit code " + exit.getAsInt() + " after SIGTERM, not 143");
                }
                List<String> failed = failedWhileStopping(log);
                if (!failed.isEmpty()) {
                    line += ", " + failed.size() + " failures while stopping";
                    failures.add("cycle " + cycle + ": what was in flight failed instead of finishing: " + failed);
                }
            } else {
                kills++;
                hub.kill();
                line = "SIGKILL after %.1f s of load".formatted(loadMillis / 1000.0);
            }
            long t = System.nanoTime();
            hub.start();
            cycleLines.add("cycle %d: %s; healthy again after %.1f s".formatted(cycle, line, seconds(t)));
        }

        // The partners finish what they are at; the hub catches up.
        ledger.cycle = CYCLES + 1;
        long finishing = System.nanoTime();
        Thread.sleep(2_000);
        if (!load.finish(Duration.ofMinutes(3))) {
            load.abort();
            failures.add("the partners did not finish within 3 minutes (a message never answered, a file never done)");
        }
        Map<String, List<Delivered>> delivered = new HashMap<>();
        Map<String, String> deadLettered = new TreeMap<>();
        Map<String, Integer> receipts = new TreeMap<>();
        Set<String> receiptKeys = new HashSet<>();
        Map<String, List<String>> receiptOrder = new HashMap<>();
        int receiptCount = 0;
        double finishSeconds = seconds(finishing);
        long draining = System.nanoTime();
        try (BrokerAdmin broker = new BrokerAdmin(hub.brokerUrl())) {
            int[] quiet = {0};
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
                long waiting = broker.messageCount("hub.intake.", "hub.accepted");
                quiet[0] = waiting == 0 ? quiet[0] + 1 : 0;
                return quiet[0] >= 2;
            });
            for (String queue : broker.queueNames()) {
                if (queue.startsWith("forbund.")) {
                    List<TextMessage> messages = broker.drain(queue, 1_000);
                    for (int i = 0; i < messages.size(); i++) {
                        JsonNode m = JSON.readTree(messages.get(i).getText());
                        String key = Sent.key(m.at("/hub/partnerId").asText(), m.path("messageId").asText());
                        delivered.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(new Delivered(key, queue, i, m.at("/hub/participantRef").asText()));
                    }
                } else if (queue.startsWith("DLQ.") || queue.startsWith("ExpiryQueue.")) {
                    for (TextMessage message : broker.drain(queue, 200)) {
                        JsonNode m = JSON.readTree(se.gransnav.TestDeadLetters.body(message));
                        String partner = m.at("/hub/partnerId").isMissingNode()
                                ? queue.substring(queue.lastIndexOf('.') + 1) : m.at("/hub/partnerId").asText();
                        deadLettered.put(Sent.key(partner, m.path("messageId").asText()), queue);
                    }
                } else if (queue.startsWith("hub.receipts.")) {
                    String partner = queue.substring("hub.receipts.".length());
                    for (TextMessage message : broker.drain(queue, 200)) {
                        JsonNode receipt = JSON.readTree(message.getText());
                        String status = receipt.path("status").asText();
                        receipts.merge(status, 1, Integer::sum);
                        receiptOrder.computeIfAbsent(Sent.key(partner, receipt.path("messageId").asText()),
                                k -> new ArrayList<>()).add(status + "@" + receiptCount++);
                        if (status.equals("ACCEPTED") || status.equals("DUPLICATE")) {
                            receiptKeys.add(Sent.key(partner, receipt.path("messageId").asText()));
                        }
                    }
                }
            }
        }

        double drainSeconds = seconds(draining);

        // The invariant
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> misrouted = new ArrayList<>();
        List<String> deliveredAfterRefusal = new ArrayList<>();
        List<String> unacknowledged = new ArrayList<>();
        long duplicateCopies = 0;
        for (String key : ledger.acknowledged) {
            if (!delivered.containsKey(key) && !deadLettered.containsKey(key)) {
                lost.add(key);
            }
        }
        for (Map.Entry<String, List<Delivered>> d : delivered.entrySet()) {
            Sent sent = ledger.sent.get(d.getKey());
            if (d.getValue().size() > 1) {
                duplicated.add(d.getKey() + " x" + d.getValue().size());
                duplicateCopies += d.getValue().size() - 1;
            }
            if (sent == null) {
                unknown.add(d.getKey());
                continue;
            }
            if (sent.mustBeRefused()) {
                deliveredAfterRefusal.add(d.getKey());
            }
            String queue = "forbund." + sent.forbundId() + ".inbox";
            if (d.getValue().stream().anyMatch(x -> !x.queue().equals(queue))) {
                misrouted.add(d.getKey());
            }
        }
        for (Sent sent : ledger.sent.values()) {
            if (!sent.mustBeRefused() && !ledger.acknowledged.contains(sent.key())) {
                unacknowledged.add(sent.key());
            }
        }
        List<String> outOfOrder = new ArrayList<>();
        List<String> splitParticipants = new ArrayList<>();
        Map<String, List<Sent>> sequences = ledger.sent.values().stream()
                .collect(Collectors.groupingBy(Sent::sequence));
        for (Map.Entry<String, List<Sent>> sequence : sequences.entrySet()) {
            List<Sent> messages = new ArrayList<>(sequence.getValue());
            messages.sort(Comparator.comparingInt(Sent::position));
            int previous = -1;
            boolean ordered = true;
            Set<String> refs = new HashSet<>();
            for (Sent message : messages) {
                List<Delivered> copies = delivered.get(message.key());
                if (copies == null) {
                    continue;
                }
                copies.forEach(c -> refs.add(c.participantRef()));
                int index = copies.get(0).index();
                ordered &= index > previous;
                previous = index;
            }
            if (!ordered) {
                // The positions in the order the förbund got them.
                outOfOrder.add(sequence.getKey() + " arrived as " + messages.stream()
                        .filter(m -> delivered.containsKey(m.key()))
                        .sorted(Comparator.comparingInt(m -> delivered.get(m.key()).get(0).index()))
                        .map(Sent::position).toList());
            }
            if (refs.size() > 1) {
                splitParticipants.add(sequence.getKey());
            }
        }
        List<String> missingReceipts = ledger.acknowledged.stream()
                .filter(k -> ledger.sent.get(k) != null && ledger.sent.get(k).channel() == Channel.QUEUE)
                .filter(k -> !receiptKeys.contains(k)).toList();
        long numbersInLogs = personalNumbersInLogs(ledger.personalNumbers);

        // Where each out-of-order sequence went wrong: its messages' journeys in the hub (operator view).
        List<String> diagnosis = new ArrayList<>();
        if (!lost.isEmpty()) {
            diagnosis.add("lost, by the cycle they were acknowledged in (before its stop; " + (CYCLES + 1)
                    + " = after the last start): " + new TreeMap<>(lost.stream().collect(Collectors.groupingBy(
                    k -> ledger.acknowledgedInCycle.getOrDefault(k, -1), Collectors.counting()))));
            for (String key : lost.stream().sorted().limit(12).toList()) {
                diagnosis.add("lost " + key + " (acknowledged in cycle " + ledger.acknowledgedInCycle.get(key) + "): "
                        + journey(ledger.sent.get(key)));
            }
        }
        for (String line : outOfOrder.stream().limit(5).toList()) {
            String sequence = line.substring(0, line.indexOf(' '));
            for (Sent message : sequences.get(sequence).stream().sorted(Comparator.comparingInt(Sent::position)).toList()) {
                diagnosis.add(sequence + " #" + message.position() + ": " + journey(message)
                        + (message.channel() == Channel.QUEUE ? " receipts " + receiptOrder.get(message.key()) : "")
                        + " delivered at " + delivered.getOrDefault(message.key(), List.of()).stream()
                        .map(Delivered::index).toList());
            }
        }

        // The end of the run is an orderly stop too, with nothing left in flight.
        Path lastLog = hub.log();
        OptionalInt lastExit = hub.terminate(STOP_TIMEOUT);
        if (lastExit.isEmpty() || lastExit.getAsInt() != 143) {
            failures.add("final SIGTERM: " + (lastExit.isEmpty() ? "still running" : "exit code " + lastExit.getAsInt()));
        }
        List<String> failedAtEnd = failedWhileStopping(lastLog);
        if (!failedAtEnd.isEmpty()) {
            failures.add("final SIGTERM: " + failedAtEnd);
        }

        long acknowledged = ledger.acknowledged.size();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("cycles", CYCLES + " (SIGKILL " + kills + ", SIGTERM " + terms + ")");
        figures.put("seed", seed);
        figures.put("sent, HTTP", ledger.count(Channel.HTTP, false) + " messages in " + ledger.httpRequests.sum()
                + " requests (+ " + ledger.refused.size() + " sent after a consent withdrawal)");
        figures.put("HTTP answers", new TreeMap<>(ledger.httpAnswers));
        figures.put("sent, queue", ledger.count(Channel.QUEUE, false) + " messages in " + ledger.queueSends.sum()
                + " send attempts");
        figures.put("sent, file", ledger.count(Channel.FILE, false) + " rows in " + ledger.filesDropped.sum() + " files ("
                + ledger.filesDone.sum() + " done)");
        figures.put("acknowledged", acknowledged + " (HTTP " + ledger.count(Channel.HTTP, true) + ", queue "
                + ledger.count(Channel.QUEUE, true) + ", file " + ledger.count(Channel.FILE, true) + ")");
        figures.put("delivered", delivered.size() + " distinct, " + (delivered.size() + duplicateCopies) + " in all");
        figures.put("dead-lettered", deadLettered.size());
        figures.put("lost", lost.size());
        figures.put("duplicated", duplicated.size() + " (" + duplicateCopies + " extra copies)");
        figures.put("unknown delivered", unknown.size());
        figures.put("misrouted", misrouted.size());
        figures.put("out of order", outOfOrder.size() + " of " + sequences.size() + " participant sequences");
        figures.put("refused after withdrawal", ledger.refused.size() + " refused (HUB-009), "
                + deliveredAfterRefusal.size() + " delivered");
        figures.put("unacknowledged", unacknowledged.size());
        figures.put("wrong answers", ledger.wrongAnswers.size());
        figures.put("queue receipts", receipts + ", acknowledged without one: " + missingReceipts.size());
        figures.put("personal numbers in hub logs", numbersInLogs);
        figures.put("addresses that paged to disk", pagedAddresses());
        figures.put("accepted = delivered + dead-lettered", acknowledged + " = " + delivered.size() + " + "
                + deadLettered.size() + (acknowledged == delivered.size() + deadLettered.size() ? "" : "  (NOT EQUAL)"));
        figures.put("duration", "%.0f s (the partners finishing after the last start %.0f s, draining %.0f s)"
                .formatted(seconds(started), finishSeconds, drainSeconds));

        StringBuilder report = new StringBuilder("Gränsnav crash test: MixedLoadKillTest\n");
        figures.forEach((name, value) -> report.append("  %-38s %s%n".formatted(name, value)));
        cycleLines.forEach(l -> report.append("  ").append(l).append('\n'));
        example(report, "lost", lost);
        example(report, "duplicated", duplicated);
        example(report, "unknown", unknown);
        example(report, "misrouted", misrouted);
        example(report, "out of order", outOfOrder);
        example(report, "participant split over references", splitParticipants);
        example(report, "delivered after a consent withdrawal", deliveredAfterRefusal);
        example(report, "unacknowledged", unacknowledged);
        example(report, "wrong answers", ledger.wrongAnswers.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
        example(report, "dead-lettered", deadLettered.entrySet().stream().map(e -> e.getKey() + " in " + e.getValue()).toList());
        example(report, "without a queue receipt", missingReceipts);
        example(report, "failures", failures);
        diagnosis.forEach(l -> report.append("  ").append(l).append('\n'));
        ledger.errors.forEach(e -> report.append("  partner error: ").append(e).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "crash-report.txt"), report, StandardCharsets.UTF_8);
        Path kept = Path.of("target", "crash-test-data");
        deleteRecursively(kept);
        if (!lost.isEmpty() || !duplicated.isEmpty() || !outOfOrder.isEmpty() || !unknown.isEmpty()) {
            // The broker's journal and pages and the tracking database, for a post-mortem.
            copyRecursively(data, kept);
            report.append("  the hub's data (broker journal and pages, H2) is kept in ").append(kept).append('\n');
        }
        System.out.println(report);

        assertThat(ledger.errors).as("partner errors").isEmpty();
        assertThat(failures).as(report.toString()).isEmpty();
        assertThat(lost).as("lost").isEmpty();
        assertThat(duplicated).as("duplicated").isEmpty();
        assertThat(unknown).as("unknown").isEmpty();
        assertThat(misrouted).as("misrouted").isEmpty();
        assertThat(deadLettered).as("dead-lettered").isEmpty();
        assertThat(outOfOrder).as("out of order").isEmpty();
        assertThat(splitParticipants).as("participants split").isEmpty();
        assertThat(deliveredAfterRefusal).as("delivered after a consent withdrawal").isEmpty();
        assertThat(unacknowledged).as("unacknowledged").isEmpty();
        assertThat(ledger.wrongAnswers).as("wrong answers").isEmpty();
        assertThat(missingReceipts).as("queue messages without a receipt").isEmpty();
        assertThat(numbersInLogs).as("personal identity numbers in the hub's logs").isZero();
        assertThat(acknowledged).as("accepted = delivered + dead-lettered")
                .isEqualTo(delivered.size() + deadLettered.size());
        assertThat(ledger.count(Channel.HTTP, true)).as("HTTP messages").isPositive();
        assertThat(ledger.count(Channel.QUEUE, true)).as("queue messages").isPositive();
        assertThat(ledger.count(Channel.FILE, true)).as("file rows").isPositive();
    }

    /**
     * The lines of a stopped hub's log, from the start of its orderly shutdown, that tell of
     * something in flight failing (shortened to what they name: route and exception class).
     */
    private static List<String> failedWhileStopping(Path log) throws java.io.IOException {
        String text = read(log);
        int from = text.indexOf("Commencing graceful shutdown");
        if (from < 0) {
            return List.of("no orderly shutdown in the log");
        }
        return text.substring(from).lines().filter(l -> FAILED_IN_FLIGHT.stream().anyMatch(l::contains))
                .map(l -> l.substring(l.indexOf(" : ") + 3)).map(l -> l.length() > 160 ? l.substring(0, 160) : l)
                .toList();
    }

    /** The addresses the broker paged to disk at some point of the run (from the hub's logs). */
    private Set<String> pagedAddresses() throws java.io.IOException {
        Pattern paging = Pattern.compile("Starting paging on address '([^']+)'");
        Set<String> addresses = new java.util.TreeSet<>();
        try (var files = Files.list(data)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                Matcher m = paging.matcher(read(log));
                while (m.find()) {
                    addresses.add(m.group(1));
                }
            }
        }
        return addresses;
    }

    /** How many of the participants' numbers (12 digits, or 10 with a separator) appear in the hub's output. */
    private long personalNumbersInLogs(Set<String> numbers) throws Exception {
        Pattern candidate = Pattern.compile("(?<![0-9])(?:[0-9]{8}|[0-9]{6}[-+])[0-9]{4}(?![0-9])");
        Set<String> tails = numbers.stream().map(n -> n.substring(2)).collect(Collectors.toSet());
        long found = 0;
        try (var files = Files.list(data)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                Matcher m = candidate.matcher(read(log));
                while (m.find()) {
                    String digits = m.group().replaceAll("[-+]", "");
                    if (numbers.contains(digits) || tails.contains(digits)) {
                        found++;
                    }
                }
            }
        }
        return found;
    }

    /** The steps of a message's journey in the hub with their times (the operator's tracking view). */
    private String journey(Sent message) {
        String trackingId = UUID.nameUUIDFromBytes(("gransnav-tracking\n" + message.partnerId() + "\n"
                + message.messageId()).getBytes(StandardCharsets.UTF_8)).toString();
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(hub.uri("/api/v1/messages/" + trackingId))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                            .encodeToString("viewer:viewer-demo".getBytes(StandardCharsets.UTF_8))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "tracking " + response.statusCode();
            }
            List<String> steps = new ArrayList<>();
            JSON.readTree(response.body()).path("journey").forEach(step -> steps.add(step.path("step").asText()
                    + " " + step.path("at").asText().substring(11)));
            return steps.toString();
        } catch (Exception e) {
            return "tracking " + e.getClass().getSimpleName();
        }
    }

    private static void copyRecursively(Path from, Path to) throws java.io.IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteRecursively(Path folder) throws java.io.IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void example(StringBuilder report, String what, List<String> keys) {
        if (!keys.isEmpty()) {
            report.append("  ").append(what).append(" (").append(keys.size()).append("), e.g. ")
                    .append(keys.stream().sorted().limit(10).toList()).append('\n');
        }
    }

    private static String read(Path file) throws java.io.IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
