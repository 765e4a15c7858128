package se.gransnav.delivery;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.RejectedExecutionException;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import se.gransnav.routing.Forbund;
import se.gransnav.routing.ForbundRegistry;
import se.gransnav.routing.Webhook;
import se.gransnav.system.QueueNames;
import se.gransnav.tracking.DeliveryJournal;
import se.gransnav.tracking.TrackingEvent;

/**
 * Calls a förbund's webhook with a message from {@code hub.webhook.<forbundId>}
 * ({@code routes/webhook-delivery.camel.yaml}): a POST of exactly the JSON delivered to the
 * förbund's queue, with {@code Idempotency-Key: <trackingId>} and the body's signature. Any 2xx is
 * delivered; anything else throws, and the route's Camel redelivery tries again with growing
 * delays, blocking its single consumer so that nothing overtakes the message. When every attempt
 * has failed, {@link #deadLetter} prepares the move to {@code DLQ.hub.webhook.<forbundId>}, in the
 * same JMS transaction as the removal from the webhook queue.
 *
 * <p>Nothing of the body is logged; failures are described by HTTP status or exception class.
 */
@Component
public class WebhookDelivery {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    /** Exchange property: the förbund whose webhook is being called. */
    static final String FORBUND = "hubWebhookForbund";
    /** Exchange property: the attempts so far (the redeliveries keep the exchange and its properties). */
    static final String ATTEMPTS_SO_FAR = "hubWebhookAttempts";
    /** Exchange property: the HTTP status of the successful call. */
    static final String STATUS = "hubWebhookStatus";

    private final ForbundRegistry forbundRegistry;
    private final DeliveryJournal journal;
    private final Clock clock;
    private final WebhookProperties properties;
    private final HttpClient http;
    private final SealedDeadLetters sealing;

    WebhookDelivery(ForbundRegistry forbundRegistry, DeliveryJournal journal, Clock clock,
                    WebhookProperties properties, SealedDeadLetters sealing) {
        this.sealing = sealing;
        this.forbundRegistry = forbundRegistry;
        this.journal = journal;
        this.clock = clock;
        this.properties = properties;
        // Redirects are not followed: a redirect is not a delivery (and could leave https).
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** One attempt: POSTs the message; throws unless the webhook answers 2xx. */
    public void post(Exchange exchange, String forbundId) throws IOException, InterruptedException {
        exchange.setProperty(FORBUND, forbundId);
        exchange.setProperty(ATTEMPTS_SO_FAR, attempts(exchange) + 1);
        Message message = exchange.getMessage();
        String trackingId = requireTrackingId(message);
        Webhook webhook = forbundRegistry.byId(forbundId).map(Forbund::webhook).orElseThrow(() ->
                new IllegalStateException("förbund " + forbundId + " has no webhook configured any more"));
        String text = message.getBody(String.class);
        if (text == null) {
            throw new IllegalStateException("webhook message without a body");
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);

        HttpRequest request = HttpRequest.newBuilder(webhook.url())
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", trackingId)
                .header(WebhookSignature.HEADER, WebhookSignature.of(body, webhook.secret()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status < 200 || status > 299) {
            throw new WebhookRejectedException(status);
        }
        exchange.setProperty(STATUS, status);
    }

    /** Records the delivery in the tracking journey once the webhook queue's transaction has committed. */
    public void delivered(Exchange exchange) {
        String trackingId = requireTrackingId(exchange.getMessage());
        TrackingEvent event = new TrackingEvent(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                "DELIVERED", "WEBHOOK", "HTTP " + exchange.getProperty(STATUS) + ", attempt " + attempts(exchange));
        AfterCommit.run(() -> journal.delivered(trackingId, event));
    }

    /**
     * Every attempt failed: gives the message its reason properties, seals its body
     * ({@link SealedDeadLetters}) and names its dead-letter queue. While the hub stops, Camel ends its redeliveries early; such a message is not
     * exhausted, so this throws instead, the transaction rolls back and the message waits at the
     * head of its queue for the next start.
     */
    public void deadLetter(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (DeadLetter.stopping(exchange) || caught instanceof RejectedExecutionException) {
            throw new IllegalStateException("the hub is stopping: webhook delivery rolled back, not dead-lettered");
        }
        String forbundId = exchange.getProperty(FORBUND, String.class);
        String trackingId = requireTrackingId(exchange.getMessage());
        int attempts = attempts(exchange);
        String reason = caught instanceof WebhookRejectedException rejected ? "HTTP " + rejected.status()
                : DeadLetter.reason(caught);
        String deadLetters = QueueNames.webhookDeadLetters(forbundId);
        DeadLetter.mark(exchange, QueueNames.webhook(forbundId), reason, attempts, clock.instant());
        sealing.seal(exchange.getMessage());
        log.warn("The webhook of förbund {} did not take {} in {} attempts ({}); moved to {}",
                forbundId, trackingId, attempts, reason, deadLetters);
        TrackingEvent step = new TrackingEvent(clock.instant().atOffset(java.time.ZoneOffset.UTC), "DEAD_LETTERED",
                "WEBHOOK", reason + " after " + attempts + " attempts; in " + deadLetters);
        AfterCommit.run(() -> journal.step(trackingId, step));
    }

    /**
     * Attempts so far, counted here: Camel's redelivery counter header is gone by the time the
     * dead-letter channel runs.
     */
    private static int attempts(Exchange exchange) {
        return exchange.getProperty(ATTEMPTS_SO_FAR, 0, Integer.class);
    }

    private static String requireTrackingId(Message message) {
        String trackingId = message.getHeader("hubTrackingId", String.class);
        if (trackingId == null) {
            throw new IllegalStateException("webhook message without hubTrackingId");
        }
        return trackingId;
    }
}
