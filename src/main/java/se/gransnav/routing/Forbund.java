package se.gransnav.routing;

import java.util.List;

/**
 * A samordningsförbund that receives messages about participants living in its member
 * municipalities.
 *
 * @param referralAgeMin youngest age (inclusive) at which a REFERRAL is accepted
 * @param referralAgeMax oldest age (inclusive) at which a REFERRAL is accepted
 * @param participantRefSecret key of the participant pseudonym; never logged or shown
 * @param webhook        the förbund's webhook, or null for none
 * @param fileDrop       whether messages are also written to the förbund's folder in the outbox
 */
public record Forbund(
        String id,
        String name,
        int referralAgeMin,
        int referralAgeMax,
        String participantRefSecret,
        List<Membership> memberships,
        Webhook webhook,
        boolean fileDrop) {

    public Forbund {
        memberships = List.copyOf(memberships);
    }

    /** A förbund served by its queue only (no webhook, no file drop). */
    public Forbund(String id, String name, int referralAgeMin, int referralAgeMax, String participantRefSecret,
                   List<Membership> memberships) {
        this(id, name, referralAgeMin, referralAgeMax, participantRefSecret, memberships, null, false);
    }

    /** The queue every message for this förbund is delivered to (contract section 7). */
    public String inboxQueue() {
        return "forbund." + id + ".inbox";
    }

    @Override
    public String toString() {
        return "Forbund[" + id + "]";
    }
}
