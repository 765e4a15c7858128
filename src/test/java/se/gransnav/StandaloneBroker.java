package se.gransnav;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone Artemis broker production runs (docker-compose.yml), as a child process of the
 * test: an instance made by the distribution's own {@code bin/artemis create} (login required, one
 * user, role {@code amq}) from the distribution Maven unpacks into {@code target/artemis-distribution}
 * (pom.xml), configured with the project's {@code docker/artemis/etc-override/} copied over its
 * {@code etc/} as the compose file does — the one source of the hub's queues and address settings —
 * with only the acceptor moved to 127.0.0.1 and a free port. Started with {@code bin/artemis run};
 * {@link #kill} is SIGKILL, and {@link #start} again runs it on the same journal and port.
 *
 * <p>Only the one acceptor of broker.xml listens (CORE, AMQP, STOMP and OpenWire on one port): the
 * instance is created without the AMQP, MQTT, STOMP and HornetQ acceptors of the default broker.xml
 * and without the web console, whose ports (5672, 1883, 8161, ...) may be taken on the machine.
 */
public final class StandaloneBroker implements AutoCloseable {

    private static final Path DISTRIBUTIONS = Path.of("target", "artemis-distribution");
    private static final Path ETC_OVERRIDE = Path.of("docker", "artemis", "etc-override");
    /** The acceptor of the compose broker.xml: all interfaces of the container, port 61616. */
    private static final String COMPOSE_ACCEPTOR = "tcp://0.0.0.0:61616?";

    private final Path instance;
    private final int port;
    private final String user = "hub";
    private final String password = "test-" + UUID.randomUUID();
    private Process process;
    private int starts;

    private StandaloneBroker(Path instance, int port) {
        this.instance = instance;
        this.port = port;
    }

    /** Creates a broker instance in {@code instance} (a folder that need not exist yet); not started. */
    public static StandaloneBroker create(Path instance) throws IOException, InterruptedException {
        StandaloneBroker broker = new StandaloneBroker(instance.toAbsolutePath(), freePort());
        broker.createInstance();
        return broker;
    }

    private void createInstance() throws IOException, InterruptedException {
        Files.createDirectories(instance.getParent());
        Path log = instance.getParent().resolve(instance.getFileName() + "-create.log");
        Process create = artemis(distribution().resolve("bin").resolve("artemis"), List.of(
                "create", instance.toString(),
                "--silent", "--require-login", "--user", user, "--password", password, "--role", "amq",
                "--name", "gransnav-test-broker", "--host", "127.0.0.1", "--default-port", String.valueOf(port),
                "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor",
                "--no-web", "--nio", "--no-autotune", "--java-memory", "512M"))
                .redirectOutput(log.toFile()).start();
        if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
            create.destroyForcibly();
            throw new IllegalStateException("artemis create failed, see " + log + ":\n" + Files.readString(log));
        }
        // As docker-compose.yml does on every start: every file of etc-override/ replaces the
        // generated one. broker.xml listens on 0.0.0.0:61616 in its container; here on a free port.
        try (var files = Files.list(ETC_OVERRIDE)) {
            for (Path file : files.toList()) {
                Path target = instance.resolve("etc").resolve(file.getFileName());
                if (file.getFileName().toString().equals("broker.xml")) {
                    String xml = Files.readString(file, StandardCharsets.UTF_8);
                    assertThat(xml.split(java.util.regex.Pattern.quote(COMPOSE_ACCEPTOR), -1))
                            .as("broker.xml has exactly one acceptor on %s", COMPOSE_ACCEPTOR).hasSize(2);
                    Files.writeString(target, xml.replace(COMPOSE_ACCEPTOR, "tcp://127.0.0.1:" + port + "?"),
                            StandardCharsets.UTF_8);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Runs the broker ({@code bin/artemis run}) and waits until the hub's user can log in. */
    public StandaloneBroker start() throws IOException {
        Path console = instance.resolve("log").resolve("console-" + (++starts) + ".log");
        process = artemis(instance.resolve("bin").resolve("artemis"), List.of("run"))
                .redirectOutput(console.toFile()).start();
        // Never outlive the test JVM, even one that dies before its clean-up.
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(process.isAlive()).as("broker process, see %s", console).isTrue();
            try (Connection ignored = connectionFactory().createConnection()) {
                return true;
            } catch (JMSException e) {
                return false;
            }
        });
        return this;
    }

    /** SIGKILL, as a crashed machine or an OOM killer would: no shutdown of any kind. */
    public void kill() throws InterruptedException {
        // bin/artemis execs the JVM, so this is the broker itself.
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the broker shuts down in order. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The URL the hub is given ({@code spring.artemis.broker-url}); credentials separately. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** A URL for plain JMS clients ({@link ForbundQueueClient}, partners), with the login in it. */
    public String clientUrl() {
        return url() + "?user=" + user + "&password=" + password;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A plain client factory, logged in; fails at once while the broker is down. */
    public ActiveMQConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory(url(), user, password);
    }

    /** A plain client factory that logs in as {@code user}; fails at once while the broker is down. */
    public ActiveMQConnectionFactory connectionFactory(String user, String password) {
        return new ActiveMQConnectionFactory(url(), user, password);
    }

    /**
     * Runs {@code bin/artemis user <arguments>} of the instance against the running broker, logged in
     * as the hub's user, as README "Broker users on the standalone broker" tells operators to (there
     * the password is typed at the prompt; here, without a terminal, it is an argument). The CLI
     * exits 0 even when the broker refuses, so success is its own message.
     *
     * @return what the command printed
     */
    public String userCommand(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("user"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--url", url(), "--user", user, "--password", password, "--silent"));
        Path log = Files.createTempFile(instance.getParent(), "artemis-user-", ".log");
        Process process = artemis(instance.resolve("bin").resolve("artemis"), command).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("artemis user " + arguments[0] + " did not finish, see " + log);
        }
        String output = Files.readString(log);
        assertThat(output).as("artemis %s", String.join(" ", command).replace(password, "***"))
                .contains(arguments[0].equals("list") ? "Total:" : "successfully");
        return output;
    }

    /** Messages now on {@code queue} (the broker's count: waiting, in delivery and scheduled). */
    public long messageCount(String queue) throws JMSException {
        return ((Number) manage(ResourceNames.QUEUE + queue, "messageCount")).longValue();
    }

    /** The names of every queue on the broker (temporary ones included), sorted. */
    public List<String> queueNames() throws JMSException {
        return Arrays.stream((Object[]) manage(ResourceNames.BROKER, "queueNames")).map(Object::toString)
                .sorted().toList();
    }

    /** Reads an attribute over the broker's management address, as the Artemis CLI does. */
    private Object manage(String resource, String attribute) throws JMSException {
        try (Connection connection = connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageProducer producer = session.createProducer(session.createQueue("activemq.management"));
            MessageConsumer consumer = session.createConsumer(replies);
            connection.start();
            Message request = session.createMessage();
            JMSManagementHelper.putAttribute(request, resource, attribute);
            request.setJMSReplyTo(replies);
            producer.send(request);
            Message reply = consumer.receive(10_000);
            if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
                throw new JMSException("management read of " + resource + " " + attribute + " failed");
            }
            try {
                return JMSManagementHelper.getResult(reply);
            } catch (Exception e) {
                throw new JMSException("unreadable management reply for " + resource + " " + attribute);
            }
        }
    }

    /** Copies the broker's logs to {@code target/<folder>/}. */
    public void keepLogs(String folder) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", folder));
        try (var files = Files.list(instance.resolve("log"))) {
            for (Path log : files.toList()) {
                Files.copy(log, logs.resolve("broker-" + log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static ProcessBuilder artemis(Path script, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true);
        // The broker runs on the JDK that runs the tests.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_ARGS");
        return builder;
    }

    private static Path distribution() throws IOException {
        if (!Files.isDirectory(DISTRIBUTIONS)) {
            throw new IllegalStateException(DISTRIBUTIONS + " is missing: the test build (generate-test-resources)"
                    + " unpacks the Artemis distribution there; run the tests through Maven");
        }
        try (var dirs = Files.list(DISTRIBUTIONS)) {
            List<Path> found = dirs.filter(d -> d.getFileName().toString().startsWith("apache-artemis-")).toList();
            assertThat(found).as("one Artemis distribution in %s", DISTRIBUTIONS).hasSize(1);
            return found.get(0).toAbsolutePath();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
