package se.gransnav.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import se.gransnav.normalise.Channel;
import se.gransnav.normalise.MessageType;
import se.gransnav.routing.MunicipalityRegistry;
import se.gransnav.routing.TestRegistries;

class PartnerRegistryTest {

    private static final MunicipalityRegistry MUNICIPALITIES = TestRegistries.municipalities();

    private static final String KEY_A = "test-key-a-7f3c9e1b2d4a6f8e0c1b3d5f7a9e2c4b";
    private static final String KEY_B = "test-key-b-0e2d4f6a8c1e3b5d7f9a0c2e4b6d8f1a";
    private static final String KEY_B_NEXT = "test-key-b-next-5a7c9e1f3b5d7a9c1e3f5b7d9a1c3e5f";

    private static Partner partner(String id, String municipality, String... keys) {
        return new Partner(id, "Partner " + id, OrganisationType.AME, municipality,
                EnumSet.allOf(Channel.class), EnumSet.allOf(MessageType.class),
                Arrays.stream(keys).map(PartnerRegistry::sha256).toList());
    }

    private static PartnerRegistry registry(Partner... partners) {
        return new PartnerRegistry(List.of(partners), MUNICIPALITIES);
    }

    private static List<Partner> fromYaml(String yaml) {
        return TestRegistries.parseYaml(yaml, PartnerRegistry.PartnerFile.class).toPartners();
    }

    private static PartnerRegistry real() {
        return new PartnerRegistry(TestRegistries.readYaml("partners.yml", PartnerRegistry.PartnerFile.class)
                .toPartners(), MUNICIPALITIES);
    }

    // --- the real config/partners.yml ------------------------------------------------------------------

