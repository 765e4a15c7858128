package se.gransnav.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the hub calls the förbund's webhooks ({@code webhook} in {@code config/forbund.yml}).
 *
 * @param connectTimeout       longest wait for the förbund's server to accept the connection
 * @param requestTimeout       longest wait for its answer
 * @param initialDelay         wait before the second attempt
 * @param multiplier           growth of the wait for every further attempt
 * @param maxDelay             the longest wait between two attempts
 * @param maxAttempts          attempts (the first one included) before the message is moved to
 *                             {@code DLQ.hub.webhook.<forbundId>}. The defaults try for about half
 *                             an hour, so an outage of several minutes loses nothing; the messages
 *                             behind wait meanwhile, in order.
 */
@ConfigurationProperties("gransnav.webhook")
public record WebhookProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("1s") Duration initialDelay,
        @DefaultValue("2.0") double multiplier,
        @DefaultValue("5m") Duration maxDelay,
        @DefaultValue("15") int maxAttempts) {

    public WebhookProperties {
        if (maxAttempts < 1) {
            throw new IllegalStateException("gransnav.webhook.max-attempts must be at least 1");
        }
        if (multiplier < 1.0) {
            throw new IllegalStateException("gransnav.webhook.multiplier must be at least 1.0");
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalStateException("gransnav.webhook.max-delay must be at least gransnav.webhook.initial-delay");
        }
        if (connectTimeout.isZero() || connectTimeout.isNegative() || requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new IllegalStateException("gransnav.webhook.connect-timeout and request-timeout must be positive");
        }
    }
}
