package se.gransnav.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;

/**
 * HTTP path load: {@code POST /api/v1/messages} with the partner's Bearer key from
 * {@code --clients} concurrent clients on loopback, each a thread with its own
 * {@link HttpClient} (HTTP/1.1, keep-alive), unique messageIds.
 *
 * <p>{@code --mode=closed}: each client sends its next request when the last is answered; req/s =
 * 202 answers during the measurement. {@code --mode=open --rate=R}: R requests/s in all on a fixed
 * schedule (client c sends the (k·clients + c)-th); latency is measured from the intended send
 * time, so a stalled hub shows in the percentiles instead of slowing the load (no coordinated
 * omission). Warm-up ({@code --warmup} s) is not recorded. Any answer but 202 is counted by status.
 *
 * <p>With {@code --forbund-password}, a {@link ForbundReader} empties the förbund's inbox as a real
 * förbund would (nothing piles up on the broker) and checks that every 202 arrived exactly once.
 * Last line: {@code RESULT key=value ...}.
 */
public final class HttpLoad {

    public static void main(String[] argv) throws Exception {
        Bench.Args args = new Bench.Args(argv);
        URI uri = URI.create(args.required("url"));
        String key = args.required("key");
        int clients = args.integer("clients", 8);
        String mode = args.get("mode", "closed");
        double rate = args.decimal("rate", 0);
        long warmup = TimeUnit.SECONDS.toNanos(args.integer("warmup", 30));
        long measure = TimeUnit.SECONDS.toNanos(args.integer("measure", 60));
        long drain = TimeUnit.SECONDS.toNanos(args.integer("drain", 120));
        boolean open = mode.equals("open");
        if (open && rate <= 0) {
            throw new IllegalArgumentException("--mode=open needs --rate=");
        }
        String run = args.get("run", "r" + System.currentTimeMillis()) + "-h" + mode;
        String forbundPassword = args.get("forbund-password", null);
        String forbund = args.get("forbund", "alvkust");

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        ForbundReader reader = forbundPassword == null ? null
                : new ForbundReader(args.required("broker-url"), forbund, forbundPassword,
                        "forbund." + forbund + ".inbox", args.integer("consumers", 4), (id, now) -> { });

        Histogram latency = Bench.histogram();
        Map<String, LongAdder> answers = new ConcurrentHashMap<>();
        LongAdder okInWindow = new LongAdder();
        AtomicLong sequence = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmup;
        long measureTo = measureFrom + measure;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int index = c;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            Thread thread = new Thread(() -> {
                long k = 0;
                while (true) {
                    long intended;
                    if (open) {
                        intended = Bench.awaitTurn(start, k++, clients, index, rate, measureTo);
                        if (intended < 0) {
                            return;
                        }
                    } else {
                        intended = System.nanoTime();
                        if (intended >= measureTo) {
                            return;
                        }
                    }
                    long n = sequence.getAndIncrement();
                    String id = "BENCH-" + run + "-c" + index + "-" + n;
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + key)
                            .POST(HttpRequest.BodyPublishers.ofString(Bench.statusUpdate(id, n)))
                            .build();
                    String answer;
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        answer = String.valueOf(response.statusCode());
                    } catch (IOException e) {
                        answer = e.getClass().getSimpleName();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long done = System.nanoTime();
                    answers.computeIfAbsent(answer, a -> new LongAdder()).increment();
                    if (answer.equals("202")) {
                        accepted.add(id);
                        if (intended >= measureFrom) {
                            okInWindow.increment();
                            synchronized (latency) {
                                latency.recordValue((done - intended) / 1000);
                            }
                        }
                    }
                }
            }, "http-client-" + c);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        long lost = -1;
        long duplicates = -1;
        if (reader != null) {
            long until = System.nanoTime() + drain;
            while (System.nanoTime() < until && reader.received.size() < accepted.size()) {
                Thread.sleep(200);
            }
            Thread.sleep(2_000);
            reader.close();
            lost = accepted.stream().filter(id -> !reader.received.containsKey(id)).count();
            duplicates = reader.duplicates();
        }
        Bench.writeDistribution(latency, args.get("histogram", null));
        Map<String, Long> byAnswer = new TreeMap<>();
        answers.forEach((a, n) -> byAnswer.put(a, n.sum()));
        long non202 = byAnswer.entrySet().stream().filter(e -> !e.getKey().equals("202"))
                .mapToLong(Map.Entry::getValue).sum();
        System.out.printf("mode=%s clients=%d rate=%.0f warmup_s=%d measure_s=%d answers=%s%n", mode, clients, rate,
                TimeUnit.NANOSECONDS.toSeconds(warmup), TimeUnit.NANOSECONDS.toSeconds(measure), byAnswer);
        System.out.printf("RESULT mode=%s req_per_s=%.1f %s accepted=%d non202=%d lost=%d duplicates=%d%n", mode,
                okInWindow.sum() / (measure / 1e9), Bench.percentiles("", latency), accepted.size(), non202, lost,
                duplicates);
        System.exit(lost <= 0 && duplicates <= 0 ? 0 : 3);
    }
}
