package se.gransnav.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import se.gransnav.normalise.Channel;
import se.gransnav.normalise.MessageType;
import se.gransnav.routing.TestRegistries;

/**
 * Client certificates in {@code partners.yml}: how their fingerprints are read, and which partner a
 * request is from given its API key and its (TLS-verified) client certificate.
 */
class PartnerRegistryClientCertificateTest {

    /** Made once with keytool -genkeypair (EC P-256, valid 100 years); never used for TLS. */
    private static final X509Certificate CERT_A = certificate("""
            -----BEGIN CERTIFICATE-----
            MIIBhjCCAS2gAwIBAgIIITTbgQy7jgUwCgYIKoZIzj0EAwIwNzEXMBUGA1UEChMO
            R3JhbnNuYXYgdGVzdHMxHDAaBgNVBAMTE3VuaXQtdGVzdC1wYXJ0bmVyLWEwIBcN
            MjYxMTI5MTQ0MDMzWhgPMjEyNjExMDUxNDQwMzNaMDcxFzAVBgNVBAoTDkdyYW5z
            bmF2IHRlc3RzMRwwGgYDVQQDExN1bml0LXRlc3QtcGFydG5lci1hMFkwEwYHKoZI
            zj0CAQYIKoZIzj0DAQcDQgAE8jB/n9yK9gio9N2AILeV1t6mYRosXiO0kwAwFIDr
            JagGlCndHad3NGE2nXp6kkODaN3tOQRbMyekY0VjxoISIKMhMB8wHQYDVR0OBBYE
            FCMG8f/ByEOwYFVn5mtKKo2Mb9LZMAoGCCqGSM49BAMCA0cAMEQCID/Xgh/+SUUA
            OOSU4CcOxbzAEt2U5+Tk70hwkurFZE8BAiA5C+TGnQWSfL/wDPmOwfFXkqDMl0y+
            WlZKkEAoMRG9Bw==
            -----END CERTIFICATE-----
            """);
    private static final X509Certificate CERT_B = certificate("""
            -----BEGIN CERTIFICATE-----
            MIIBiDCCAS2gAwIBAgIIIeuJrzqcF9UwCgYIKoZIzj0EAwIwNzEXMBUGA1UEChMO
            R3JhbnNuYXYgdGVzdHMxHDAaBgNVBAMTE3VuaXQtdGVzdC1wYXJ0bmVyLWIwIBcN
            MjYxMTI5MTQ0MDM4WhgPMjEyNjExMDUxNDQwMzhaMDcxFzAVBgNVBAoTDkdyYW5z
            bmF2IHRlc3RzMRwwGgYDVQQDExN1bml0LXRlc3QtcGFydG5lci1iMFkwEwYHKoZI
            zj0CAQYIKoZIzj0DAQcDQgAEN6ikXVVXuKxrrSKZ3svbjhRF53EnlLNljVL32uRI
            cCAfNQA2eS3aBpRF8wcsTU3UM2emqqPITGk1RQJ0l0MW5KMhMB8wHQYDVR0OBBYE
            FMvlzFEKAY0UQCPxTiwmJ7Vq8/1pMAoGCCqGSM49BAMCA0kAMEYCIQDY2U/JoNAw
            SOJsxgrYtkmcwv1MDZXYb9ebFMCSdR8lOQIhAJcGXzGGaqCAxy+DsAFNFjQS9BSB
            2NYg/cKSNBnsmDsW
            -----END CERTIFICATE-----
            """);
    /** What `openssl x509 -noout -fingerprint -sha256` printed for CERT_A (and keytool -printcert agreed). */
    private static final String OPENSSL_FINGERPRINT_A =
            "EF:CD:56:4B:67:9F:B7:3D:8B:A4:78:7D:F5:E9:CD:24:38:48:67:44:55:B0:4B:5C:A6:E0:0F:BE:3E:F7:03:4B";
    private static final String PIN_A = "sha256:efcd564b679fb73d8ba4787df5e9cd243848674455b04b5ca6e00fbe3ef7034b";
    private static final String PIN_B = "sha256:bac21d117319b057f43f909e1e170148f301f0c321db2ca0b094dc01978f453b";

