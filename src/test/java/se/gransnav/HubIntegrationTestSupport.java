package se.gransnav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole hub as it runs: embedded persistent Artemis with its TCP acceptor, H2 on disk, routes
 * from {@code routes/}, registries from {@code config/}, the quickstart operators. All integration
 * tests extend this class and so share one context (one broker): each test uses its own message
 * ids and picks the messages it sent by tracking id.
 *
 * <p>The förbund registry is {@code config/forbund.yml} plus one förbund of the tests' own,
 * {@value #ADAPTERS_FORBUND} (Alingsås, 1489), with a webhook on {@link #WEBHOOK_PORT} of this machine
 * and a file drop: only messages about participants living in Alingsås reach the adapters, so the
 * other tests see the hub exactly as configured. Webhook retries and the broker's redelivery delays
 * are shortened to fractions of a second.
 *
 * <p>The clock is pinned near the contract samples' dates (running on from 2026-11-25T08:00Z), so
 * the sample SIP meeting on 2026-12-03 stays in the future whenever the suite runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {GransnavApplication.class, HubIntegrationTestSupport.PinnedClock.class})
@ActiveProfiles("quickstart")
public abstract class HubIntegrationTestSupport {

    public static final Instant PINNED_NOW = Instant.parse("2026-11-25T08:00:00Z");

    /** Demo keys of config/partners.yml (only their hashes are there; the keys are in the README). */
    public static final String KUNGALV_SOCIALTJANST_KEY = "demo-kungalv-socialtjanst-91bce42823b4575ce0d94d6d";
    public static final String KUNGALV_AME_KEY = "demo-kungalv-ame-b197403708c84765c86e12b9";
    public static final String ALE_AME_KEY = "demo-ale-ame-b2478886e5f89a30cb223951";
    public static final String GOTEBORG_SOCIALTJANST_KEY = "demo-goteborg-socialtjanst-b49bc43e839eff4b5a447020";
    public static final String UDDEVALLA_ELEVHALSA_KEY = "demo-uddevalla-elevhalsa-85c6e3e9c3d5d697ed08f6c6";

    /** The tests' förbund with a webhook and a file drop; its only member is Alingsås. */
    public static final String ADAPTERS_FORBUND = "it-adapters";
    public static final String ADAPTERS_MUNICIPALITY = "1489";
    public static final String ADAPTERS_WEBHOOK_SECRET = "it-adapters-webhook-secret-0000000000000005";
    /** Webhook attempts per message in the tests (the first included). */
    public static final int WEBHOOK_MAX_ATTEMPTS = 8;

    protected static final Path DATA_DIR;
    protected static final int BROKER_PORT;
    /** Where the tests' förbund's webhook is called: {@code http://127.0.0.1:<port>/webhook}. */
    protected static final int WEBHOOK_PORT;
    private static final Path FORBUND_REGISTRY;
    private static final Path PARTNER_REGISTRY;

    /**
     * The tests' own key for sealing dead letters (not the quickstart's demo key): base64 of 32 bytes.
     * RouteTestSupport sets the same one.
     */
    public static final String PAYLOAD_KEY = "JS+adCxoCSobljB8H6BvCWkgfD8csesoTtgDh7ur7hM=";

