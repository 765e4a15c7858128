package se.gransnav.tracking;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracking store on both databases the hub supports: H2 (the embedded default) and
 * PostgreSQL (production). PostgreSQL is the one on 127.0.0.1:5432 (database {@code test}, as on
 * the project's machines and in CI); where it cannot be reached those cases are skipped. Each run
 * migrates a fresh schema with the real Flyway scripts and drops it afterwards.
 */
class TrackingRepositoryTest {

    static final String POSTGRES_URL = System.getProperty("gransnav.test.postgres-url",
            "jdbc:postgresql://127.0.0.1:5432/test");

    private Runnable cleanup = () -> { };

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2"), Arguments.of("PostgreSQL"));
    }

    private TrackingRepository repository(String database) {
        String schema = "tracking_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (database.equals("H2")) {
            DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1", "sa", "");
            Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(h2);
            cleanup = () -> jdbc.execute("shutdown");
            return new TrackingRepository(jdbc);
        }
        Assumptions.assumeTrue(postgresReachable(), "PostgreSQL on 127.0.0.1:5432 not reachable");
        DataSource postgres = new DriverManagerDataSource(POSTGRES_URL, "postgres", "");
        Flyway.configure().dataSource(postgres).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration").load().migrate();
        JdbcTemplate admin = new JdbcTemplate(postgres);
        cleanup = () -> admin.execute("drop schema if exists " + schema + " cascade");
        return new TrackingRepository(new JdbcTemplate(new DriverManagerDataSource(
                POSTGRES_URL + "?currentSchema=" + schema, "postgres", "")));
    }

    static boolean postgresReachable() {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, "postgres", "")) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    @AfterEach
    void dropSchema() {
        cleanup.run();
    }

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 25, 8, 0, 0, 0, ZoneOffset.UTC);

    private static TrackedMessage received(String trackingId, String partner, String messageId) {
        return new TrackedMessage(trackingId, partner, messageId, "REFERRAL", "HTTP", "alvkust",
                TrackingStatus.RECEIVED, T0, T0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aMessageIsTrackedOncePerPartnerAndMessageId(String database) {
        TrackingRepository repository = repository(database);

        assertThat(repository.insert(received("t-1", "kungalv-ame", "M-1"), List.of(TrackingEvent.of(T0, "RECEIVED"))))
                .isTrue();
        assertThat(repository.insert(received("t-2", "kungalv-ame", "M-1"), List.of())).isFalse();
        assertThat(repository.insert(received("t-3", "ale-ame", "M-1"), List.of())).isTrue();

        assertThat(repository.find("kungalv-ame", "M-1")).hasValueSatisfying(m -> {
            assertThat(m.trackingId()).isEqualTo("t-1");
            assertThat(m.status()).isEqualTo(TrackingStatus.RECEIVED);
            assertThat(m.receivedAt().toInstant()).isEqualTo(T0.toInstant());
        });
        assertThat(repository.find("kungalv-ame", "M-2")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void statusMovesOnlyForwardAndTheJourneyKeepsItsOrder(String database) {
        TrackingRepository repository = repository(database);
        repository.insert(received("t-1", "kungalv-ame", "M-1"), List.of(TrackingEvent.of(T0, "RECEIVED"),
                new TrackingEvent(T0.plusSeconds(1), "ROUTED", null, "forbund alvkust")));

        repository.record("t-1", TrackingStatus.DELIVERED,
                new TrackingEvent(T0.plusSeconds(3), "DELIVERED", "QUEUE", "forbund.alvkust.inbox"));
        // The acceptance is recorded after the delivery here: it must not move the status back.
        repository.advance("t-1", TrackingStatus.RECEIVED, TrackingStatus.ACCEPTED,
                TrackingEvent.of(T0.plusSeconds(2), "ACCEPTED"));

        assertThat(repository.byTrackingId("t-1")).hasValueSatisfying(m ->
                assertThat(m.status()).isEqualTo(TrackingStatus.DELIVERED));
        assertThat(repository.journey("t-1")).extracting(TrackingEvent::step)
                .containsExactly("RECEIVED", "ROUTED", "ACCEPTED", "DELIVERED");
        assertThat(repository.journey("t-1").get(3).channel()).isEqualTo("QUEUE");
    }
}
