package se.gransnav.security;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.deployers.impl.FileConfigurationParser;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.settings.impl.HierarchicalObjectRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import se.gransnav.normalise.Channel;
import se.gransnav.routing.Forbund;
import se.gransnav.routing.ForbundRegistry;
import se.gransnav.routing.TestRegistries;
import se.gransnav.security.BrokerLogins.BrokerUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone broker's security settings (docker/artemis/etc-override/broker.xml), read by
 * Artemis' own parser and resolved as the broker resolves them (most specific match only), grant
 * every user exactly what {@link BrokerLogins} grants it on the embedded broker, for every partner
 * allowed the QUEUE channel in config/partners.yml and every förbund in config/forbund.yml — and
 * nothing to anybody else. A partner or förbund added to a registry without its entries in
 * broker.xml (or the other way round) fails here.
 *
 * <p>Users map to roles as README "Broker users on the standalone broker" tells operators to create
 * them: the hub's ARTEMIS_USER has {@code amq}, a partner {@code partner-<id>}, a förbund
 * {@code forbund-<id>}.
 */
class BrokerXmlSecuritySettingsTest {

    private static final Path BROKER_XML = Path.of("docker/artemis/etc-override/broker.xml");
    private static final String HUB_ROLE = "amq";

    /**
     * VIEW and EDIT apply only to management RBAC (management-message-rbac, or JMX authorization in
     * broker.xml), which the standalone broker does not use: its console and JMX are governed by
     * the image's management.xml and artemis.profile (role amq).
     */
    private static final Set<CheckType> CHECKED = EnumSet.complementOf(EnumSet.of(CheckType.VIEW, CheckType.EDIT));

