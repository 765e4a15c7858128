package se.gransnav.routing;

import java.net.URI;

/**
 * A förbund's webhook: every message delivered to its queue is also POSTed here, signed with
 * {@code secret} (HMAC-SHA256, header {@code X-Hub-Signature-256}).
 *
 * @param url    https (plain http only to a loopback host, for tests and local set-ups)
 * @param secret the signing key the förbund verifies with; never logged or shown
 */
public record Webhook(URI url, String secret) {

    /** Without the secret, so that a log line or an exception can never carry it. */
    @Override
    public String toString() {
        return "Webhook[" + url + "]";
    }
}
