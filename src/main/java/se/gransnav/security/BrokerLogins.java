package se.gransnav.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.Set;

import javax.security.auth.Subject;

import org.apache.activemq.artemis.core.management.impl.ManagementRemotingConnection;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

import se.gransnav.normalise.Channel;
import se.gransnav.routing.Forbund;
import se.gransnav.routing.ForbundRegistry;
import se.gransnav.system.QueueNames;

/**
 * Who may log in to the embedded broker, and what each may do there. Nobody without a login (no
 * guest):
 * <ul>
 *   <li>the hub itself: its in-VM connections (only code in the hub's JVM can make one), and over
 *       TCP the user {@code gransnav.broker.hub-user} with the password whose hash is
 *       {@code gransnav.broker.hub-password-hash} (for operators' tools; none when unset) — everything;</li>
 *   <li>a partner allowed the QUEUE channel: user name = partner id, password = one of its API keys
 *       — send to {@code hub.intake.<id>}, consume and browse {@code hub.receipts.<id>}, nothing else;</li>
 *   <li>a förbund with {@code brokerPasswordHashes} in forbund.yml: user name = förbund id — consume
 *       and browse {@code forbund.<id>.*}, nothing else.</li>
 * </ul>
 * Passwords are compared as SHA-256 hashes in constant time; none is stored in clear.
 */
final class BrokerLogins implements ActiveMQSecurityManager5 {

    private final String hubUser;
    private final byte[] hubPasswordHash;
    private final PartnerRegistry partners;
    private final ForbundRegistry forbund;

    BrokerLogins(String hubUser, String hubPasswordHash, PartnerRegistry partners, ForbundRegistry forbund) {
        this.hubUser = hubUser;
        this.hubPasswordHash = hubPasswordHash == null || hubPasswordHash.isBlank() ? null : parse(hubPasswordHash);
        this.partners = partners;
        this.forbund = forbund;
    }

    /** Who a broker session belongs to. */
    record BrokerUser(Kind kind, String id) implements Principal {
        enum Kind { HUB, PARTNER, FORBUND }

        /** Unique across kinds (a partner and a förbund may share an id): Artemis caches permissions by it. */
        @Override
        public String getName() {
            return kind == Kind.HUB ? "hub" : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
        }
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        BrokerUser who = identify(user, password, connection);
        if (who == null) {
            return null;
        }
        Subject subject = new Subject();
        subject.getPrincipals().add(who);
        // Artemis expects its own user principal (it names the user in its logs and audit).
        subject.getPrincipals().add(new UserPrincipal(who.getName()));
        return subject;
    }

    BrokerUser identify(String user, String password, RemotingConnection connection) {
        if (connection != null && (connection instanceof ManagementRemotingConnection
                || connection.getTransportConnection() instanceof InVMConnection)) {
            return new BrokerUser(BrokerUser.Kind.HUB, null);
        }
        if (user == null || password == null) {
            return null;
        }
        byte[] presented = sha256(password);
        if (user.equals(hubUser) && hubPasswordHash != null && MessageDigest.isEqual(hubPasswordHash, presented)) {
            return new BrokerUser(BrokerUser.Kind.HUB, null);
        }
        Partner partner = partners.byId(user).orElse(null);
        if (partner != null && partner.mayUse(Channel.QUEUE)
                && partner.apiKeyHashes().stream().anyMatch(hash -> MessageDigest.isEqual(hash, presented))) {
            return new BrokerUser(BrokerUser.Kind.PARTNER, partner.id());
        }
        Forbund f = forbund.byId(user).orElse(null);
        if (f != null && f.brokerPasswordHashes().stream().anyMatch(hash -> MessageDigest.isEqual(hash, presented))) {
            return new BrokerUser(BrokerUser.Kind.FORBUND, f.id());
        }
        return null;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        BrokerUser who = subject == null ? null : subject.getPrincipals(BrokerUser.class).stream().findFirst().orElse(null);
        return who != null && allowed(who, checkType, address);
    }

    /** The rules themselves; {@code address} may be an address or a fully qualified {@code address::queue}. */
    static boolean allowed(BrokerUser who, CheckType checkType, String address) {
        if (who.kind() == BrokerUser.Kind.HUB) {
            return true;
        }
        if (address == null) {
            return false;
        }
        String[] parts = address.split("::", 2);
        String bare = parts[0];
        String queue = parts.length > 1 ? parts[1] : bare;
        boolean reading = checkType == CheckType.CONSUME || checkType == CheckType.BROWSE;
        return switch (who.kind()) {
            case PARTNER -> (checkType == CheckType.SEND && bare.equals(QueueNames.intake(who.id())) && queue.equals(bare))
                    || (reading && bare.equals(QueueNames.receipts(who.id())) && queue.equals(bare));
            case FORBUND -> reading && bare.startsWith("forbund." + who.id() + ".") && queue.startsWith("forbund." + who.id() + ".");
            case HUB -> true;
        };
    }

    @Override
    public String getUserFromSubject(Subject subject) {
        return subject == null ? null : subject.getPrincipals(BrokerUser.class).stream()
                .findFirst().map(BrokerUser::getName).orElse(null);
    }

    @Override
    public boolean validateUser(String user, String password) {
        return identify(user, password, null) != null;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false; // superseded by authenticate/authorize above, which Artemis calls instead
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] parse(String hash) {
        if (!hash.matches("sha256:[0-9a-fA-F]{64}")) {
            throw new IllegalStateException("gransnav.broker.hub-password-hash must be sha256:<64 hex digits>");
        }
        return HexFormat.of().parseHex(hash.substring("sha256:".length()));
    }
}
