package se.gransnav.consent;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import se.gransnav.normalise.ConsentGate;
import se.gransnav.normalise.MessageType;
import se.gransnav.normalise.ValidatedMessage;

/**
 * The consent lifecycle of contract section 3. A CONSENT_WITHDRAWN, once the hub has accepted it,
 * closes the participant's door to that förbund: every further message about them is HUB-009,
 * until a new REFERRAL (which always carries consent) opens it again. The state is kept per förbund
 * under the pseudonymous participant reference, in the database, so it survives a restart.
 *
 * <p>The withdrawal itself is forwarded, and a resend of that very message (same partner and
 * messageId) is let through to the duplicate check rather than rejected.
 */
@Repository
public class ConsentRegistry implements ConsentGate {

    private final JdbcTemplate jdbc;

    ConsentRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean stops(ValidatedMessage message) {
        if (message.type() == MessageType.REFERRAL) {
            return false;
        }
        List<String> withdrawnBy = jdbc.query("select partner_id, message_id from participant_consent "
                        + "where forbund_id = ? and participant_ref = ?",
                (rs, i) -> rs.getString("partner_id") + "\n" + rs.getString("message_id"),
                message.forbund().id(), message.participantRef());
        return !withdrawnBy.isEmpty()
                && !withdrawnBy.get(0).equals(message.partner().id() + "\n" + message.messageId());
    }

    /** Records what an accepted message changes: a withdrawal closes, a referral opens. */
    public void accepted(ValidatedMessage message, OffsetDateTime at) {
        if (message.type() == MessageType.REFERRAL) {
            jdbc.update("delete from participant_consent where forbund_id = ? and participant_ref = ?",
                    message.forbund().id(), message.participantRef());
        } else if (message.type() == MessageType.CONSENT_WITHDRAWN) {
            // Withdrawn before (a resend of the withdrawal): the first withdrawal stands. No insert
            // that fails on the key: on PostgreSQL that would spoil the surrounding transaction.
            jdbc.update("insert into participant_consent (forbund_id, participant_ref, partner_id, message_id, "
                            + "withdrawn_at) select ?, ?, ?, ?, ? where not exists (select 1 from participant_consent "
                            + "where forbund_id = ? and participant_ref = ?)", message.forbund().id(),
                    message.participantRef(), message.partner().id(), message.messageId(), at,
                    message.forbund().id(), message.participantRef());
        }
    }
}
