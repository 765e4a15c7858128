package se.gransnav.routing;

import java.util.List;

/**
 * A samordningsförbund that receives messages about participants living in its member
 * municipalities.
 *
 * @param referralAgeMin youngest age (inclusive) at which a REFERRAL is accepted
 * @param referralAgeMax oldest age (inclusive) at which a REFERRAL is accepted
 * @param participantRefSecret key of the participant pseudonym; never logged or shown
 */
public record Forbund(
        String id,
        String name,
        int referralAgeMin,
        int referralAgeMax,
        String participantRefSecret,
        List<Membership> memberships) {

    public Forbund {
        memberships = List.copyOf(memberships);
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
