package se.gransnav;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The two databases the hub supports, for store tests: H2 (the embedded default) and PostgreSQL
 * (production) — the one on 127.0.0.1:5432 (database {@code test}, as on the project's machines
 * and in CI); where it cannot be reached those cases are skipped. Each {@link #open} migrates a
 * fresh schema with the real Flyway scripts; {@link #close} drops it.
 */
public final class TestDatabases implements AutoCloseable {

    static final String POSTGRES_URL = System.getProperty("gransnav.test.postgres-url",
            "jdbc:postgresql://127.0.0.1:5432/test");

    private final JdbcTemplate jdbc;
    private final Runnable cleanup;

    private TestDatabases(JdbcTemplate jdbc, Runnable cleanup) {
        this.jdbc = jdbc;
        this.cleanup = cleanup;
    }

    /** Arguments for a {@code @MethodSource}: "H2" and "PostgreSQL". */
    public static Stream<Arguments> both() {
        return Stream.of(Arguments.of("H2"), Arguments.of("PostgreSQL"));
    }

    public static TestDatabases open(String database) {
        String schema = "gransnav_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (database.equals("H2")) {
            DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1", "sa", "");
            Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(h2);
            return new TestDatabases(jdbc, () -> jdbc.execute("shutdown"));
        }
        Assumptions.assumeTrue(postgresReachable(), "PostgreSQL on 127.0.0.1:5432 not reachable");
        DataSource postgres = new DriverManagerDataSource(POSTGRES_URL, "postgres", "");
        Flyway.configure().dataSource(postgres).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration").load().migrate();
        JdbcTemplate admin = new JdbcTemplate(postgres);
        return new TestDatabases(new JdbcTemplate(new DriverManagerDataSource(
                POSTGRES_URL + "?currentSchema=" + schema, "postgres", "")),
                () -> admin.execute("drop schema if exists " + schema + " cascade"));
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        cleanup.run();
    }

    static boolean postgresReachable() {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, "postgres", "")) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }
}
