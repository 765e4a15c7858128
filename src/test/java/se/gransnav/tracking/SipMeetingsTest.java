package se.gransnav.tracking;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import se.gransnav.TestDatabases;
import se.gransnav.TestMessages;
import se.gransnav.normalise.MessageType;

import static org.assertj.core.api.Assertions.assertThat;

/** Known SIP meetings on both databases ({@link TestDatabases}). */
class SipMeetingsTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 25, 8, 0, 0, 0, ZoneOffset.UTC);

    private TestDatabases database;

    static Stream<Arguments> databases() {
        return TestDatabases.both();
    }

    @AfterEach
    void drop() {
        if (database != null) {
            database.close();
        }
    }

    private SipMeetings meetings(String name) {
        database = TestDatabases.open(name);
        return new SipMeetings(database.jdbc());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
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
        assertThat(database.jdbc().queryForObject("select status from sip_meeting", String.class))
                .isEqualTo("RESCHEDULED");
        assertThat(database.jdbc().queryForObject("select meeting_key from sip_meeting", String.class))
                .matches("[0-9a-f]{64}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void otherMessagesAreNeitherFlaggedNorRemembered(String name) {
        SipMeetings meetings = meetings(name);
        var status = TestMessages.of(MessageType.STATUS_UPDATE, "ale-ame", "S-1", TestMessages.ALVKUST, "ref");
        assertThat(meetings.flag(status, T0)).isEmpty();
        meetings.accepted(status, T0);
        assertThat(database.jdbc().queryForObject("select count(*) from sip_meeting", Integer.class)).isZero();
    }
}