    private static Configuration standalone;
    private static HierarchicalObjectRepository<Set<Role>> repository;
    private static List<String> queuePartners;
    private static List<String> forbund;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = Files.newInputStream(BROKER_XML)) {
            standalone = new FileConfigurationParser().parseMainConfig(in);
        }
        // As the broker's SecurityStore does: the most specific match wins, nothing is merged.
        repository = new HierarchicalObjectRepository<>(standalone.getWildcardConfiguration());
        standalone.getSecurityRoles().forEach((match, roles) -> repository.addMatch(match, roles, true));

        queuePartners = TestPartners.registry().all().stream()
                .filter(partner -> partner.mayUse(Channel.QUEUE)).map(Partner::id).sorted().toList();
        ForbundRegistry registry = TestRegistries.forbund();
        forbund = registry.all().stream().map(Forbund::id).sorted().toList();
    }

    @Test
    void theRegistriesHaveQueuePartnersAndForbundToCheck() {
        assertThat(queuePartners).contains("kungalv-ame", "ale-ame");
        assertThat(forbund).contains("alvkust", "vast");
    }

    @Test
    void brokerXmlHasSecurityEntriesForExactlyTheQueuePartnersAndForbundOfTheRegistries() {
        Set<String> expected = new TreeSet<>(Set.of("#"));
        queuePartners.forEach(id -> expected.addAll(List.of("hub.intake." + id, "hub.receipts." + id)));
        forbund.forEach(id -> expected.add("forbund." + id + ".#"));
        assertThat(new TreeSet<>(standalone.getSecurityRoles().keySet())).as("security-setting matches in broker.xml")
                .containsExactlyElementsOf(expected);

        Set<String> roles = new TreeSet<>(Set.of(HUB_ROLE));
        queuePartners.forEach(id -> roles.add("partner-" + id));
        forbund.forEach(id -> roles.add("forbund-" + id));
        Set<String> named = standalone.getSecurityRoles().values().stream().flatMap(Set::stream).map(Role::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(named).as("roles named in broker.xml").containsExactlyElementsOf(roles);
    }

    /**
     * One broker user name per partner and förbund (their ids), so the two must not share one: the
     * embedded broker tells them apart by password, Artemis' user file cannot.
     */
    @Test
    void noQueuePartnerSharesItsIdWithAForbund() {
        assertThat(queuePartners).doesNotContainAnyElementsOf(forbund);
    }

    @Test
    void everyUserMayDoOnTheStandaloneBrokerExactlyWhatBrokerLoginsAllowsOnTheEmbeddedOne() {
        Map<String, BrokerUser> users = new LinkedHashMap<>();
        users.put(HUB_ROLE, new BrokerUser(BrokerUser.Kind.HUB, null));
        queuePartners.forEach(id -> users.put("partner-" + id, new BrokerUser(BrokerUser.Kind.PARTNER, id)));
        forbund.forEach(id -> users.put("forbund-" + id, new BrokerUser(BrokerUser.Kind.FORBUND, id)));

        List<String> differences = new ArrayList<>();
        int checked = 0;
        for (String address : probeAddresses()) {
            Set<Role> roles = repository.getMatch(address);
            for (Map.Entry<String, BrokerUser> user : users.entrySet()) {
                for (CheckType checkType : CHECKED) {
                    boolean standaloneAllows = roles != null && roles.stream()
                            .anyMatch(role -> role.getName().equals(user.getKey()) && checkType.hasRole(role));
                    boolean embeddedAllows = BrokerLogins.allowed(user.getValue(), checkType, address);
                    checked++;
                    if (standaloneAllows != embeddedAllows) {
                        differences.add(user.getKey() + " " + checkType + " " + address + ": standalone "
                                + standaloneAllows + ", embedded " + embeddedAllows);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
        assertThat(differences).as("permissions that differ between broker.xml and BrokerLogins").isEmpty();
    }

    /** A role the broker does not know (a user created with a misspelt role, say) may do nothing anywhere. */
    @Test
    void anyOtherRoleMayDoNothing() {
        for (String address : probeAddresses()) {
            for (CheckType checkType : CheckType.values()) {
                assertThat(repository.getMatch(address)).as("%s %s", checkType, address)
                        .noneMatch(role -> !knownRole(role.getName()) && checkType.hasRole(role));
            }
        }
    }

    /**
     * The one place where Artemis' wildcards and BrokerLogins' prefix test part: {@code forbund.<id>.#}
     * also matches the bare address {@code forbund.<id>} (zero words), which the hub never creates
     * and a förbund may not create (it has no create permission anywhere).
     */
    @Test
    void theOnlyDifferenceIsTheBareForbundAddressNobodyCreates() {
        BrokerUser alvkust = new BrokerUser(BrokerUser.Kind.FORBUND, "alvkust");
        assertThat(BrokerLogins.allowed(alvkust, CheckType.CONSUME, "forbund.alvkust")).isFalse();
        assertThat(repository.getMatch("forbund.alvkust")).anyMatch(role -> role.getName().equals("forbund-alvkust")
                && CheckType.CONSUME.hasRole(role));
        assertThat(standalone.getAddressConfigurations().stream().map(CoreAddressConfiguration::getName))
                .doesNotContain(forbund.stream().map(id -> "forbund." + id).toArray(String[]::new));
        assertThat(repository.getMatch("forbund.alvkust")).noneMatch(role -> role.getName().startsWith("forbund-")
                && (role.isCreateAddress() || role.isCreateDurableQueue() || role.isCreateNonDurableQueue()));
    }

    private static boolean knownRole(String name) {
        return name.equals(HUB_ROLE) || queuePartners.stream().anyMatch(id -> name.equals("partner-" + id))
                || forbund.stream().anyMatch(id -> name.equals("forbund-" + id));
    }

    /**
     * Every address of broker.xml, every exact match, the names each partner and förbund could try,
     * and some the hub creates as it goes (dead letters, expiry, webhook and file-drop queues).
     */
    private static Set<String> probeAddresses() {
        Set<String> addresses = new TreeSet<>();
        standalone.getAddressConfigurations().forEach(address -> addresses.add(address.getName()));
        standalone.getSecurityRoles().keySet().stream().filter(match -> !match.contains("#") && !match.contains("*"))
                .forEach(addresses::add);
        addresses.addAll(List.of("activemq.management", "activemq.notifications", "DLA", "ExpiryQueue",
                "hub.accepted", "hub.intake.nobody", "hub.receipts.nobody", "forbund.nobody.inbox",
                "hub.intake", "hub.receipts", "hub", "forbund", "some.other.address"));
        List<String> ids = new ArrayList<>(queuePartners);
        ids.addAll(forbund);
        for (String id : ids) {
            for (String name : List.of("hub.intake." + id, "hub.receipts." + id, "forbund." + id + ".inbox",
                    "forbund." + id + ".other", "forbund." + id + ".a.b", "hub.webhook." + id, "hub.filedrop." + id,
                    "hub.intake." + id + ".more", "hub.receipts." + id + ".more")) {
                addresses.add(name);
                addresses.add("DLQ." + name);
                addresses.add("ExpiryQueue." + name);
            }
        }
        return addresses;
    }
}
