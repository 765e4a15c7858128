package se.gransnav;

import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Base of the store tests that run on both databases: parameterise with
 * {@code @MethodSource("se.gransnav.StoreTestSupport#databases")}, call {@link #open} with the
 * parameter, and the schema is dropped after the test.
 */
public abstract class StoreTestSupport {

    private TestDatabases database;

    public static Stream<Arguments> databases() {
        return TestDatabases.both();
    }

    protected JdbcTemplate open(String name) {
        database = TestDatabases.open(name);
        return database.jdbc();
    }

    protected JdbcTemplate jdbc() {
        return database.jdbc();
    }

    @AfterEach
    void dropSchema() {
        if (database != null) {
            database.close();
        }
    }
}
