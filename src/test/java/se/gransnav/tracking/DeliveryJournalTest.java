package se.gransnav.tracking;

import org.apache.camel.spring.SpringCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On SIGTERM Camel lets the deliveries in flight finish, and each records itself in the journal:
 * the journal must still be writing then. Spring stops lifecycle beans from the highest phase
 * down, so the journal's phase must be below Camel's (it was above, and the records of the
 * deliveries that finished during a graceful stop were never written).
 */
class DeliveryJournalTest {

    @Test
    void theJournalStopsOnlyAfterCamelHasStoppedDelivering() {
        int camel = new SpringCamelContext().getPhase();

        assertThat(new DeliveryJournal(null).getPhase()).isLessThan(camel);
    }
}
