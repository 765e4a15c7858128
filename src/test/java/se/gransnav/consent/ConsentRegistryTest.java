package se.gransnav.consent;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import se.gransnav.StoreTestSupport;
import se.gransnav.TestMessages;
import se.gransnav.normalise.MessageType;

import static org.assertj.core.api.Assertions.assertThat;
import static se.gransnav.TestMessages.ALVKUST;
import static se.gransnav.TestMessages.GOTEBORG;

/** The consent state on both databases ({@link TestDatabases}). */
class ConsentRegistryTest extends StoreTestSupport {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 25, 8, 0, 0, 0, ZoneOffset.UTC);

    private ConsentRegistry registry(String name) {
        return new ConsentRegistry(open(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("se.gransnav.StoreTestSupport#databases")
    void aWithdrawalStopsEverythingButANewReferralAndItsOwnResend(String name) {
        ConsentRegistry registry = registry(name);
        var status = TestMessages.of(MessageType.STATUS_UPDATE, "kungalv-ame", "S-1", ALVKUST, "ref-a");
        assertThat(registry.stops(status)).isFalse();

        var withdrawal = TestMessages.of(MessageType.CONSENT_WITHDRAWN, "kungalv-ame", "W-1", ALVKUST, "ref-a");
        registry.accepted(withdrawal, T0);
        registry.accepted(withdrawal, T0.plusMinutes(1));

        assertThat(registry.stops(status)).isTrue();
        assertThat(registry.stops(TestMessages.of(MessageType.HANDOVER, "ale-ame", "H-1", ALVKUST, "ref-a"))).isTrue();
        assertThat(registry.stops(TestMessages.of(MessageType.CONSENT_WITHDRAWN, "ale-ame", "W-1", ALVKUST, "ref-a")))
                .as("another partner's withdrawal").isTrue();
        assertThat(registry.stops(withdrawal)).as("the withdrawal itself, resent").isFalse();
        assertThat(registry.stops(TestMessages.of(MessageType.REFERRAL, "kungalv-socialtjanst", "R-1", ALVKUST, "ref-a")))
                .isFalse();
        assertThat(registry.stops(TestMessages.of(MessageType.STATUS_UPDATE, "kungalv-ame", "S-2", ALVKUST, "ref-b")))
                .as("another participant").isFalse();
        assertThat(registry.stops(TestMessages.of(MessageType.STATUS_UPDATE, "kungalv-ame", "S-3", GOTEBORG, "ref-a")))
                .as("another förbund").isFalse();

        registry.accepted(TestMessages.of(MessageType.REFERRAL, "kungalv-socialtjanst", "R-1", ALVKUST, "ref-a"), T0);
        assertThat(registry.stops(status)).isFalse();
        assertThat(jdbc().queryForObject("select count(*) from participant_consent", Integer.class)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("se.gransnav.StoreTestSupport#databases")
    void otherMessagesChangeNothing(String name) {
        ConsentRegistry registry = registry(name);
        registry.accepted(TestMessages.of(MessageType.STATUS_UPDATE, "kungalv-ame", "S-1", ALVKUST, "ref-a"), T0);
        registry.accepted(TestMessages.of(MessageType.HANDOVER, "kungalv-ame", "H-1", ALVKUST, "ref-a"), T0);
        assertThat(jdbc().queryForObject("select count(*) from participant_consent", Integer.class)).isZero();
    }
}