    private static final String KEY_A = "test-key-a-7f3c9e1b2d4a6f8e0c1b3d5f7a9e2c4b";
    private static final String KEY_B = "test-key-b-0e2d4f6a8c1e3b5d7f9a0c2e4b6d8f1a";

    private static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Partner> fromYaml(String yaml) {
        return TestRegistries.parseYaml(yaml, PartnerRegistry.PartnerFile.class).toPartners();
    }

    private static PartnerRegistry registry(String yaml) {
        return new PartnerRegistry(fromYaml(yaml), TestRegistries.municipalities());
    }

    private static Partner partner(String id, String key, boolean requireCertificate, String... pins) {
        return new Partner(id, "Partner " + id, OrganisationType.AME, "1482", EnumSet.allOf(Channel.class),
                EnumSet.allOf(MessageType.class), key == null ? List.of() : List.of(PartnerRegistry.sha256(key)),
                StandardCharsets.UTF_8,
                java.util.Arrays.stream(pins).map(p -> PartnerRegistry.parseFingerprint(id, p)).toList(),
                requireCertificate);
    }

    /** a: key A and certificate A; b: key B and certificate B, and b must present its certificate. */
    private static PartnerRegistry twoPartners() {
        return new PartnerRegistry(List.of(partner("a", KEY_A, false, PIN_A), partner("b", KEY_B, true, PIN_B)),
                TestRegistries.municipalities());
    }

    // --- fingerprints ----------------------------------------------------------------------------------

