package se.gransnav.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import se.gransnav.normalise.MessageType;
import se.gransnav.normalise.ValidatedMessage;

/**
 * The SIP meetings the hub has forwarded, so that a RESCHEDULED or CANCELLED notice about a
 * meeting it has not seen is flagged in the tracking journey. Such a notice is still accepted and
 * forwarded (contract section 3): the förbund may have the CALLED from elsewhere. A meeting is
 * known by its sender and the sender's meetingId, stored only as a hash of the two.
 */
@Repository
public class SipMeetings {

    /** The journey step of a notice about a meeting the hub has not seen. */
    public static final String FLAGGED = "FLAGGED";

    private final JdbcTemplate jdbc;

    SipMeetings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The flag for the journey of this message, if it is a notice about an unknown meeting. */
    public Optional<TrackingEvent> flag(ValidatedMessage message, OffsetDateTime at) {
        String status = status(message);
        if (status == null || "CALLED".equals(status)) {
            return Optional.empty();
        }
        Integer known = jdbc.queryForObject("select count(*) from sip_meeting where meeting_key = ?", Integer.class,
                key(message));
        if (known != null && known > 0) {
            return Optional.empty();
        }
        return Optional.of(new TrackingEvent(at, FLAGGED, null,
                status + " notice for a meetingId the hub has not seen; forwarded"));
    }

    /** Remembers the meeting of an accepted SIP notice and its latest status. */
    public void accepted(ValidatedMessage message, OffsetDateTime at) {
        String status = status(message);
        if (status == null) {
            return;
        }
        String key = key(message);
        if (jdbc.update("update sip_meeting set status = ?, updated_at = ? where meeting_key = ?", status, at, key) == 0) {
            jdbc.update("insert into sip_meeting (meeting_key, forbund_id, status, updated_at) select ?, ?, ?, ? "
                    + "where not exists (select 1 from sip_meeting where meeting_key = ?)",
                    key, message.forbund().id(), status, at, key);
        }
    }

    private static String status(ValidatedMessage message) {
        if (message.type() != MessageType.SIP_MEETING_NOTICE) {
            return null;
        }
        return message.message().path("sipMeeting").path("status").asText(null);
    }

    static String key(ValidatedMessage message) {
        String meetingId = message.message().path("sipMeeting").path("meetingId").asText();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    ("gransnav-sip-meeting\n" + message.partner().id() + "\n" + meetingId)
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
