package se.gransnav.routing;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The delivery adapters of a förbund in {@code config/forbund.yml} ({@code webhook}, {@code fileDrop})
 * and the start-up checks that refuse a webhook that would carry personal data unencrypted or
 * with a weak key.
 */
class ForbundAdapterConfigTest {

    private static final String PSEUDONYM_SECRET = "a-pseudonym-secret-for-tests-0000000000001";
    private static final String WEBHOOK_SECRET = "a-webhook-secret-for-tests-00000000000000002";

    private static Forbund withWebhook(String url, String secret) {
        return new Forbund("a", "A", 16, 64, PSEUDONYM_SECRET, List.of(), new Webhook(URI.create(url), secret), false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://forbund.example.se/hooks/gransnav", "https://10.0.0.5:8443/x",
            "http://127.0.0.1:8099/webhook", "http://localhost/webhook", "http://[::1]:8080/webhook"})
    void httpsAndLoopbackHttpAreAccepted(String url) {
        assertThatNoException().isThrownBy(() -> TestRegistries.forbund(withWebhook(url, WEBHOOK_SECRET)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://forbund.example.se/hooks", "http://10.0.0.5/x", "http://127.0.0.2/x",
            "http://localhost.example.se/x", "ftp://127.0.0.1/x"})
    void plainHttpToAnotherHostOrAnotherSchemeIsRefused(String url) {
        assertThatIllegalStateException()
                .isThrownBy(() -> TestRegistries.forbund(withWebhook(url, WEBHOOK_SECRET)))
                .withMessageContaining("Förbund a")
                .withMessageContaining("must be https");
    }

    @Test
    void aUrlWithoutHostOrWithCredentialsIsRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> TestRegistries.forbund(withWebhook("/relative/path", WEBHOOK_SECRET)))
                .withMessageContaining("absolute https URL");
        assertThatIllegalStateException()
                .isThrownBy(() -> TestRegistries.forbund(withWebhook("https://user:pw@example.se/x", WEBHOOK_SECRET)))
                .withMessageContaining("user name or password")
                .withMessageNotContaining("pw");
    }

    @Test
    void aShortOrMissingSecretIsRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> TestRegistries.forbund(withWebhook("https://example.se/x", "s".repeat(31))))
                .withMessageContaining("webhook secret of at least 32 characters")
                .withMessageNotContaining("sss");
        assertThatIllegalStateException()
                .isThrownBy(() -> TestRegistries.forbund(withWebhook("https://example.se/x", null)))
                .withMessageContaining("webhook secret of at least 32 characters");
        assertThatNoException().isThrownBy(() ->
                TestRegistries.forbund(withWebhook("https://example.se/x", "s".repeat(32))));
    }

    @Test
    void thePseudonymKeyIsNeverTheWebhookSecret() {
        assertThatIllegalStateException()
                .isThrownBy(() -> TestRegistries.forbund(withWebhook("https://example.se/x", PSEUDONYM_SECRET)))
                .withMessageContaining("participantRefSecret as webhook secret")
                .withMessageNotContaining(PSEUDONYM_SECRET);
    }

    @Test
    void theWebhookSecretIsNotInTheWebhooksText() {
        assertThat(new Webhook(URI.create("https://example.se/x"), WEBHOOK_SECRET).toString())
                .doesNotContain(WEBHOOK_SECRET).contains("https://example.se/x");
    }

    @Test
    void webhookAndFileDropAreReadFromTheRegistryFile() {
        String yaml = """
                forbund:
                  - id: a
                    name: A
                    participantRefSecret: ${NO_SUCH_VARIABLE_A:%s}
                    members: [ { municipality: "1489" } ]
                    webhook:
                      url: https://forbund.example.se/hooks
                      secret: ${GRANSNAV_FORBUND_A_WEBHOOK_SECRET_NOT_SET:%s}
                    fileDrop: true
                  - id: b
                    name: B
                    participantRefSecret: b-pseudonym-secret-for-tests-00000000000003
                    members: [ { municipality: "1401" } ]
                """.formatted(PSEUDONYM_SECRET, WEBHOOK_SECRET);
        ForbundRegistry registry = new ForbundRegistry(
                TestRegistries.parseYaml(yaml, ForbundRegistry.ForbundFile.class).toForbund(),
                TestRegistries.municipalities());

        Forbund a = registry.byId("a").orElseThrow();
        assertThat(a.webhook().url()).isEqualTo(URI.create("https://forbund.example.se/hooks"));
        assertThat(a.webhook().secret()).isEqualTo(WEBHOOK_SECRET);
        assertThat(a.fileDrop()).isTrue();
        Forbund b = registry.byId("b").orElseThrow();
        assertThat(b.webhook()).isNull();
        assertThat(b.fileDrop()).isFalse();
    }

    @Test
    void aWebhookWithoutUrlIsRefused() {
        String yaml = """
                forbund:
                  - id: a
                    name: A
                    participantRefSecret: %s
                    members: [ { municipality: "1489" } ]
                    webhook:
                      secret: %s
                """.formatted(PSEUDONYM_SECRET, WEBHOOK_SECRET);
        assertThatIllegalStateException()
                .isThrownBy(() -> TestRegistries.parseYaml(yaml, ForbundRegistry.ForbundFile.class).toForbund())
                .withMessageContaining("webhook without a url");
    }
}
