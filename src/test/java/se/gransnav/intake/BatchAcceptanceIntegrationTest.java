package se.gransnav.intake;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import se.gransnav.ForbundQueueClient;
import se.gransnav.HubIntegrationTestSupport;
import se.gransnav.normalise.CanonicalMessageReader;
import se.gransnav.normalise.Channel;
import se.gransnav.normalise.ValidatedMessage;
import se.gransnav.security.Partner;
import se.gransnav.security.PartnerRegistry;
import se.gransnav.tracking.TrackingRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batched acceptance of file rows through the real broker and database: each case a single
 * acceptance settles in its own way must come out the same in a batch.
 */
class BatchAcceptanceIntegrationTest extends HubIntegrationTestSupport {

    private static final String QUEUE = "forbund.alvkust.inbox";

    @Autowired
    BatchAcceptance acceptance;

    @Autowired
    CanonicalMessageReader reader;

    @Autowired
    PartnerRegistry partners;

    @Autowired
    TrackingRepository tracking;

    @Autowired
    MessageAcceptance single;

    @Autowired
    JdbcTemplate jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private Partner partner() {
        return partners.byId("kungalv-socialtjanst").orElseThrow();
    }

    private ValidatedMessage statusUpdate(String messageId) {
        ObjectNode message = (ObjectNode) json(new String(sample("canonical-status-exit.json"),
                java.nio.charset.StandardCharsets.UTF_8));
        message.put("messageId", run + "-" + messageId);
        return reader.validate(message, partner(), Channel.FILE, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private ValidatedMessage referral(String messageId) {
        ObjectNode message = (ObjectNode) json(new String(sample("canonical-referral.json"),
                java.nio.charset.StandardCharsets.UTF_8));
        message.put("messageId", run + "-" + messageId);
        // The same participant as the status updates, so that all share one JMS group.
        ((ObjectNode) message.path("participant")).put("personalIdentityNumber", "199003639854");
        return reader.validate(message, partner(), Channel.FILE, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private String trackingId(String messageId) {
        return MessageAcceptance.trackingId("kungalv-socialtjanst", run + "-" + messageId);
    }

    /** Adds the messages to one batch and flushes it; the outcomes in order, true = duplicate. */
    private List<Boolean> accept(ValidatedMessage... messages) {
        List<Boolean> outcomes = new ArrayList<>();
        BatchAcceptance.Batch batch = acceptance.start();
        for (ValidatedMessage m : messages) {
            batch.add(m, outcomes::add);
        }
        batch.flush();
        return outcomes;
    }

    private static int copies(ForbundQueueClient forbund, String trackingId) throws JMSException {
        int n = 0;
        while (forbund.receive(QUEUE, trackingId, n == 0 ? 10_000 : 1_000) != null) {
            n++;
        }
        return n;
    }

    @Test
    void theSameRowTwiceInABatchIsAcceptedOnceAndCountedAsADuplicate() throws Exception {
        assertThat(accept(statusUpdate("a"), statusUpdate("a"), statusUpdate("b"))).containsExactly(false, true, false);
        assertThat(tracking.byTrackingId(trackingId("a")).orElseThrow().status().name()).isIn("ACCEPTED", "DELIVERED");
        try (ForbundQueueClient forbund = new ForbundQueueClient(brokerUrl())) {
            assertThat(copies(forbund, trackingId("a"))).isEqualTo(1);
            assertThat(copies(forbund, trackingId("b"))).isEqualTo(1);
        }
        assertThat(accept(statusUpdate("b"))).as("read again later").containsExactly(true);
    }

    @Test
    void rowsTheDatabaseForgotButTheBrokerHasAreNotDeliveredAgain() throws Exception {
        assertThat(accept(statusUpdate("c"), statusUpdate("d"))).containsExactly(false, false);
        // As an embedded database killed before it wrote its last commits: the rows are gone,
        // the broker still knows the duplicate ids. The broker fails the batch's transaction;
        // the rows go one by one and the broker drops each copy.
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("select count(*) from tracked_message "
                + "where tracking_id in (?, ?) and status = 'DELIVERED'", Integer.class, trackingId("c"), trackingId("d")) == 2);
        jdbc.update("delete from tracking_event where tracking_id in (?, ?)", trackingId("c"), trackingId("d"));
        assertThat(jdbc.update("delete from tracked_message where tracking_id in (?, ?)", trackingId("c"), trackingId("d")))
                .isEqualTo(2);

        assertThat(accept(statusUpdate("c"), statusUpdate("d"), statusUpdate("e"))).containsExactly(false, false, false);

        try (ForbundQueueClient forbund = new ForbundQueueClient(brokerUrl())) {
            for (String id : List.of("c", "d", "e")) {
                assertThat(copies(forbund, trackingId(id))).as(id).isEqualTo(1);
            }
        }
        assertThat(tracking.byTrackingId(trackingId("c"))).isPresent();
    }

    @Test
    void aRowLeftReceivedByAnInterruptedReadingIsSentOnceMore() throws Exception {
        ValidatedMessage interrupted = statusUpdate("g");
        // Tracked as RECEIVED, never sent: the hub stopped between the two.
        tracking.insertAll(java.util.Map.of(single.received(interrupted, trackingId("g")),
                single.journeyStart(interrupted)));

        assertThat(accept(statusUpdate("f"), interrupted, statusUpdate("h"))).containsExactly(false, false, false);

        try (ForbundQueueClient forbund = new ForbundQueueClient(brokerUrl())) {
            for (String id : List.of("f", "g", "h")) {
                assertThat(copies(forbund, trackingId(id))).as(id).isEqualTo(1);
            }
        }
    }

    @Test
    void aReferralBetweenStatusUpdatesKeepsItsPlaceForTheParticipant() throws Exception {
        assertThat(accept(statusUpdate("i"), statusUpdate("j"), referral("k"), statusUpdate("l")))
                .containsExactly(false, false, false, false);
        List<String> expected = List.of(trackingId("i"), trackingId("j"), trackingId("k"), trackingId("l"));
        try (ForbundQueueClient forbund = new ForbundQueueClient(brokerUrl())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> forbund.inQueueOrder(QUEUE, expected).size() == 4);
            assertThat(forbund.inQueueOrder(QUEUE, expected)).containsExactlyElementsOf(expected);
            for (String id : expected) {
                assertThat(copies(forbund, id)).isEqualTo(1);
            }
        }
    }
}
