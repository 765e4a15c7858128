package se.gransnav.system;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM starts every JVM shutdown hook at once. H2 has one of its own that closes an embedded
 * database unless its URL says {@code DB_CLOSE_ON_EXIT=FALSE}; the hub's routes and requests still
 * finishing in Spring's (graceful) shutdown then failed on a closed database ("Database is already
 * closed"), seen by {@code MixedLoadKillTest}. This opens the database with the URL of
 * {@code config/application.yml} in a JVM of its own, exits it, and queries it from another
 * shutdown hook after H2's would have run.
 */
class EmbeddedDatabaseShutdownTest {

    @TempDir
    Path data;

    @Test
    void theEmbeddedDatabaseStaysOpenWhileTheHubShutsDown() throws Exception {
        var yaml = new YamlPropertySourceLoader().load("application", new FileSystemResource("config/application.yml"));
        String url = String.valueOf(yaml.get(0).getProperty("spring.datasource.url"))
                .replace("${gransnav.data-dir}", data.toString());

        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ExitingDatabaseUser.class.getName(), url))
                .directory(new File(System.getProperty("user.dir"))).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(output).contains("query during shutdown: 1");
    }

    /** Opens the database, then exits; a shutdown hook queries it a moment later. */
    public static final class ExitingDatabaseUser {

        public static void main(String[] args) throws Exception {
            Connection connection = DriverManager.getConnection(args[0], "gransnav", "");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(1_000);
                    try (ResultSet rs = connection.createStatement().executeQuery("select 1")) {
                        rs.next();
                        System.out.println("query during shutdown: " + rs.getInt(1));
                    }
                    connection.close();
                } catch (Exception e) {
                    System.out.println("query during shutdown failed: " + e.getClass().getName());
                }
            }));
            System.exit(0);
        }
    }
}
