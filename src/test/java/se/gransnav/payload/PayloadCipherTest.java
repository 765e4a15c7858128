package se.gransnav.payload;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import se.gransnav.TestIdentityNumbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadCipherTest {

    private static final String KEY = "JS+adCxoCSobljB8H6BvCWkgfD8csesoTtgDh7ur7hM=";
    private static final String OTHER_KEY = "0iM29+3nJQQEbdf8xVla8IMlNQPmNwqXoIhg25X11Rg=";
    private static final String CONTEXT = "hub.accepted|tracking-1";

    private final String participant = TestIdentityNumbers.fresh();
    private final String body = "{\"participant\":{\"personalIdentityNumber\":\"" + participant + "\"},\"text\":\"Åsa går på AME\"}";
    private final PayloadCipher cipher = new PayloadCipher(KEY, List.of());

    @Test
    void aSealedBodyOpensToTheSameTextAndShowsNothingOfIt() {
        PayloadCipher.Sealed sealed = cipher.seal(body, CONTEXT);

        assertThat(sealed.text()).doesNotContain(participant, "participant", "AME");
        assertThat(sealed.version()).isEqualTo(PayloadCipher.V1);
        assertThat(sealed.keyId()).hasSize(16).isEqualTo(PayloadCipher.keyIdOf(KEY)).isNotEqualTo(PayloadCipher.keyIdOf(OTHER_KEY));
        assertThat(sealed.keyId()).doesNotContain(KEY);
        assertThat(Base64.getDecoder().decode(sealed.text())).hasSize(12 + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 16);
        assertThat(cipher.open(sealed, CONTEXT)).isEqualTo(body);
    }

    @Test
    void twoSealsOfTheSameBodyDiffer() {
        assertThat(cipher.seal(body, CONTEXT).text()).isNotEqualTo(cipher.seal(body, CONTEXT).text());
    }

    @Test
    void anAlteredCiphertextIvOrContextIsRefusedWithoutShowingTheBody() {
        PayloadCipher.Sealed sealed = cipher.seal(body, CONTEXT);
        byte[] bytes = Base64.getDecoder().decode(sealed.text());

        byte[] ciphertext = bytes.clone();
        ciphertext[20] ^= 1;
        byte[] iv = bytes.clone();
        iv[3] ^= 1;
        byte[] tag = bytes.clone();
        tag[tag.length - 1] ^= 1;
        for (byte[] altered : List.of(ciphertext, iv, tag)) {
            PayloadCipher.Sealed tampered = new PayloadCipher.Sealed(Base64.getEncoder().encodeToString(altered),
                    sealed.keyId(), sealed.version());
            assertThatThrownBy(() -> cipher.open(tampered, CONTEXT))
                    .isInstanceOf(PayloadCipher.SealedPayloadException.class)
                    .hasMessageContaining("failed authentication")
                    .hasMessageNotContaining(participant);
        }
        assertThatThrownBy(() -> cipher.open(sealed, "hub.accepted|tracking-2"))
                .as("sealed for another message").isInstanceOf(PayloadCipher.SealedPayloadException.class);
        assertThatThrownBy(() -> cipher.open(new PayloadCipher.Sealed(sealed.text(), sealed.keyId(), "v2"), CONTEXT))
                .isInstanceOf(PayloadCipher.SealedPayloadException.class).hasMessageContaining("unknown format");
        assertThatThrownBy(() -> cipher.open(new PayloadCipher.Sealed("not base64!", sealed.keyId(), "v1"), CONTEXT))
                .isInstanceOf(PayloadCipher.SealedPayloadException.class).hasMessageContaining("not base64");
        assertThatThrownBy(() -> cipher.open(new PayloadCipher.Sealed("", sealed.keyId(), "v1"), CONTEXT))
                .isInstanceOf(PayloadCipher.SealedPayloadException.class).hasMessageContaining("too short");
    }

    @Test
    void anotherKeyCannotOpenItAndSaysWhichKeyIdIsMissing() {
        PayloadCipher.Sealed sealed = cipher.seal(body, CONTEXT);
        PayloadCipher other = new PayloadCipher(OTHER_KEY, List.of());

        assertThatThrownBy(() -> other.open(sealed, CONTEXT))
                .isInstanceOf(PayloadCipher.SealedPayloadException.class)
                .hasMessageContaining(sealed.keyId())
                .hasMessageContaining("gransnav.payloads.previous-keys")
                .hasMessageNotContaining(KEY).hasMessageNotContaining(participant);
        // A forged key id naming the other key does not help either.
        assertThatThrownBy(() -> other.open(new PayloadCipher.Sealed(sealed.text(), other.keyId(), "v1"), CONTEXT))
                .isInstanceOf(PayloadCipher.SealedPayloadException.class).hasMessageContaining("failed authentication");
    }

    @Test
    void aPreviousKeyOpensWhatItSealedButNewSealsUseTheCurrentKey() {
        PayloadCipher.Sealed old = cipher.seal(body, CONTEXT);
        PayloadCipher rotated = new PayloadCipher(OTHER_KEY, List.of(KEY));

        assertThat(rotated.open(old, CONTEXT)).isEqualTo(body);
        PayloadCipher.Sealed fresh = rotated.seal(body, CONTEXT);
        assertThat(fresh.keyId()).isEqualTo(PayloadCipher.keyIdOf(OTHER_KEY));
        assertThatThrownBy(() -> cipher.open(fresh, CONTEXT)).isInstanceOf(PayloadCipher.SealedPayloadException.class);
    }

    @Test
    void aMissingOrMalformedKeyIsRefusedNamingThePropertyNeverTheValue() {
        assertThatThrownBy(() -> new PayloadCipher(null, List.of()))
                .hasMessageContaining("gransnav.payloads.encryption-key is not set")
                .hasMessageContaining("GRANSNAV_PAYLOADS_ENCRYPTION_KEY");
        assertThatThrownBy(() -> new PayloadCipher(" ", List.of()))
                .hasMessageContaining("gransnav.payloads.encryption-key is not set");
        String notBase64 = "this-is-not-base64-%%%-secret";
        assertThatThrownBy(() -> new PayloadCipher(notBase64, List.of()))
                .hasMessageContaining("gransnav.payloads.encryption-key is not base64")
                .hasMessageNotContaining(notBase64);
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new PayloadCipher(short16, List.of()))
                .hasMessageContaining("gransnav.payloads.encryption-key must be the base64 of exactly 32 bytes")
                .hasMessageNotContaining(short16);
        assertThatThrownBy(() -> new PayloadCipher(KEY, List.of(OTHER_KEY, "CHANGE_ME")))
                .hasMessageContaining("gransnav.payloads.previous-keys[1]")
                .hasMessageNotContaining(KEY).hasMessageNotContaining(OTHER_KEY);
    }

    @Test
    void theHubDoesNotStartWithoutAKeyAndNamesTheProperty() {
        // The cipher and its properties as the hub wires them, without starting a whole hub: a
        // second embedded broker in this JVM would take over the shared test hub's JMX names.
        new org.springframework.boot.test.context.runner.ApplicationContextRunner()
                .withUserConfiguration(CipherOnly.class)
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("gransnav.payloads.encryption-key is not set"));
        new org.springframework.boot.test.context.runner.ApplicationContextRunner()
                .withUserConfiguration(CipherOnly.class)
                .withPropertyValues("gransnav.payloads.encryption-key=" + KEY)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(PayloadCipher.class));
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.context.properties.EnableConfigurationProperties(PayloadProperties.class)
    @org.springframework.context.annotation.Import(PayloadCipher.class)
    static class CipherOnly {
    }
}