    @Test
    void theFiveDemoPartnersAreConfigured() {
        assertThat(real().all()).extracting(Partner::id).containsExactlyInAnyOrder(
                "kungalv-socialtjanst", "kungalv-ame", "ale-ame", "goteborg-socialtjanst", "uddevalla-elevhalsa");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            kungalv-socialtjanst  | MUNICIPALITY  | 1482 | HTTP FILE QUEUE | REFERRAL STATUS_UPDATE HANDOVER CONSENT_WITHDRAWN
            kungalv-ame           | AME           | 1482 | HTTP FILE QUEUE | STATUS_UPDATE HANDOVER CONSENT_WITHDRAWN
            ale-ame               | AME           | 1440 | HTTP FILE QUEUE | STATUS_UPDATE HANDOVER CONSENT_WITHDRAWN
            goteborg-socialtjanst | MUNICIPALITY  | 1480 | HTTP QUEUE      | REFERRAL STATUS_UPDATE HANDOVER CONSENT_WITHDRAWN
            uddevalla-elevhalsa   | SCHOOL_HEALTH | 1485 | HTTP QUEUE      | SIP_MEETING_NOTICE HANDOVER CONSENT_WITHDRAWN
            """)
    void demoPartnerHasItsTypeMunicipalityChannelsAndMessageTypes(String id, OrganisationType type,
                                                                  String municipality, String channels,
                                                                  String messageTypes) {
        Partner partner = real().byId(id).orElseThrow();
        assertThat(partner.organisationType()).isEqualTo(type);
        assertThat(partner.municipalityCode()).isEqualTo(municipality);
        assertThat(partner.channels()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(channels.split(" ")).map(Channel::valueOf).toList());
        assertThat(partner.messageTypes()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(messageTypes.split(" ")).map(MessageType::valueOf).toList());
        for (Channel c : Channel.values()) {
            assertThat(partner.mayUse(c)).isEqualTo(channels.contains(c.name()));
        }
        for (MessageType t : MessageType.values()) {
            assertThat(partner.maySend(t)).isEqualTo(messageTypes.contains(t.name()));
        }
        assertThat(partner.apiKeyHashes()).singleElement().satisfies(h -> assertThat(h).hasSize(32));
        assertThat(partner.toString()).isEqualTo("Partner[" + id + "]");
    }

    @Test
    void theRealRegistryDoesNotAcceptMadeUpKeys() {
        PartnerRegistry registry = real();
        assertThat(registry.authenticate(KEY_A)).isEmpty();
        assertThat(registry.authenticate("kungalv-ame")).isEmpty();
        assertThat(registry.byId("no-such-partner")).isEmpty();
    }

    // --- authentication --------------------------------------------------------------------------------

    @Test
    void theCorrectKeyReturnsItsPartner() {
        PartnerRegistry registry = registry(partner("a", "1482", KEY_A), partner("b", "1440", KEY_B));
        assertThat(registry.authenticate(KEY_A)).map(Partner::id).contains("a");
        assertThat(registry.authenticate(KEY_B)).map(Partner::id).contains("b");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"wrong", " " + KEY_A, KEY_A + " ", KEY_A + "x", "TEST-KEY-A-7F3C9E1B2D4A6F8E0C1B3D5F7A9E2C4B"})
    void aWrongEmptyOrMissingKeyAuthenticatesNobody(String key) {
        PartnerRegistry registry = registry(partner("a", "1482", KEY_A), partner("b", "1440", KEY_B));
        assertThat(registry.authenticate(key)).isEmpty();
    }

    @Test
    void anEmptyKeyNeverAuthenticatesEvenIfItsHashWasConfigured() {
        PartnerRegistry registry = registry(partner("careless", "1482", ""));
        assertThat(registry.byId("careless").orElseThrow().apiKeyHashes()).hasSize(1);
        assertThat(registry.authenticate("")).isEmpty();
    }

    @Test
    void theHashItselfIsNotAKey() {
        PartnerRegistry registry = registry(partner("a", "1482", KEY_A));
        assertThat(registry.authenticate(PartnerRegistry.hashForConfig(KEY_A))).isEmpty();
        assertThat(registry.authenticate(PartnerRegistry.hashForConfig(KEY_A).substring("sha256:".length()))).isEmpty();
    }

    @Test
    void twoKeysAreValidForOnePartnerDuringARotation() {
        PartnerRegistry registry = registry(partner("a", "1482", KEY_A), partner("b", "1440", KEY_B, KEY_B_NEXT));
        assertThat(registry.authenticate(KEY_B)).map(Partner::id).contains("b");
        assertThat(registry.authenticate(KEY_B_NEXT)).map(Partner::id).contains("b");
        assertThat(registry.authenticate(KEY_A)).map(Partner::id).contains("a");
    }

    @Test
    void aKeyRevokedAtTheEndOfARotationNoLongerAuthenticates() {
        // The operator removes the old key's hash from partners.yml and restarts the hub.
        PartnerRegistry afterRotation = registry(partner("a", "1482", KEY_A), partner("b", "1440", KEY_B_NEXT));
        assertThat(afterRotation.authenticate(KEY_B)).isEmpty();
        assertThat(afterRotation.authenticate(KEY_B_NEXT)).map(Partner::id).contains("b");
    }

    @Test
    void aPartnerWithoutKeysCannotAuthenticate() {
        PartnerRegistry registry = registry(partner("a", "1482"));
        assertThat(registry.byId("a")).isPresent();
        assertThat(registry.authenticate(KEY_A)).isEmpty();
    }

    @Test
    void hashForConfigIsSha256InHex() {
        // FIPS 180-2 test vector
        assertThat(PartnerRegistry.hashForConfig("abc"))
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(HexFormat.of().formatHex(PartnerRegistry.sha256("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(PartnerRegistry.hashForConfig(KEY_A)).matches("sha256:[0-9a-f]{64}").doesNotContain(KEY_A);
    }

    // --- the file form ---------------------------------------------------------------------------------

    @Test
    void keysHashedForTheFileAuthenticateInEitherCase() {
        String upperCaseHash = "sha256:" + PartnerRegistry.hashForConfig(KEY_B).substring(7).toUpperCase();
        List<Partner> partners = fromYaml("""
                partners:
                  - id: file-partner
                    name: Från fil
                    organisationType: AMI
                    municipality: "1482"
                    channels: [FILE]
                    messageTypes: [STATUS_UPDATE]
                    apiKeyHashes:
                      - %s
                      - %s
                """.formatted(PartnerRegistry.hashForConfig(KEY_A), upperCaseHash));
        PartnerRegistry registry = new PartnerRegistry(partners, MUNICIPALITIES);
        assertThat(registry.authenticate(KEY_A)).map(Partner::id).contains("file-partner");
        assertThat(registry.authenticate(KEY_B)).map(Partner::id).contains("file-partner");
        Partner p = registry.byId("file-partner").orElseThrow();
        assertThat(p.organisationType()).isEqualTo(OrganisationType.AMI);
        assertThat(p.channels()).containsExactly(Channel.FILE);
        assertThat(p.messageTypes()).containsExactly(MessageType.STATUS_UPDATE);
    }

    @Test
    void aPartnerWithoutAMunicipalityIsFine() {
        List<Partner> partners = fromYaml("""
                partners:
                  - id: af-rusta
                    name: Arbetsförmedlingen
                    organisationType: EMPLOYMENT_SERVICE
                    channels: [HTTP]
                    messageTypes: [HANDOVER]
                """);
        PartnerRegistry registry = new PartnerRegistry(partners, MUNICIPALITIES);
        assertThat(registry.byId("af-rusta")).map(Partner::municipalityCode).isEmpty();
        assertThat(registry.byId("af-rusta")).map(Partner::apiKeyHashes).contains(List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256:xyz", "sha256:", "sha1:a9993e364706816aba3e25717850c26c9cd0d89d",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015adde",
            "sha256:zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"})
    void aMalformedHashInTheFileThrows(String hash) {
        String yaml = """
                partners:
                  - id: bad-hash
                    name: Fel
                    organisationType: AME
                    channels: [HTTP]
                    messageTypes: [STATUS_UPDATE]
                    apiKeyHashes: ["%s"]
                """.formatted(hash);
        assertThatIllegalStateException()
                .isThrownBy(() -> fromYaml(yaml))
                .withMessageContaining("Partner bad-hash has an API key hash that is not sha256:<64 hex digits>");
    }

    // --- start-up checks -------------------------------------------------------------------------------

    @Test
    void anUnknownMunicipalityThrows() {
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(partner("a", "9999", KEY_A)))
                .withMessageContaining("Partner a has municipality 9999, which is not a Swedish municipality code");
    }

    @Test
    void aDuplicateIdThrows() {
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(partner("a", "1482", KEY_A), partner("a", "1440", KEY_B)))
                .withMessageContaining("Partner a is configured twice");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Kungalv-ame", "kungälv-ame", "-ame", "kungalv ame", "kungalv_ame"})
    void aBadIdThrows(String id) {
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(partner(id, "1482", KEY_A)))
                .withMessageContaining("must be lower-case letters, digits and -");
    }

    @Test
    void aMissingOrganisationTypeThrows() {
        Partner p = new Partner("a", "A", null, "1482", Set.of(Channel.HTTP), Set.of(MessageType.REFERRAL), List.of());
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(p))
                .withMessageContaining("Partner a has no organisationType");
    }

    @Test
    void validPartnersAreAccepted() {
        assertThatNoException().isThrownBy(() -> registry(partner("a", "1482", KEY_A), partner("b", null, KEY_B)));
    }

    @Test
    void statusFilesAreUtf8UnlessThePartnerSaysWindows1252() {
        assertThat(real().byId("kungalv-ame").orElseThrow().statusFileCharset())
                .isEqualTo(java.nio.charset.Charset.forName("windows-1252"));
        assertThat(real().byId("ale-ame").orElseThrow().statusFileCharset())
                .isEqualTo(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(fromYaml("""
                partners:
                  - id: x
                    organisationType: AME
                    statusFileCharset: CP1252
                """).get(0).statusFileCharset()).isEqualTo(java.nio.charset.Charset.forName("windows-1252"));
        assertThatIllegalStateException().isThrownBy(() -> fromYaml("""
                partners:
                  - id: x
                    organisationType: AME
                    statusFileCharset: ISO-8859-15
                """)).withMessageContaining("statusFileCharset");
    }
}
