package se.gransnav;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub in a JVM of its own (quickstart profile, embedded broker and H2 in {@code data}), for
 * tests that kill or restart it. Ports stay the same across restarts of one instance. Its output
 * goes to {@code data/hub-*.log}; {@link #keepLogs} copies those to {@code target/} for a failed run.
 */
public final class HubProcess {

    private final Path data;
    private final List<String> jvmOptions;
    private final List<String> extraArguments;
    private final int httpPort;
    private final int brokerPort;
    private HttpClient http = HttpClient.newHttpClient();
    private String scheme = "http";
    private Process process;
    private Path log;

    public HubProcess(Path data, String... extraArguments) throws IOException {
        this(data, List.of(), extraArguments);
    }

    /** With {@code jvmOptions} for the hub's JVM (besides its -Xmx256m). */
    public HubProcess(Path data, List<String> jvmOptions, String... extraArguments) throws IOException {
        this.data = data;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.extraArguments = List.of(extraArguments);
        this.httpPort = freePort();
        this.brokerPort = freePort();
    }

    /**
     * For a hub started with TLS on ({@code server.ssl.*} among its arguments): the health check,
     * {@link #uri} and {@link #post} use https and {@code client}, which must trust the hub's certificate.
     */
    public HubProcess overHttps(HttpClient client) {
        this.http = client;
        this.scheme = "https";
        return this;
    }

    /** Starts the hub and waits until it reports healthy. */
    public HubProcess start() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "se.gransnav.GransnavApplication",
                "--spring.profiles.active=quickstart",
                "--gransnav.data-dir=" + data,
                "--server.port=" + httpPort,
                "--gransnav.broker.acceptor=tcp://127.0.0.1:" + brokerPort + "?protocols=CORE",
                "--gransnav.inbox.poll-delay=300ms",
                "--gransnav.inbox.stable-for=500ms"));
        command.addAll(extraArguments);
        log = data.resolve("hub-" + System.nanoTime() + ".log");
        process = new ProcessBuilder(command)
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("hub process; the end of its log:%n%s", lastLines(log)).isTrue();
            try {
                return http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM: the hub shuts down in order. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    /**
     * SIGTERM, then waits up to {@code timeout} for the hub to finish its shutdown.
     *
     * @return the exit code (143 = 128 + SIGTERM after an orderly shutdown), or empty if it was
     *         still running after {@code timeout} (it is then killed)
     */
    public java.util.OptionalInt terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            return java.util.OptionalInt.of(process.exitValue());
        }
        process.destroyForcibly().waitFor();
        return java.util.OptionalInt.empty();
    }

    /** The output of the latest start. */
    public Path log() {
        return log;
    }

    public String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    public URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + httpPort + path);
    }

    public HttpResponse<String> post(String path, String apiKey, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Copies the hub's logs to {@code target/<folder>/}. */
    public void keepLogs(String folder) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", folder));
        try (var files = Files.list(data)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                Files.copy(log, logs.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