    /** The tests' partner with a small rate limit ({@value #LIMITED_PER_MINUTE} requests a minute); HTTP only. */
    public static final String LIMITED_PARTNER = "it-limited";
    public static final String LIMITED_PARTNER_KEY = "it-limited-partner-key-00000000000000000000000006";
    public static final int LIMITED_PER_MINUTE = 3;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("gransnav-it-");
            BROKER_PORT = freePort();
            WEBHOOK_PORT = freePort();
            FORBUND_REGISTRY = DATA_DIR.resolve("forbund.yml");
            Files.writeString(FORBUND_REGISTRY, Files.readString(Path.of("config/forbund.yml")).stripTrailing() + """

                      - id: %s
                        name: Integration tests' förbund with a webhook and a file drop
                        participantRefSecret: it-adapters-pseudonym-key-000000000000000004
                        members:
                          - { municipality: "%s", name: Alingsås }
                        webhook:
                          url: http://127.0.0.1:%d/webhook
                          secret: %s
                        fileDrop: true
                    """.formatted(ADAPTERS_FORBUND, ADAPTERS_MUNICIPALITY, WEBHOOK_PORT, ADAPTERS_WEBHOOK_SECRET));
            PARTNER_REGISTRY = DATA_DIR.resolve("partners.yml");
            Files.writeString(PARTNER_REGISTRY, Files.readString(Path.of("config/partners.yml")).stripTrailing() + """

                      - id: %s
                        name: Integration tests' partner with a small rate limit
                        organisationType: AME
                        municipality: "1482"
                        channels: [HTTP]
                        messageTypes: [STATUS_UPDATE]
                        apiKeyHashes:
                          - %s
                    """.formatted(LIMITED_PARTNER, se.gransnav.security.PartnerRegistry.hashForConfig(LIMITED_PARTNER_KEY)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        registry.add("gransnav.data-dir", DATA_DIR::toString);
        registry.add("gransnav.payloads.encryption-key", () -> PAYLOAD_KEY);
        registry.add("gransnav.broker.acceptor",
                () -> "tcp://127.0.0.1:" + BROKER_PORT + "?protocols=CORE,AMQP,STOMP,OPENWIRE");
        registry.add("gransnav.inbox.poll-delay", () -> "300ms");
        registry.add("gransnav.inbox.stable-for", () -> "1s");
        // Small batches, so that ordinary test files span several (production: 500).
        registry.add("gransnav.intake.batch-size", () -> "4");
        registry.add("gransnav.registry.forbund", () -> "file:" + FORBUND_REGISTRY);
        registry.add("gransnav.registry.partners", () -> "file:" + PARTNER_REGISTRY);
        registry.add("gransnav.security.rate-limit.per-partner." + LIMITED_PARTNER, () -> String.valueOf(LIMITED_PER_MINUTE));
        registry.add("gransnav.webhook.connect-timeout", () -> "1s");
        registry.add("gransnav.webhook.request-timeout", () -> "2s");
        registry.add("gransnav.webhook.initial-delay", () -> "50ms");
        registry.add("gransnav.webhook.multiplier", () -> "2.0");
        registry.add("gransnav.webhook.max-delay", () -> "400ms");
        registry.add("gransnav.webhook.max-attempts", () -> String.valueOf(WEBHOOK_MAX_ATTEMPTS));
        // Broker redelivery: the production count (6 attempts) with shorter waits.
        registry.add("gransnav.broker.redelivery-delay", () -> "100ms");
        registry.add("gransnav.broker.max-redelivery-delay", () -> "400ms");
    }

    /** The outbox folder of a förbund with a file drop. */
    protected static Path outbox(String forbundId) {
        return DATA_DIR.resolve("outbox").resolve(forbundId);
    }

    protected static java.nio.file.Path inbox(String partnerId) {
        return DATA_DIR.resolve("inbox").resolve(partnerId);
    }

    protected static String brokerUrl() {
        return "tcp://127.0.0.1:" + BROKER_PORT;
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected HttpResponse<String> postMessage(String apiKey, byte[] body) {
        return postMessage(apiKey, "application/json", body);
    }

    protected HttpResponse<String> postMessage(String apiKey, String contentType, byte[] body) {
        return post("/api/v1/messages", apiKey, contentType, body);
    }

    protected HttpResponse<String> post(String path, String apiKey, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return send(request.build());
    }

    protected HttpResponse<String> get(String apiKey, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return send(request.build());
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Posts the contract's status-update sample as Kungälv AME, with {@code messageId} and about
     * {@code participant} (living in Kungälv, so for Älv &amp; Kust); expects 202 and returns the
     * tracking id.
     */
    protected String postStatusUpdate(String messageId, String participant) {
        String body = new String(sample("canonical-status-exit.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"KUN-AME-88213\"", "\"" + messageId + "\"")
                .replace("199003639854", participant);
        HttpResponse<String> response = postMessage(KUNGALV_AME_KEY, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response.body()).path("trackingId").asText();
    }

    protected static byte[] sample(String name) {
        try (var in = HubIntegrationTestSupport.class.getResourceAsStream("/samples/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class PinnedClock {

        @Bean
        @Primary
        Clock pinnedClock() {
            return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), PINNED_NOW));
        }
    }
}
