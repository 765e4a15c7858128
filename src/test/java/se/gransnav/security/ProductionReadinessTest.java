package se.gransnav.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import se.gransnav.GransnavApplication;
import se.gransnav.routing.Forbund;
import se.gransnav.routing.ForbundRegistry;
import se.gransnav.routing.TestRegistries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductionReadinessTest {

    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private ProductionReadiness readiness(MockEnvironment environment, PartnerRegistry partners, ForbundRegistry forbund,
                                          List<OperatorProperties.User> users) {
        return new ProductionReadiness(environment, partners, forbund, new OperatorProperties(users), passwords);
    }

    @Test
    void theDemoSetUpIsRefusedNamingEveryDemoSettingButNoSecret() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("production", "quickstart");
        environment.setProperty("spring.artemis.mode", "native");
        environment.setProperty("spring.artemis.password", "CHANGE_ME");
        environment.setProperty("gransnav.broker.hub-password-hash",
                "sha256:b078be0b7771422f2369626175623c9d4492f32050df7f471e11a237851a558a");
        environment.setProperty("gransnav.payloads.encryption-key", ProductionReadiness.DEMO_PAYLOAD_KEY);
        List<OperatorProperties.User> demoOperators = List.of(
                new OperatorProperties.User("viewer", passwords.encode("viewer-demo"), List.of("viewer")),
                new OperatorProperties.User("admin", passwords.encode("admin-demo"), List.of("viewer", "admin")));

        List<String> problems = readiness(environment, TestPartners.registry(), TestRegistries.forbund(), demoOperators)
                .problems();

        assertThat(problems).contains(
                "the quickstart profile is active as well (demo operators)",
                "partner kungalv-socialtjanst still has a demo API key (config/partners.yml)",
                "partner uddevalla-elevhalsa still has a demo API key (config/partners.yml)",
                "operator viewer has a demo password (gransnav.operators.users)",
                "operator admin has a demo password (gransnav.operators.users)",
                "the broker password (spring.artemis.password) is empty or a placeholder");
        assertThat(problems).anyMatch(p -> p.startsWith("förbund alvkust has a demo participantRefSecret")
                && p.contains("GRANSNAV_FORBUND_ALVKUST_SECRET"));
        assertThat(problems).contains("the hub's broker login has the demo password (gransnav.broker.hub-password-hash)",
                "förbund vast has the demo broker password (brokerPasswordHashes in config/forbund.yml)");
        assertThat(problems).contains("the dead letters' encryption key is the quickstart's demo key "
                + "(gransnav.payloads.encryption-key; set GRANSNAV_PAYLOADS_ENCRYPTION_KEY)");
        assertThat(problems).hasSize(2 + 5 + 2 + 3 + 1 + 3 + 1);
        assertThat(String.join("\n", problems)).doesNotContain("demo-alvkust-pseudonym", "viewer-demo", "demo-kungalv",
                ProductionReadiness.DEMO_PAYLOAD_KEY);
    }

    @Test
    void aProductionSetUpPasses() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("production");
        environment.setProperty("spring.artemis.mode", "native");
        environment.setProperty("spring.artemis.password", "a-real-broker-password-from-the-vault");
        environment.setProperty("gransnav.payloads.encryption-key", "JS+adCxoCSobljB8H6BvCWkgfD8csesoTtgDh7ur7hM=");
        PartnerRegistry noDemoPartners = new PartnerRegistry(List.of(), TestRegistries.municipalities());
        ForbundRegistry ownSecrets = TestRegistries.forbund(new Forbund("alvkust", "Älv & Kust", 16, 64,
                "a-production-pseudonym-key-of-forty-characters", List.of()));
        List<OperatorProperties.User> operators = List.of(
                new OperatorProperties.User("ops", passwords.encode("a long operator passphrase"), List.of("admin")));

        assertThat(readiness(environment, noDemoPartners, ownSecrets, operators).problems()).isEmpty();
    }

    @Test
    void aMissingOrPlaceholderPayloadKeyIsRefusedNamingTheProperty() {
        for (String key : new String[] {null, "", "CHANGE_ME"}) {
            MockEnvironment environment = new MockEnvironment();
            environment.setActiveProfiles("production");
            if (key != null) {
                environment.setProperty("gransnav.payloads.encryption-key", key);
            }
            List<OperatorProperties.User> operators = List.of(
                    new OperatorProperties.User("ops", passwords.encode("a long operator passphrase"), List.of("admin")));
            assertThat(readiness(environment, new PartnerRegistry(List.of(), TestRegistries.municipalities()),
                    TestRegistries.forbund(new Forbund("alvkust", "Älv & Kust", 16, 64,
                            "a-production-pseudonym-key-of-forty-characters", List.of())), operators).problems())
                    .as("key %s", key)
                    .containsExactly("no key to seal dead letters with (gransnav.payloads.encryption-key; set "
                            + "GRANSNAV_PAYLOADS_ENCRYPTION_KEY, e.g. from `openssl rand -base64 32`)");
        }
    }

    @Test
    void theHubDoesNotStartInProductionWithTheRepositorysDemoConfiguration() {
        SpringApplicationBuilder hub = new SpringApplicationBuilder(GransnavApplication.class)
                .profiles("production")
                .properties("gransnav.data-dir=target/production-readiness-test", "server.port=0",
                        "gransnav.broker.acceptor=", "camel.main.routes-include-pattern=",
                        // The quickstart's key, copied: a well-formed key, so the hub gets as far as the check.
                        "gransnav.payloads.encryption-key=" + ProductionReadiness.DEMO_PAYLOAD_KEY);
        assertThatThrownBy(hub::run)
                .hasStackTraceContaining("Refusing to start with the production profile")
                .hasStackTraceContaining("partner kungalv-ame still has a demo API key")
                .hasStackTraceContaining("förbund vast has a demo participantRefSecret")
                .hasStackTraceContaining("the dead letters' encryption key is the quickstart's demo key")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(ProductionReadiness.DEMO_PAYLOAD_KEY));
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
