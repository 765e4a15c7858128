package se.gransnav.delivery;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** X-Hub-Signature-256 against published HMAC-SHA256 vectors, so a förbund's own check agrees. */
class WebhookSignatureTest {

    @Test
    void matchesRfc4231TestCase2() {
        assertThat(WebhookSignature.of("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII), "Jefe"))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void matchesGitHubsDocumentedWebhookExample() {
        // The example of GitHub's "Validating webhook deliveries", the convention this header follows.
        assertThat(WebhookSignature.of("Hello, World!".getBytes(StandardCharsets.UTF_8), "It's a Secret to Everybody"))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void isOverTheExactBytesSoAnyChangeOfTheBodyChangesIt() {
        String secret = "a-webhook-secret-for-tests-00000000000000002";
        String signature = WebhookSignature.of("{\"a\":\"ö\"}".getBytes(StandardCharsets.UTF_8), secret);
        assertThat(signature).matches("sha256=[0-9a-f]{64}");
        assertThat(WebhookSignature.of("{\"a\": \"ö\"}".getBytes(StandardCharsets.UTF_8), secret)).isNotEqualTo(signature);
        assertThat(WebhookSignature.of("{\"a\":\"ö\"}".getBytes(StandardCharsets.ISO_8859_1), secret)).isNotEqualTo(signature);
        assertThat(WebhookSignature.of("{\"a\":\"ö\"}".getBytes(StandardCharsets.UTF_8), secret + "x")).isNotEqualTo(signature);
    }
}
