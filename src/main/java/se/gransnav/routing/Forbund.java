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
 * @param brokerPasswordHashes SHA-256 of each password of the förbund's broker login (user name =
 *                       id), with which it may consume only its own queues, {@code forbund.<id>.*}
 */
public record Forbund(
        String id,
        String name,
        int referralAgeMin,
        int referralAgeMax,
        String participantRefSecret,
        List<Membership> memberships,
        Webhook webhook,
        boolean fileDrop,
        List<byte[]> brokerPasswordHashes) {

    public Forbund {
        memberships = List.copyOf(memberships);
        brokerPasswordHashes = brokerPasswordHashes == null ? List.of() : List.copyOf(brokerPasswordHashes);
    }

    /** A förbund without a broker login. */
    public Forbund(String id, String name, int referralAgeMin, int referralAgeMax, String participantRefSecret,
                   List<Membership> memberships, Webhook webhook, boolean fileDrop) {
        this(id, name, referralAgeMin, referralAgeMax, participantRefSecret, memberships, webhook, fileDrop, List.of());
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
