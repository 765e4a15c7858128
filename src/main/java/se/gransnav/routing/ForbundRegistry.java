package se.gransnav.routing;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import se.gransnav.system.ConfigFileReader;
import se.gransnav.system.RegistryProperties;

/**
 * The förbund and their memberships, read from {@code config/forbund.yml} at start. The file is
 * checked as a whole: an unknown municipality code, two förbund claiming the same municipality on
 * the same day, or a weak or shared pseudonym secret stops the hub from starting rather than
 * misrouting a message. So does a webhook that would send messages unencrypted or with a weak key.
 */
@Component
public class ForbundRegistry {

    static final int MIN_SECRET_LENGTH = 32;
    /** The only hosts a webhook may reach over plain http. */
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    private final Map<String, Forbund> byId;

    @Autowired
    ForbundRegistry(ConfigFileReader files, RegistryProperties properties, MunicipalityRegistry municipalities) {
        this(files.yaml(properties.forbund(), ForbundFile.class).toForbund(), municipalities);
    }

    ForbundRegistry(List<Forbund> forbund, MunicipalityRegistry municipalities) {
        Map<String, Forbund> map = new LinkedHashMap<>();
        Set<String> secrets = new HashSet<>();
        for (Forbund f : forbund) {
            check(f, municipalities);
            if (map.put(f.id(), f) != null) {
                throw new IllegalStateException("Förbund " + f.id() + " is configured twice");
            }
            if (!secrets.add(f.participantRefSecret())) {
                throw new IllegalStateException("Förbund " + f.id()
                        + " shares its participantRefSecret with another förbund; each needs its own");
            }
        }
        checkNoOverlaps(map.values());
        this.byId = Map.copyOf(map);
    }

    private static void check(Forbund f, MunicipalityRegistry municipalities) {
        if (f.id() == null || !f.id().matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalStateException("Förbund id '" + f.id() + "' must be lower-case letters, digits and -");
        }
        if (f.participantRefSecret() == null || f.participantRefSecret().length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("Förbund " + f.id() + " needs a participantRefSecret of at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        if (f.referralAgeMin() < 0 || f.referralAgeMin() > f.referralAgeMax()) {
            throw new IllegalStateException("Förbund " + f.id() + " has an empty referral age range");
        }
        if (f.webhook() != null) {
            checkWebhook(f);
        }
        for (Membership m : f.memberships()) {
            if (!municipalities.exists(m.municipalityCode())) {
                throw new IllegalStateException("Förbund " + f.id() + " has member " + m.municipalityCode()
                        + ", which is not a Swedish municipality code");
            }
            if (m.from() != null && m.to() != null && m.to().isBefore(m.from())) {
                throw new IllegalStateException("Förbund " + f.id() + " membership of " + m.municipalityCode()
                        + " ends before it starts");
            }
        }
    }

    /**
     * A webhook gets messages with personal data: https only, except to this machine (a test's or
     * a local relay's server), and a signing key as long as the pseudonym key and different from
     * it (the pseudonym key is never shared; the webhook key is shared with the förbund).
     */
    static void checkWebhook(Forbund f) {
        URI url = f.webhook().url();
        if (url == null || !url.isAbsolute() || url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalStateException("Förbund " + f.id() + " has a webhook url that is not an absolute "
                    + "https URL with a host");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = LOOPBACK_HOSTS.contains(url.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new IllegalStateException("Förbund " + f.id() + " has a webhook url with scheme " + scheme
                    + ": it must be https (plain http is allowed only to 127.0.0.1, localhost or [::1])");
        }
        if (url.getUserInfo() != null) {
            throw new IllegalStateException("Förbund " + f.id() + " has a webhook url with a user name or "
                    + "password in it; the hub signs its requests instead");
        }
        String secret = f.webhook().secret();
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("Förbund " + f.id() + " needs a webhook secret of at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        if (secret.equals(f.participantRefSecret())) {
            throw new IllegalStateException("Förbund " + f.id() + " uses its participantRefSecret as webhook "
                    + "secret; the webhook secret is shared with the förbund, the pseudonym key never is");
        }
    }

    private static void checkNoOverlaps(Collection<Forbund> all) {
        List<Forbund> list = new ArrayList<>(all);
        for (int i = 0; i < list.size(); i++) {
            for (int j = i; j < list.size(); j++) {
                Forbund a = list.get(i);
                Forbund b = list.get(j);
                for (int x = 0; x < a.memberships().size(); x++) {
                    Membership ma = a.memberships().get(x);
                    for (int y = (i == j ? x + 1 : 0); y < b.memberships().size(); y++) {
                        Membership mb = b.memberships().get(y);
                        if (ma.municipalityCode().equals(mb.municipalityCode()) && ma.overlaps(mb)) {
                            throw new IllegalStateException("Municipality " + ma.municipalityCode()
                                    + " has overlapping memberships in " + a.id() + " and " + b.id());
                        }
                    }
                }
            }
        }
    }

    /** The förbund whose membership covers {@code municipalityCode} on {@code date}. */
    public Optional<Forbund> forMunicipality(String municipalityCode, LocalDate date) {
        return byId.values().stream()
                .filter(f -> f.memberships().stream()
                        .anyMatch(m -> m.municipalityCode().equals(municipalityCode) && m.validOn(date)))
                .findFirst();
    }

    public Optional<Forbund> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Forbund> all() {
        return byId.values();
    }

    /** The shape of {@code config/forbund.yml}. */
    record ForbundFile(List<Entry> forbund) {

        List<Forbund> toForbund() {
            if (forbund == null) {
                return List.of();
            }
            return forbund.stream().map(Entry::toForbund).toList();
        }

        record Entry(String id, String name, AgeRange referralAge, String participantRefSecret,
                     List<Member> members, WebhookEntry webhook, Boolean fileDrop, List<String> brokerPasswordHashes) {

            Forbund toForbund() {
                AgeRange range = referralAge == null ? new AgeRange(16, 64) : referralAge;
                List<Membership> memberships = members == null ? List.of()
                        : members.stream().map(m -> new Membership(m.municipality(), m.from(), m.to())).toList();
                List<byte[]> hashes = new java.util.ArrayList<>();
                for (String h : brokerPasswordHashes == null ? List.<String>of() : brokerPasswordHashes) {
                    if (h == null || !h.matches("sha256:[0-9a-fA-F]{64}")) {
                        throw new IllegalStateException("Förbund " + id
                                + " has a broker password hash that is not sha256:<64 hex digits>");
                    }
                    hashes.add(java.util.HexFormat.of().parseHex(h.substring("sha256:".length())));
                }
                return new Forbund(id, name, range.min(), range.max(), participantRefSecret, memberships,
                        webhook == null ? null : webhook.toWebhook(id), Boolean.TRUE.equals(fileDrop), hashes);
            }
        }

        record WebhookEntry(String url, String secret) {

            Webhook toWebhook(String forbundId) {
                if (url == null || url.isBlank()) {
                    throw new IllegalStateException("Förbund " + forbundId + " has a webhook without a url");
                }
                try {
                    return new Webhook(new URI(url.strip()), secret);
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException("Förbund " + forbundId + " has a webhook url that is not a URL", e);
                }
            }
        }

        record AgeRange(int min, int max) {
        }

        record Member(String municipality, String name, LocalDate from, LocalDate to) {
        }
    }
}
