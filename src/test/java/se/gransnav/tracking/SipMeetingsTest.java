package se.gransnav.tracking;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import se.gransnav.StoreTestSupport;
import se.gransnav.TestMessages;
import se.gransnav.normalise.MessageType;

import static org.assertj.core.api.Assertions.assertThat;

/** Known SIP meetings on both databases ({@link TestDatabases}). */
class SipMeetingsTest extends StoreTestSupport {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 25, 8, 0, 0, 0, ZoneOffset.UTC);

    private SipMeetings meetings(String name) {
        return new SipMeetings(open(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("se.gransnav.StoreTestSupport#databases")
    void aLaterNoticeAboutAnUnknownMeetingIsFlaggedAndAKnownOneIsNot(String name) {
        SipMeetings meetings = meetings(name);
        var called = TestMessages.sipNotice("uddevalla-elevhalsa", "N-1", "SIP-7", "CALLED");
        var rescheduled = TestMessages.sipNotice("uddevalla-elevhalsa", "N-2", "SIP-7", "RESCHEDULED");
        var cancelledElsewhere = TestMessages.sipNotice("ale-ame", "N-3", "SIP-7", "CANCELLED");

        assertThat(meetings.flag(called, T0)).as("a CALLED is never flagged").isEmpty();
        assertThat(meetings.flag(rescheduled, T0)).hasValueSatisfying(flag -> {
            assertThat(flag.step()).isEqualTo(SipMeetings.FLAGGED);
            assertThat(flag.detail()).contains("RESCHEDULED").doesNotContain("SIP-7");
        });

        meetings.accepted(called, T0);
        meetings.accepted(rescheduled, T0.plusMinutes(1));
        assertThat(meetings.flag(rescheduled, T0)).isEmpty();
        assertThat(meetings.flag(cancelledElsewhere, T0)).as("another sender's meeting of the same id").isPresent();
        assertThat(jdbc().queryForObject("select status from sip_meeting", String.class))
                .isEqualTo("RESCHEDULED");
        assertThat(jdbc().queryForObject("select meeting_key from sip_meeting", String.class))
                .matches("[0-9a-f]{64}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("se.gransnav.StoreTestSupport#databases")
    void otherMessagesAreNeitherFlaggedNorRemembered(String name) {
        SipMeetings meetings = meetings(name);
        var status = TestMessages.of(MessageType.STATUS_UPDATE, "ale-ame", "S-1", TestMessages.ALVKUST, "ref");
        assertThat(meetings.flag(status, T0)).isEmpty();
        meetings.accepted(status, T0);
        assertThat(jdbc().queryForObject("select count(*) from sip_meeting", Integer.class)).isZero();
    }
}
