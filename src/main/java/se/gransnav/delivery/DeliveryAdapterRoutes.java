package se.gransnav.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

import se.gransnav.routing.Forbund;
import se.gransnav.routing.ForbundRegistry;

/**
 * Makes the per-förbund delivery-adapter routes from their templates:
 * {@code webhook-delivery-<forbundId>} ({@code routes/webhook-delivery.camel.yaml}) for every förbund
 * with a webhook, with the retry settings of {@code gransnav.webhook.*}, and
 * {@code file-drop-<forbundId>} ({@code routes/file-drop.camel.yaml}) for every förbund with a file
 * drop, whose outbox folder is created here.
 */
@Component
class DeliveryAdapterRoutes implements CamelContextConfiguration {

    private final ForbundRegistry forbundRegistry;
    private final WebhookProperties webhook;
    private final FileDrop fileDrop;

    DeliveryAdapterRoutes(ForbundRegistry forbundRegistry, WebhookProperties webhook, FileDrop fileDrop) {
        this.forbundRegistry = forbundRegistry;
        this.webhook = webhook;
        this.fileDrop = fileDrop;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // The YAML templates are loaded as the context starts; the routes are made afterwards.
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        for (Forbund forbund : forbundRegistry.all()) {
            if (forbund.webhook() != null) {
                TemplatedRouteBuilder.builder(camelContext, "webhook-delivery")
                        .routeId("webhook-delivery-" + forbund.id())
                        .parameter("forbundId", forbund.id())
                        // Camel counts redeliveries, the setting counts attempts (the first included).
                        .parameter("maximumRedeliveries", String.valueOf(webhook.maxAttempts() - 1))
                        .parameter("redeliveryDelay", String.valueOf(webhook.initialDelay().toMillis()))
                        .parameter("backOffMultiplier", String.valueOf(webhook.multiplier()))
                        .parameter("maximumRedeliveryDelay", String.valueOf(webhook.maxDelay().toMillis()))
                        .add();
            }
            if (forbund.fileDrop()) {
                try {
                    Files.createDirectories(fileDrop.folder(forbund.id()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the outbox folder of " + forbund.id(), e);
                }
                TemplatedRouteBuilder.builder(camelContext, "file-drop")
                        .routeId("file-drop-" + forbund.id())
                        .parameter("forbundId", forbund.id())
                        .add();
            }
        }
    }
}
