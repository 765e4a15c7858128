package se.gransnav.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import se.gransnav.TestIdentityNumbers;

/**
 * What the load drivers of bench/run.sh share: their arguments ({@code --name=value}), the
 * canonical STATUS_UPDATE they send, pacing for open-loop (fixed-rate) load and the latency summary.
 * Not a test: run from bench/run.sh with the test classpath.
 */
final class Bench {

    /** Participants cycle over this many test personal numbers, birth numbers 980–999 only. */
    static final int PARTICIPANTS = 10_000;
    private static final String[] NUMBERS = new String[PARTICIPANTS];

    static {
        for (int n = 0; n < PARTICIPANTS; n++) {
            NUMBERS[n] = TestIdentityNumbers.of(LocalDate.of(1975, 1, 1).plusDays(n / 20), 980 + n % 20);
        }
    }

    /**
     * One moment for every message of the run: the hub checks occurredAt, not its variety. Always
     * with seconds (OffsetDateTime.toString() drops ":00", which the contract's pattern refuses).
     */
    private static final String OCCURRED_AT = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusMinutes(5)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));

    private Bench() {
    }

    /**
     * A canonical STATUS_UPDATE (exit to work, as contract sample canonical-status-exit.json) from a
     * Kungälv (1482) partner, compact JSON. {@code messageId} must match [A-Za-z0-9._:-]{1,100};
     * {@code sequence} picks the participant.
     */
    static String statusUpdate(String messageId, long sequence) {
        return "{\"schemaVersion\":\"1.0\",\"messageId\":\"" + messageId + "\",\"type\":\"STATUS_UPDATE\","
                + "\"occurredAt\":\"" + OCCURRED_AT + "\",\"participant\":{\"personalIdentityNumber\":\""
                + NUMBERS[(int) (sequence % PARTICIPANTS)] + "\",\"homeMunicipalityCode\":\"1482\"},"
                + "\"statusUpdate\":{\"status\":\"EXITED\",\"exit\":{\"reason\":\"WORK\",\"employment\":"
                + "{\"permanent\":false,\"fullTime\":true,\"subsidised\":true},\"survey\":{\"usefulSupport\":\"YES\","
                + "\"experienceUsed\":\"YES\",\"involvedInDecisions\":\"NO_ANSWER\"}}}}";
    }

    /** The top-level messageId of a canonical message or receipt (the first "messageId" key), or null. */
    static String messageId(String json) {
        int key = json.indexOf("\"messageId\"");
        if (key < 0) {
            return null;
        }
        int open = json.indexOf('"', json.indexOf(':', key + 11) + 1);
        int close = json.indexOf('"', open + 1);
        return open < 0 || close < 0 ? null : json.substring(open + 1, close);
    }

    /** Arguments {@code --name=value}; {@link Args#get} falls back to a default. */
    static final class Args {
        private final Map<String, String> values = new HashMap<>();

        Args(String[] args) {
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("arguments are --name=value, not " + arg);
                }
                values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }

        String get(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        String required(String name) {
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("--" + name + "= is required");
            }
            return value;
        }

        int integer(String name, int fallback) {
            return Integer.parseInt(get(name, String.valueOf(fallback)));
        }

        double decimal(String name, double fallback) {
            return Double.parseDouble(get(name, String.valueOf(fallback)));
        }
    }

    /** Parks until {@code deadline} (System.nanoTime()); at once if it has passed. */
    static void sleepUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /**
     * Open loop: worker {@code index} of {@code workers} sends the {@code (turn * workers + index)}-th
     * message of a fixed schedule of {@code rate} a second from {@code start}. Parks until that
     * message's intended time and returns it (System.nanoTime()), or -1 when it falls at or after
     * {@code end}.
     */
    static long awaitTurn(long start, long turn, int workers, int index, double rate, long end) {
        long intended = start + (long) ((turn * workers + index) * 1e9 / rate);
        if (intended >= end) {
            return -1;
        }
        sleepUntil(intended);
        return intended;
    }

    /** A histogram of latencies in microseconds, up to 10 minutes, 3 significant digits. */
    static Histogram histogram() {
        return new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    }

    static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "NaN" : String.format("%.2f", h.getValueAtPercentile(percentile) / 1000.0);
    }

    /** p50/p99/p99.9/max in ms as key=value pairs, prefixed. */
    static String percentiles(String prefix, Histogram h) {
        return prefix + "p50_ms=" + ms(h, 50) + " " + prefix + "p99_ms=" + ms(h, 99) + " " + prefix + "p999_ms="
                + ms(h, 99.9) + " " + prefix + "max_ms=" + (h.getTotalCount() == 0 ? "NaN"
                : String.format("%.2f", h.getMaxValue() / 1000.0)) + " " + prefix + "samples=" + h.getTotalCount();
    }

    /** Writes the full percentile distribution (ms) to {@code file}, if one was given. */
    static void writeDistribution(Histogram h, String file) throws IOException {
        if (file == null || file.isEmpty()) {
            return;
        }
        try (PrintStream out = new PrintStream(Files.newOutputStream(Path.of(file)), true, StandardCharsets.UTF_8)) {
            h.outputPercentileDistribution(out, 1000.0);
        }
    }
}