    @Test
    void theFingerprintIsTheSha256OfTheDerCertificateAsOpensslPrintsIt() {
        assertThat(PartnerRegistry.fingerprintForConfig(CERT_A)).isEqualTo(PIN_A);
        assertThat(PartnerRegistry.fingerprintForConfig(CERT_B)).isEqualTo(PIN_B);
        assertThat(PartnerRegistry.fingerprintForConfig(CERT_A))
                .isEqualTo("sha256:" + OPENSSL_FINGERPRINT_A.replace(":", "").toLowerCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sha256:efcd564b679fb73d8ba4787df5e9cd243848674455b04b5ca6e00fbe3ef7034b",
            "sha256:EFCD564B679FB73D8BA4787DF5E9CD243848674455B04B5CA6E00FBE3EF7034B",
            "sha256:EF:CD:56:4B:67:9F:B7:3D:8B:A4:78:7D:F5:E9:CD:24:38:48:67:44:55:B0:4B:5C:A6:E0:0F:BE:3E:F7:03:4B"})
    void aFingerprintIsReadInLowerOrUpperCaseWithOrWithoutColons(String pin) {
        assertThat(HexFormat.of().formatHex(PartnerRegistry.parseFingerprint("a", pin)))
                .isEqualTo(PIN_A.substring("sha256:".length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "efcd564b679fb73d8ba4787df5e9cd243848674455b04b5ca6e00fbe3ef7034b",
            "sha1:efcd564b679fb73d8ba4787df5e9cd243848674455b04b5ca6e00fbe3ef7034b",
            "sha256:efcd564b679fb73d8ba4787df5e9cd243848674455b04b5ca6e00fbe3ef703",
            "sha256:efcd564b679fb73d8ba4787df5e9cd243848674455b04b5ca6e00fbe3ef7034b00",
            "sha256:EF:CD564B679FB73D8BA4787DF5E9CD243848674455B04B5CA6E00FBE3EF7034B",
            "sha256:zfcd564b679fb73d8ba4787df5e9cd243848674455b04b5ca6e00fbe3ef7034b",
            "sha256:"})
    void aMalformedFingerprintStopsTheStart(String pin) {
        assertThatIllegalStateException()
                .isThrownBy(() -> fromYaml("""
                        partners:
                          - id: x
                            organisationType: AME
                            clientCertificates: ["%s"]
                        """.formatted(pin)))
                .withMessageContaining("Partner x has a client certificate that is not sha256:<64 hex digits>");
    }

    @Test
    void certificatesAndTheRequirementAreReadFromTheFile() {
        PartnerRegistry registry = registry("""
                partners:
                  - id: x
                    organisationType: AME
                    clientCertificates:
                      - %s
                      - %s
                    requireClientCertificate: true
                  - id: y
                    organisationType: AME
                """.formatted(PIN_A, PIN_B));
        Partner x = registry.byId("x").orElseThrow();
        assertThat(x.requireClientCertificate()).isTrue();
        assertThat(x.clientCertificates()).hasSize(2);
        assertThat(registry.byClientCertificate(CERT_A)).contains(x);
        assertThat(registry.byClientCertificate(CERT_B)).as("two at once, for a renewal").contains(x);
        Partner y = registry.byId("y").orElseThrow();
        assertThat(y.requireClientCertificate()).isFalse();
        assertThat(y.clientCertificates()).isEmpty();
    }

    @Test
    void theDemoPartnersHaveNoCertificates() {
        for (Partner p : new PartnerRegistry(TestRegistries.readYaml("partners.yml", PartnerRegistry.PartnerFile.class)
                .toPartners(), TestRegistries.municipalities()).all()) {
            assertThat(p.clientCertificates()).as(p.id()).isEmpty();
            assertThat(p.requireClientCertificate()).as(p.id()).isFalse();
        }
    }

    @Test
    void aCertificateOfTwoPartnersStopsTheStart() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new PartnerRegistry(List.of(partner("a", KEY_A, false, PIN_A),
                        partner("b", KEY_B, false, PIN_B, PIN_A)), TestRegistries.municipalities()))
                .withMessageContaining("Partner b has a client certificate that partner a has too");
        assertThatIllegalStateException()
                .isThrownBy(() -> new PartnerRegistry(List.of(partner("a", KEY_A, false, PIN_A, PIN_A.toUpperCase(
                        java.util.Locale.ROOT).replace("SHA256:", "sha256:"))), TestRegistries.municipalities()))
                .withMessageContaining("Partner a has a client certificate that it lists twice");
    }

    @Test
    void requiringACertificateWithoutAnyStopsTheStart() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new PartnerRegistry(List.of(partner("a", KEY_A, true)), TestRegistries.municipalities()))
                .withMessageContaining("Partner a has requireClientCertificate but no clientCertificates");
    }

    // --- who is calling ---------------------------------------------------------------------------------

    @Test
    void aCertificateAloneIsItsPartner() {
        assertThat(twoPartners().authenticate(null, CERT_A)).map(Partner::id).contains("a");
        assertThat(twoPartners().authenticate(null, CERT_B)).map(Partner::id).contains("b");
    }

    @Test
    void aCertificateWithItsPartnersKeyIsThatPartner() {
        assertThat(twoPartners().authenticate(KEY_A, CERT_A)).map(Partner::id).contains("a");
        assertThat(twoPartners().authenticate(KEY_B, CERT_B)).map(Partner::id).contains("b");
    }

    @Test
    void aKeyAloneIsItsPartnerUnlessThatPartnerMustPresentItsCertificate() {
        assertThat(twoPartners().authenticate(KEY_A, null)).map(Partner::id).contains("a");
        assertThat(twoPartners().authenticate(KEY_B, null)).isEmpty();
    }

    @Test
    void aCertificateOfOnePartnerWithTheKeyOfAnotherIsNobody() {
        assertThat(twoPartners().authenticate(KEY_B, CERT_A)).isEmpty();
        assertThat(twoPartners().authenticate(KEY_A, CERT_B)).isEmpty();
    }

    @Test
    void aCertificatePinnedForNoPartnerIsNobodyEvenWithAGoodKey() {
        PartnerRegistry onlyA = new PartnerRegistry(List.of(partner("a", KEY_A, false, PIN_A), partner("c", KEY_B, false)),
                TestRegistries.municipalities());
        assertThat(onlyA.authenticate(null, CERT_B)).isEmpty();
        assertThat(onlyA.authenticate(KEY_A, CERT_B)).isEmpty();
        assertThat(onlyA.authenticate(KEY_B, CERT_B)).isEmpty();
    }

    @Test
    void aWrongKeyIsNobodyEvenWithAGoodCertificate() {
        assertThat(twoPartners().authenticate("not-a-key", CERT_A)).isEmpty();
        assertThat(twoPartners().authenticate("", CERT_A)).isEmpty();
    }

    @Test
    void neitherKeyNorCertificateIsNobody() {
        assertThat(twoPartners().authenticate(null, null)).isEmpty();
    }
}
