package se.gransnav.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A förbund's webhook receiver for the tests (the edge the hub does not own): records every request
 * and answers as told — 204, 503, or by closing the connection without an answer — and always 500
 * for the messageIds it is told to refuse.
 */
final class TestWebhookServer implements AutoCloseable {

    enum Mode { ACCEPT, UNAVAILABLE, CLOSE_CONNECTION }

    /** One request as received, and what it was answered (0: connection closed). */
    record Request(String idempotencyKey, String signature, String contentType, byte[] body, String messageId,
                   String participantRef, int answer) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean delivered() {
            return answer >= 200 && answer < 300;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Request> requests = new ArrayList<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.ACCEPT;

    TestWebhookServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/webhook", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    void answer(Mode mode) {
        this.mode = mode;
    }

    void refuse(String messageId) {
        refused.add(messageId);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requestsFor(String trackingId) {
        return requests().stream().filter(r -> trackingId.equals(r.idempotencyKey())).toList();
    }

    long failures() {
        return requests().stream().filter(r -> !r.delivered()).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        JsonNode json = JSON.readTree(body);
        String messageId = json.path("messageId").asText();
        Mode now = refused.contains(messageId) ? null : mode;
        int answer = now == null ? 500 : switch (now) {
            case ACCEPT -> 204;
            case UNAVAILABLE -> 503;
            case CLOSE_CONNECTION -> 0;
        };
        synchronized (this) {
            requests.add(new Request(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, messageId,
                    json.path("hub").path("participantRef").asText(), answer));
        }
        if (answer == 0) {
            exchange.close(); // no status line: the client sees the connection closed
            return;
        }
        exchange.sendResponseHeaders(answer, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
