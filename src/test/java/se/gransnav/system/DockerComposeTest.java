package se.gransnav.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.SchemaFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.deployers.impl.FileConfigurationParser;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import se.gransnav.routing.TestRegistries;
import se.gransnav.security.TestPartners;
import se.gransnav.routing.ForbundRegistry;

/**
 * The production topology (docker-compose.yml, Dockerfile, .env.example and the standalone broker's
 * docker/artemis/etc-override/broker.xml), checked without a container engine and without a Spring
 * context: the files are parsed, and everything the hub is given is matched against what the hub
 * actually reads.
 *
 * <p>Needs the project's own configuration metadata in target/classes (written by the
 * spring-boot-configuration-processor when main is compiled, which {@code mvn test} does first).
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String ARTEMIS_IMAGE = "apache/activemq-artemis:2.44.0";
    private static final String POSTGRES_IMAGE = "postgres:16";
    private static final String CORE = "urn:activemq:core";

    /** Required interpolation in compose: ${NAME:?message}. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*):\\?([^}]*)}");
    /** Any interpolation compose would perform ($$ is an escaped, literal $). */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$(\\{[^}]*}|[A-Za-z_][A-Za-z0-9_]*)");

    private static Map<String, Object> compose;
    private static Map<String, Object> services;
    private static Map<String, String> hubEnvironment;
    private static KnownSettings settings;

    @BeforeAll
    static void load() throws IOException {
        compose = yaml(ROOT.resolve("docker-compose.yml"));
        services = map(compose.get("services"));
        hubEnvironment = environment(service("hub"));
        settings = KnownSettings.load(ROOT);
    }

    // ---- docker-compose.yml: shape ------------------------------------------------------------

    @Test
    void composeFileHasTheThreeServicesAndTheHubDependsOnTheOtherTwoBeingHealthy() {
        assertThat(services).containsOnlyKeys("artemis", "postgres", "hub");

        Map<String, Object> dependsOn = map(service("hub").get("depends_on"));
        assertThat(dependsOn).containsOnlyKeys("artemis", "postgres");
        dependsOn.values().forEach(condition ->
                assertThat(map(condition)).containsEntry("condition", "service_healthy"));

        assertThat(map(service("artemis").get("healthcheck"))).containsKey("test");
        assertThat(String.valueOf(map(service("postgres").get("healthcheck")).get("test"))).contains("pg_isready");
    }

    @Test
    void imagesArePinnedAndTheHubIsBuiltFromTheProjectsDockerfile() {
        assertThat(service("artemis")).containsEntry("image", ARTEMIS_IMAGE);
        assertThat(service("postgres")).containsEntry("image", POSTGRES_IMAGE);
        services.forEach((name, definition) -> {
            Object image = map(definition).get("image");
            if (image != null) {
                String reference = image.toString();
                String lastPart = reference.substring(reference.lastIndexOf('/') + 1);
                assertThat(lastPart).as("image of %s has a tag", name).contains(":");
                assertThat(lastPart).as("image of %s", name).doesNotEndWith(":latest");
            }
        });

        Map<String, Object> build = map(service("hub").get("build"));
        assertThat(build).containsEntry("context", ".").containsEntry("dockerfile", "Dockerfile");
        assertThat(service("hub")).doesNotContainKey("image");
    }

    @Test
    void everyPublishedPortIsOnTheLoopbackAddressOnly() {
        assertThat(ports("artemis")).containsExactlyInAnyOrder("127.0.0.1:61616:61616", "127.0.0.1:8161:8161");
        assertThat(ports("hub")).containsExactly("127.0.0.1:8080:8080");
        services.keySet().forEach(name -> assertThat(ports(name)).as("ports of %s", name)
                .allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:")));
    }

    @Test
    void brokerAndDatabaseKeepTheirDataInNamedVolumesAndTheHubMountsConfigReadOnly() {
        Set<String> declared = map(compose.get("volumes")).keySet();

        assertThat(volumes("artemis")).contains("artemis-instance:/var/lib/artemis-instance",
                "./docker/artemis/etc-override:/var/lib/artemis-instance/etc-override:ro");
        assertThat(volumes("postgres")).contains("postgres-data:/var/lib/postgresql/data");
        assertThat(volumes("hub")).contains("./config:/app/config:ro",
                "hub-data:" + hubEnvironment.get("GRANSNAV_DATA_DIR"));

        services.keySet().forEach(name -> volumes(name).stream()
                .map(volume -> volume.substring(0, volume.indexOf(':')))
                .filter(source -> !source.startsWith(".") && !source.startsWith("/"))
                .forEach(named -> assertThat(declared).as("named volume %s of %s", named, name).contains(named)));
        // Configured by the environment only: no application.yml of its own mounted over the image's.
        assertThat(volumes("hub")).noneMatch(volume -> volume.contains("application"));
    }

    // ---- the hub's environment -----------------------------------------------------------------

    @Test
    void metadataOfSpringBootAndOfTheProjectItselfIsOnTheClasspath() {
        assertThat(settings.match("SPRING_ARTEMIS_MODE")).contains(new Match(Rule.PROPERTY, "spring.artemis.mode"));
        assertThat(settings.match("CAMEL_MAIN_NAME")).contains(new Match(Rule.PROPERTY, "camel.main.name"));
        // The @ConfigurationProperties records of the project (spring-boot-configuration-processor).
        assertThat(settings.projectProperties()).contains(
                "gransnav.broker.acceptor", "gransnav.queues.accepted", "gransnav.intake.max-message-size",
                "gransnav.registry.forbund", "gransnav.operators.users");
    }

    @Test
    void everyVariablePassedToTheHubIsOneTheHubReads() {
        assertThat(hubEnvironment).isNotEmpty();
        assertThat(settings.unknown(hubEnvironment.keySet()))
                .as("variables given to the hub that no configuration property, config/*.yml or route"
                        + " placeholder, nor the JVM, reads")
                .isEmpty();
    }

    @Test
    void aMadeUpVariableIsReportedAsUnknown() {
        assertThat(settings.unknown(List.of("GRANSNAV_NO_SUCH_SETTING"))).containsExactly("GRANSNAV_NO_SUCH_SETTING");
        // Near misses of real settings are unknown as well.
        assertThat(settings.unknown(List.of(
                "SPRING_ARTEMIS_BROKERURLS",            // spring.artemis.broker-url plus a letter
                "SPRING_ARTEMIS_MODE_NATIVE",           // below a plain (non-collection) property
                "GRANSNAV_BROKER_ACCEPTOR_PORT",        // likewise, a project property
                "GRANSNAV_FORBUND_NOSUCH_SECRET",       // not a placeholder in config/forbund.yml
                "JAVA_OPTS")))                          // read by start scripts, not by the JVM
                .hasSize(5);
    }

    @Test
    void relaxedBindingFormsOfKnownPropertiesAreRecognised() {
        assertThat(settings.unknown(List.of(
                "SPRING_ARTEMIS_BROKERURL",             // documented form: dashes removed
                "SPRING_ARTEMIS_BROKER_URL",            // legacy form: dashes as underscores
                "GRANSNAV_BROKER_MAXDELIVERYATTEMPTS",  // the project's own metadata
                "GRANSNAV_OPERATORS_USERS_0_USERNAME",  // element of a list property
                "LOGGING_LEVEL_SE_GRANSNAV",            // key of a map property
                "GRANSNAV_DELIVERY_CONCURRENT_CONSUMERS", // {{...}} placeholder in a route
                "GRANSNAV_FORBUND_VAST_SECRET"))).isEmpty();
    }

    /**
     * The hand-written mapping above must not accept a variable Spring Boot would not bind: every
     * variable given to the hub, and a sample of every kind of match, is resolved here by Spring
     * Boot's own environment binding.
     */
    @Test
    void theMappingAgreesWithSpringBootsOwnEnvironmentBinding() {
        Map<String, String> samples = new LinkedHashMap<>(hubEnvironment);
        samples.put("SPRING_ARTEMIS_BROKERURL", "tcp://elsewhere:61616");
        samples.put("GRANSNAV_OPERATORS_USERS_0_USERNAME", "operator");
        samples.put("LOGGING_LEVEL_SE_GRANSNAV", "DEBUG");
        samples.put("GRANSNAV_DELIVERY_CONCURRENT_CONSUMERS", "8");

        samples.replaceAll((variable, value) -> "value-of-" + variable); // not the ${...:?...} of compose
        samples.forEach((variable, value) -> {
            Match match = settings.match(variable).orElseThrow();
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of(variable, value)));
            ConfigurationPropertySources.attach(environment);
            switch (match.rule()) {
                case PROPERTY -> assertThat(environment.getProperty(match.name()))
                        .as("%s binds %s", variable, match.name()).isEqualTo(value);
                case PROPERTY_ELEMENT -> {
                    // Boot maps environment names only for a source named "systemEnvironment".
                    ConfigurationPropertySource source = ConfigurationPropertySource.from(
                            new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                    Map.of(variable, value)));
                    assertThat(source.containsDescendantOf(ConfigurationPropertyName.of(match.name())))
                            .as("%s is below %s", variable, match.name()).isEqualTo(ConfigurationPropertyState.PRESENT);
                }
                case PLACEHOLDER -> assertThat(environment.resolvePlaceholders("${" + match.name() + "}"))
                        .as("%s resolves ${%s}", variable, match.name()).isEqualTo(value);
                case JVM -> assertThat(KnownSettings.JVM_VARIABLES).contains(variable);
            }
        });
    }

    @Test
    void theHubRunsNativeAgainstTheComposeBrokerAndPostgres() {
        assertThat(hubEnvironment)
                .containsEntry("SPRING_ARTEMIS_MODE", "native")
                // Without this, Boot starts the embedded broker as well (application.yml enables it).
                .containsEntry("SPRING_ARTEMIS_EMBEDDED_ENABLED", "false")
                .containsEntry("SPRING_ARTEMIS_BROKER_URL", "tcp://artemis:61616");
        assertThat(requiredVariable(hubEnvironment.get("SPRING_ARTEMIS_USER")))
                .isEqualTo(requiredVariable(environment(service("artemis")).get("ARTEMIS_USER")));
        assertThat(requiredVariable(hubEnvironment.get("SPRING_ARTEMIS_PASSWORD")))
                .isEqualTo(requiredVariable(environment(service("artemis")).get("ARTEMIS_PASSWORD")));

        Map<String, String> postgres = environment(service("postgres"));
        assertThat(hubEnvironment.get("SPRING_DATASOURCE_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(hubEnvironment.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(requiredVariable(hubEnvironment.get("SPRING_DATASOURCE_PASSWORD")))
                .isEqualTo(requiredVariable(postgres.get("POSTGRES_PASSWORD")));

        assertThat(hubEnvironment.get("JAVA_TOOL_OPTIONS")).containsPattern("-Xmx\\d+[mMgG]");
    }

    @Test
    void theQuickstartProfileIsNotActivated() throws IOException {
        assertThat(hubEnvironment.keySet()).noneMatch(name -> name.startsWith("SPRING_PROFILES_")
                && hubEnvironment.get(name).toLowerCase(Locale.ROOT).contains("quickstart"));
        assertThat(String.valueOf(service("hub")).toLowerCase(Locale.ROOT)).doesNotContain("quickstart");
        assertThat(Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
                .filter(line -> !line.stripLeading().startsWith("#")))
                .noneMatch(line -> line.toLowerCase(Locale.ROOT).contains("quickstart"));
    }

    @Test
    void everyForbundSecretInForbundYmlIsRequiredFromTheEnvironment() throws IOException {
        Set<String> secrets = environmentPlaceholders(ROOT.resolve("config/forbund.yml"));
        assertThat(secrets).isNotEmpty();
        secrets.forEach(secret -> assertThat(requiredVariable(hubEnvironment.get(secret)))
                .as("hub environment %s", secret).isEqualTo(secret));
    }

    // ---- required variables and .env.example ----------------------------------------------------

    @Test
    void everyInterpolationInComposeIsRequiredWithAMessage() {
        List<String> interpolations = new ArrayList<>();
        for (String text : strings(compose)) {
            Matcher m = INTERPOLATION.matcher(text.replace("$$", ""));
            while (m.find()) {
                interpolations.add(m.group());
            }
        }
        assertThat(interpolations).isNotEmpty().allSatisfy(expression -> {
            Matcher required = REQUIRED.matcher(expression);
            assertThat(required.matches()).as("%s is ${NAME:?message}", expression).isTrue();
            assertThat(required.group(2)).as("message of %s", expression).isNotBlank();
        });
    }

    @Test
    void everyRequiredVariableIsInEnvExampleWithACommentAndAPlaceholder() throws IOException {
        Set<String> required = requiredVariables();
        assertThat(required).contains("ARTEMIS_USER", "ARTEMIS_PASSWORD", "POSTGRES_PASSWORD");

        List<String> lines = Files.readAllLines(ROOT.resolve(".env.example"));
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            assertThat(line).as(".env.example line %d", i + 1).matches("[A-Z][A-Z0-9_]*=\\S+");
            String name = line.substring(0, line.indexOf('='));
            values.put(name, line.substring(line.indexOf('=') + 1));
            assertThat(commentedBlock(lines, i)).as("%s has a comment above it", name).isTrue();
        }
        assertThat(values.keySet()).as("variables in .env.example").containsExactlyInAnyOrderElementsOf(required);
        values.forEach((name, value) -> {
            if (name.endsWith("PASSWORD") || name.endsWith("SECRET")) {
                assertThat(value).as("%s in .env.example is a placeholder, not a secret", name).isEqualTo("CHANGE_ME");
            }
        });
    }

    // ---- Dockerfile ---------------------------------------------------------------------------

    @Test
    void dockerfileBuildsWithTheWrapperAndRunsAsANonRootUserInApp() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
                .map(String::strip).filter(line -> !line.startsWith("#")).toList();
        List<String> froms = lines.stream().filter(line -> line.startsWith("FROM ")).toList();
        assertThat(froms).containsExactly("FROM eclipse-temurin:17-jdk AS build", "FROM eclipse-temurin:17-jre");
        assertThat(String.join("\n", lines)).contains("./mvnw -B -DskipTests package");

        List<String> runStage = lines.subList(lines.indexOf(froms.get(1)), lines.size());
        assertThat(runStage).contains("WORKDIR /app", "COPY routes/ /app/routes/", "COPY config/ /app/config/",
                "EXPOSE 8080");
        assertThat(runStage).anyMatch(line -> line.startsWith("COPY --from=build ") && line.endsWith(" /app/gransnav.jar"));
        assertThat(runStage.stream().filter(line -> line.startsWith("USER ")).toList())
                .singleElement().satisfies(user -> assertThat(user).doesNotMatch("USER (root|0)(:.*)?"));

        assertThat(Files.readAllLines(ROOT.resolve(".dockerignore")).stream().map(String::strip))
                .contains("target/", "data/", ".git/", ".env");
    }

    // ---- the standalone broker's broker.xml -----------------------------------------------------

    @Test
    void brokerXmlIsValidForArtemis() throws Exception {
        Document xml = parse(brokerXml());
        Element root = xml.getDocumentElement();
        assertThat(root.getNamespaceURI() + " " + root.getLocalName()).isEqualTo("urn:activemq configuration");
        List<Element> core = elements(root, "core");
        assertThat(core).hasSize(1);
        // As the broker does it (FileConfigurationParser): <core> against artemis-configuration.xsd,
        // here the schema of the Artemis on the test classpath, the image's version (2.44.0).
        URL schema = DockerComposeTest.class.getClassLoader().getResource("schema/artemis-configuration.xsd");
        assertThat(schema).isNotNull();
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schema).newValidator()
                .validate(new DOMSource(core.get(0)));
    }

    @Test
    void brokerXmlHasTheAddressSettingsTheHubReliesOn() throws Exception {
        Document xml = parse(brokerXml());

        Map<String, String> catchAll = childTexts(addressSetting(xml, "#"));
        assertThat(catchAll)
                .containsEntry("dead-letter-address", "DLA")
                .containsEntry("auto-create-dead-letter-resources", "true")
                .containsEntry("dead-letter-queue-prefix", "DLQ.")
                .containsEntry("expiry-address", "ExpiryQueue")
                .containsEntry("auto-create-expiry-resources", "true")
                .containsEntry("max-delivery-attempts", "6")
                .containsEntry("redelivery-delay", "1000")
                .containsEntry("redelivery-delay-multiplier", "2.0")
                .containsEntry("max-redelivery-delay", "60000");

        assertThat(text(xml, "persistence-enabled")).isEqualTo("true");
        assertThat(text(xml, "security-enabled")).isEqualTo("true");
        assertThat(elements(xml.getDocumentElement(), "acceptor")).singleElement().satisfies(acceptor ->
                assertThat(acceptor.getTextContent().strip())
                        .startsWith("tcp://0.0.0.0:61616?")
                        .contains("protocols=CORE,AMQP,STOMP,OPENWIRE"));
        Element security = elements(xml.getDocumentElement(), "security-setting").stream()
                .filter(setting -> setting.getAttribute("match").equals("#")).findFirst().orElseThrow();
        assertThat(elements(security, "permission").stream()
                .filter(permission -> List.of(permission.getAttribute("roles").split(",")).contains("amq"))
                .map(permission -> permission.getAttribute("type")))
                .contains("send", "consume", "browse", "createDurableQueue", "createAddress", "manage");
    }

    @Test
    void brokerXmlHasTheHubsQueuesAndOneInboxPerForbundInForbundYml() throws Exception {
        Map<String, Element> queues = new LinkedHashMap<>();
        for (Element address : elements(parse(brokerXml()).getDocumentElement(), "address")) {
            assertThat(elements(address, "multicast")).as("address %s", address.getAttribute("name")).isEmpty();
            for (Element queue : elements(address, "queue")) {
                assertThat(((Element) queue.getParentNode()).getLocalName()).isEqualTo("anycast");
                assertThat(queue.getAttribute("name")).isEqualTo(address.getAttribute("name"));
                queues.put(queue.getAttribute("name"), queue);
            }
        }
        assertThat(queues).containsKeys("hub.accepted",
                "forbund.finsam-goteborg.inbox", "forbund.alvkust.inbox", "forbund.vast.inbox");
        assertThat(queues).as("dead letters are kept once, in DLQ.<queue> only").doesNotContainKeys("DLA", "ExpiryQueue");
        queues.forEach((name, queue) -> assertThat(childTexts(queue).getOrDefault("durable", "true"))
                .as("queue %s is durable", name).isEqualTo("true"));

        Set<String> inboxes = queues.keySet().stream()
                .filter(name -> name.startsWith("forbund.") && name.endsWith(".inbox")).collect(Collectors.toSet());
        assertThat(inboxes).containsExactlyInAnyOrderElementsOf(
                forbundIds().stream().map(id -> "forbund." + id + ".inbox").toList());
    }

    /**
     * Read by Artemis' own parser, the standalone broker gets the address settings and queues that
     * {@link EmbeddedBrokerConfiguration} gives the embedded one (with gransnav.broker.* and
     * gransnav.queues.* as config/application.yml sets them, and the förbund of config/forbund.yml).
     */
    @Test
    void brokerXmlMatchesTheEmbeddedBrokerConfiguration() throws Exception {
        Configuration standalone;
        try (InputStream in = Files.newInputStream(brokerXml())) {
            standalone = new FileConfigurationParser().parseMainConfig(in);
        }

        List<PropertySource<?>> yml = new YamlPropertySourceLoader()
                .load("application.yml", new FileSystemResource(ROOT.resolve("config/application.yml")));
        Binder binder = new Binder(ConfigurationPropertySources.from(yml));
        ForbundRegistry forbund = TestRegistries.forbund();
        Configuration embedded = new ConfigurationImpl();
        EmbeddedBrokerConfiguration.customize(embedded,
                binder.bindOrCreate("gransnav.broker", BrokerProperties.class),
                binder.bindOrCreate("gransnav.queues", QueueNames.class), forbund, TestPartners.registry());

        AddressSettings expected = embedded.getAddressSettings().get("#");
        AddressSettings actual = standalone.getAddressSettings().get("#");
        assertThat(actual).isNotNull();
        assertThat(String.valueOf(actual.getDeadLetterAddress())).isEqualTo(String.valueOf(expected.getDeadLetterAddress()));
        assertThat(actual.isAutoCreateDeadLetterResources()).isEqualTo(expected.isAutoCreateDeadLetterResources());
        assertThat(String.valueOf(actual.getDeadLetterQueuePrefix())).isEqualTo(String.valueOf(expected.getDeadLetterQueuePrefix()));
        assertThat(String.valueOf(actual.getExpiryAddress())).isEqualTo(String.valueOf(expected.getExpiryAddress()));
        assertThat(actual.isAutoCreateExpiryResources()).isEqualTo(expected.isAutoCreateExpiryResources());
        assertThat(actual.getMaxDeliveryAttempts()).isEqualTo(expected.getMaxDeliveryAttempts());
        assertThat(actual.getRedeliveryDelay()).isEqualTo(expected.getRedeliveryDelay());
        assertThat(actual.getRedeliveryMultiplier()).isEqualTo(expected.getRedeliveryMultiplier());
        assertThat(actual.getMaxRedeliveryDelay()).isEqualTo(expected.getMaxRedeliveryDelay());

        // The per-queue settings (the webhook queues of förbund with a webhook), key by key.
        embedded.getAddressSettings().forEach((match, settings) -> {
            AddressSettings own = standalone.getAddressSettings().get(match);
            assertThat(own).as("address-setting %s in broker.xml", match).isNotNull();
            assertThat(String.valueOf(own.getDeadLetterAddress())).as(match)
                    .isEqualTo(String.valueOf(settings.getDeadLetterAddress()));
            assertThat(own.getRedeliveryDelay()).as(match).isEqualTo(settings.getRedeliveryDelay());
            assertThat(own.isAutoCreateDeadLetterResources()).as(match).isEqualTo(settings.isAutoCreateDeadLetterResources());
        });

        List<QueueConfiguration> standaloneQueues = standalone.getAddressConfigurations().stream()
                .map(CoreAddressConfiguration::getQueueConfigs).flatMap(List::stream).toList();
        assertThat(describe(standaloneQueues)).containsExactlyInAnyOrderElementsOf(describe(embedded.getQueueConfigs()));
        assertThat(standalone.getAddressConfigurations().stream().map(CoreAddressConfiguration::getName).toList())
                .containsAll(embedded.getAddressConfigurations().stream().map(CoreAddressConfiguration::getName).toList());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Set<String> describe(Collection<QueueConfiguration> queues) {
        return queues.stream().map(queue -> queue.getName() + "@" + queue.getAddress() + " "
                + (queue.getRoutingType() == null ? RoutingType.ANYCAST : queue.getRoutingType())
                + (Boolean.FALSE.equals(queue.isDurable()) ? " non-durable" : " durable"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Path brokerXml() {
        return ROOT.resolve("docker/artemis/etc-override/broker.xml");
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> elements(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS(CORE, localName);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static String text(Document xml, String localName) {
        return elements(xml.getDocumentElement(), localName).stream().findFirst()
                .map(element -> element.getTextContent().strip()).orElse(null);
    }

    private static Element addressSetting(Document xml, String match) {
        return elements(xml.getDocumentElement(), "address-setting").stream()
                .filter(setting -> setting.getAttribute("match").equals(match)).findFirst()
                .orElseThrow(() -> new AssertionError("no address-setting for " + match));
    }

    private static Map<String, String> childTexts(Element parent) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                texts.put(element.getLocalName(), element.getTextContent().strip());
            }
        }
        return texts;
    }

    private static List<String> forbundIds() throws IOException {
        return list(yaml(ROOT.resolve("config/forbund.yml")).get("forbund")).stream()
                .map(entry -> String.valueOf(map(entry).get("id"))).toList();
    }

    /** ${NAME...} placeholders with an environment-variable name in a config file. */
    private static Set<String> environmentPlaceholders(Path file) throws IOException {
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(Files.readString(file));
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Set<String> requiredVariables() {
        Set<String> names = new TreeSet<>();
        for (String text : strings(compose)) {
            Matcher m = REQUIRED.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The variable of a value that is exactly ${NAME:?message}, or null. */
    private static String requiredVariable(String value) {
        Matcher m = REQUIRED.matcher(value == null ? "" : value);
        return m.matches() ? m.group(1) : null;
    }

    /** Whether the NAME=value line at index sits in a block (no blank line) that starts with comments. */
    private static boolean commentedBlock(List<String> lines, int index) {
        for (int i = index - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (line.startsWith("#")) {
                return true;
            }
            if (line.isEmpty()) {
                return false;
            }
        }
        return false;
    }

    /** Every string in a parsed YAML tree, keys included: what compose interpolates. */
    private static List<String> strings(Object node) {
        List<String> all = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                all.addAll(strings(key));
                all.addAll(strings(value));
            });
        } else if (node instanceof List<?> l) {
            l.forEach(item -> all.addAll(strings(item)));
        } else if (node instanceof String s) {
            all.add(s);
        }
        return all;
    }

    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return map(services.get(name));
    }

    private static List<String> ports(String service) {
        return list(service(service).get("ports")).stream().map(String::valueOf).toList();
    }

    private static List<String> volumes(String service) {
        return list(service(service).get("volumes")).stream().map(String::valueOf).toList();
    }

    /** A service's environment, in either of compose's forms (map, or list of NAME=value). */
    private static Map<String, String> environment(Map<String, Object> service) {
        Object environment = service.get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> m) {
            m.forEach((key, value) -> result.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
        } else {
            for (Object entry : list(environment)) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                result.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
            }
        }
        return result;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object document = new Yaml(options).load(reader);
            assertThat(document).as("%s is a YAML mapping", file.getFileName()).isInstanceOf(Map.class);
            return map(document);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    private static List<?> list(Object node) {
        if (node == null) {
            return List.of();
        }
        assertThat(node).isInstanceOf(List.class);
        return (List<?>) node;
    }

    /** How a variable is known to be read by the hub. */
    enum Rule {
        /** The environment form of a configuration property in the metadata. */
        PROPERTY,
        /** An element or key below a list or map property in the metadata. */
        PROPERTY_ELEMENT,
        /** A placeholder in config/*.yml (${...}) or in a route (&#123;&#123;...&#125;&#125;). */
        PLACEHOLDER,
        /** Read by the JVM itself. */
        JVM
    }

    record Match(Rule rule, String name) {
    }

    /**
     * Every environment variable the hub reads: the environment forms of every configuration
     * property in the configuration metadata on the classpath (Spring Boot's, the Camel starters',
     * Hawtio's and the project's own), the placeholders of config/*.yml and routes/*.camel.yaml,
     * and a short list of variables the JVM reads.
     */
    static final class KnownSettings {

        /** Read by the JVM itself; keep this list short and explicit. */
        static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

        private static final List<String> METADATA = List.of(
                "META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json");

        private final Map<String, Match> exact = new LinkedHashMap<>();
        /** Environment form + "_" of list and map properties, to their property name. */
        private final Map<String, String> containers = new LinkedHashMap<>();
        private final Set<String> projectProperties = new TreeSet<>();

        static KnownSettings load(Path root) throws IOException {
            KnownSettings known = new KnownSettings();
            ObjectMapper json = new ObjectMapper();
            ClassLoader loader = DockerComposeTest.class.getClassLoader();
            for (String resource : METADATA) {
                Enumeration<URL> urls = loader.getResources(resource);
                while (urls.hasMoreElements()) {
                    try (InputStream in = urls.nextElement().openStream()) {
                        for (JsonNode property : json.readTree(in).path("properties")) {
                            if (!"error".equals(property.path("deprecation").path("level").asText())) {
                                known.addProperty(property.path("name").asText(), property.path("type").asText(""));
                            }
                        }
                    }
                }
            }
            known.addPlaceholders(root.resolve("config"), "*.yml", Pattern.compile("\\$\\{([^}:\\s]+)"));
            known.addPlaceholders(root.resolve("routes"), "*.camel.yaml", Pattern.compile("\\{\\{([^}:\\s]+)"));
            JVM_VARIABLES.forEach(variable -> known.exact.put(variable, new Match(Rule.JVM, variable)));
            return known;
        }

        /**
         * The environment variables Spring Boot binds to {@code property}: uppercase, {@code .} and
         * list indexes ({@code [0]}) as {@code _}, and dashes removed (the documented form) or as
         * {@code _} (the legacy form, which Boot's SystemEnvironmentPropertyMapper still accepts).
         */
        static Set<String> environmentForms(String property) {
            String dotted = property.replace("[", ".").replace("]", "");
            Set<String> forms = new LinkedHashSet<>();
            forms.add(dotted.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT));
            forms.add(dotted.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT));
            return forms;
        }

        private void addProperty(String name, String type) {
            if (name.startsWith("gransnav.")) {
                projectProperties.add(name);
            }
            for (String form : environmentForms(name)) {
                exact.putIfAbsent(form, new Match(Rule.PROPERTY, name));
                if (type.startsWith("java.util.Map") || type.startsWith("java.util.List")
                        || type.startsWith("java.util.Set") || type.startsWith("java.util.Collection")
                        || type.endsWith("[]")) {
                    containers.putIfAbsent(form + "_", name);
                }
            }
        }

        private void addPlaceholders(Path folder, String glob, Pattern placeholder) throws IOException {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
                for (Path file : files) {
                    Matcher m = placeholder.matcher(Files.readString(file));
                    while (m.find()) {
                        String name = m.group(1);
                        // ${GRANSNAV_X_SECRET} names a variable; ${gransnav.data-dir} a property,
                        // which Spring resolves from the environment by the same relaxed rules.
                        Set<String> forms = name.matches("[A-Z][A-Z0-9_]*") ? Set.of(name) : environmentForms(name);
                        forms.forEach(form -> exact.putIfAbsent(form, new Match(Rule.PLACEHOLDER, name)));
                    }
                }
            }
        }

        Optional<Match> match(String variable) {
            Match match = exact.get(variable);
            if (match != null) {
                return Optional.of(match);
            }
            return containers.entrySet().stream()
                    .filter(container -> variable.startsWith(container.getKey())
                            && variable.length() > container.getKey().length())
                    .map(container -> new Match(Rule.PROPERTY_ELEMENT, container.getValue()))
                    .findFirst();
        }

        /** The variables of {@code variables} that the hub does not read, in order. */
        List<String> unknown(Collection<String> variables) {
            return variables.stream().filter(variable -> match(variable).isEmpty()).toList();
        }

        Set<String> projectProperties() {
            return projectProperties;
        }
    }
}
