package se.gransnav.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import se.gransnav.routing.Forbund;
import se.gransnav.routing.ForbundRegistry;

/**
 * The {@code production} profile's refusal to start with anything of the demo set-up still in
 * place: the quickstart profile, a partner API key or operator password printed in README.md, a
 * förbund's pseudonym or webhook secret left at its demo default (they start with {@code demo-}) or
 * at {@code CHANGE_ME}, a broker password left at a placeholder, the dead letters' encryption key
 * missing or left at the quickstart's demo key. The hub stops at start and names
 * every one it found — never the secret itself.
 */
@Component
@Profile("production")
class ProductionReadiness implements SmartInitializingSingleton {

    /** The demo partners' API keys, public in README.md. */
    static final List<String> DEMO_PARTNER_KEYS = List.of(
            "demo-kungalv-socialtjanst-91bce42823b4575ce0d94d6d",
            "demo-kungalv-ame-b197403708c84765c86e12b9",
            "demo-ale-ame-b2478886e5f89a30cb223951",
            "demo-goteborg-socialtjanst-b49bc43e839eff4b5a447020",
            "demo-uddevalla-elevhalsa-85c6e3e9c3d5d697ed08f6c6");
    /** The demo operators' passwords, public in README.md and application-quickstart.yml. */
    static final List<String> DEMO_OPERATOR_PASSWORDS = List.of("viewer-demo", "admin-demo");

    /** The quickstart's broker password of the hub's own TCP login. */
    static final String DEMO_HUB_BROKER_PASSWORD = "demo-gransnav-hub-broker-login";

    /** The quickstart's key for sealing dead letters (config/application-quickstart.yml), public. */
    static final String DEMO_PAYLOAD_KEY = "0iM29+3nJQQEbdf8xVla8IMlNQPmNwqXoIhg25X11Rg=";
    static final String PAYLOAD_KEY_PROPERTY = "gransnav.payloads.encryption-key";

    private static final Set<String> PLACEHOLDERS = Set.of("", "CHANGE_ME", "changeme", "artemis", "admin", "guest");

    private final Environment environment;
    private final PartnerRegistry partners;
    private final ForbundRegistry forbund;
    private final OperatorProperties operators;
    private final PasswordEncoder passwords;

    ProductionReadiness(Environment environment, PartnerRegistry partners, ForbundRegistry forbund,
                        OperatorProperties operators, PasswordEncoder passwords) {
        this.environment = environment;
        this.partners = partners;
        this.forbund = forbund;
        this.operators = operators;
        this.passwords = passwords;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start with the production profile while demo settings are "
                    + "in place (README.md, \"Production\"):\n  - " + String.join("\n  - ", problems));
        }
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (Arrays.asList(environment.getActiveProfiles()).contains("quickstart")) {
            problems.add("the quickstart profile is active as well (demo operators)");
        }
        Set<String> demoHashes = DEMO_PARTNER_KEYS.stream()
                .map(key -> PartnerRegistry.hashForConfig(key)).collect(Collectors.toSet());
        for (Partner partner : partners.all()) {
            boolean demo = partner.apiKeyHashes().stream()
                    .map(hash -> "sha256:" + HexFormat.of().formatHex(hash)).anyMatch(demoHashes::contains);
            if (demo) {
                problems.add("partner " + partner.id() + " still has a demo API key (config/partners.yml)");
            }
        }
        for (OperatorProperties.User user : operators.users()) {
            if (DEMO_OPERATOR_PASSWORDS.stream().anyMatch(p -> passwords.matches(p, user.passwordHash()))) {
                problems.add("operator " + user.username() + " has a demo password (gransnav.operators.users)");
            }
        }
        if (operators.users().stream().noneMatch(u -> u.roles().stream().anyMatch("admin"::equalsIgnoreCase))) {
            problems.add("no operator with the role admin (gransnav.operators.users): nobody could operate the hub");
        }
        for (Forbund f : forbund.all()) {
            if (demoSecret(f.participantRefSecret())) {
                problems.add("förbund " + f.id() + " has a demo participantRefSecret (config/forbund.yml; set "
                        + "GRANSNAV_FORBUND_" + f.id().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_SECRET)");
            }
            byte[] demoBrokerLogin = BrokerLogins.sha256("demo-" + f.id() + "-broker-login");
            if (f.brokerPasswordHashes().stream().anyMatch(h -> java.security.MessageDigest.isEqual(h, demoBrokerLogin))) {
                problems.add("förbund " + f.id() + " has the demo broker password (brokerPasswordHashes in config/forbund.yml)");
            }
            if (f.webhook() != null && demoSecret(f.webhook().secret())) {
                problems.add("förbund " + f.id() + " has a demo webhook secret (config/forbund.yml)");
            }
        }
        String hubHash = environment.getProperty("gransnav.broker.hub-password-hash", "");
        if (hubHash.equalsIgnoreCase("sha256:" + HexFormat.of().formatHex(BrokerLogins.sha256(DEMO_HUB_BROKER_PASSWORD)))) {
            problems.add("the hub's broker login has the demo password (gransnav.broker.hub-password-hash)");
        }
        if ("false".equalsIgnoreCase(environment.getProperty("gransnav.broker.security-enabled"))) {
            problems.add("the embedded broker's login is switched off (gransnav.broker.security-enabled)");
        }
        if ("native".equalsIgnoreCase(environment.getProperty("spring.artemis.mode"))
                && PLACEHOLDERS.contains(environment.getProperty("spring.artemis.password", ""))) {
            problems.add("the broker password (spring.artemis.password) is empty or a placeholder");
        }
        String payloadKey = environment.getProperty(PAYLOAD_KEY_PROPERTY, "").strip();
        if (payloadKey.isEmpty() || payloadKey.contains("CHANGE_ME")) {
            problems.add("no key to seal dead letters with (" + PAYLOAD_KEY_PROPERTY
                    + "; set GRANSNAV_PAYLOADS_ENCRYPTION_KEY, e.g. from `openssl rand -base64 32`)");
        } else if (payloadKey.equals(DEMO_PAYLOAD_KEY)) {
            problems.add("the dead letters' encryption key is the quickstart's demo key (" + PAYLOAD_KEY_PROPERTY
                    + "; set GRANSNAV_PAYLOADS_ENCRYPTION_KEY)");
        }
        return problems;
    }

    private static boolean demoSecret(String secret) {
        return secret == null || secret.startsWith("demo-") || secret.contains("CHANGE_ME");
    }
}
