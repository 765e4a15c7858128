package se.gransnav.tracking;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import se.gransnav.StoreTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracking store on both databases the hub supports ({@link TestDatabases}). */
class TrackingRepositoryTest extends StoreTestSupport {

    private TrackingRepository repository(String name) {
        return new TrackingRepository(open(name));
    }

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 25, 8, 0, 0, 0, ZoneOffset.UTC);

    private static TrackedMessage received(String trackingId, String partner, String messageId) {
        return new TrackedMessage(trackingId, partner, messageId, "REFERRAL", "HTTP", "alvkust",
                TrackingStatus.RECEIVED, T0, T0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("se.gransnav.StoreTestSupport#databases")
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
    @MethodSource("se.gransnav.StoreTestSupport#databases")
    void statusMovesOnlyForwardAndTheJourneyKeepsItsOrder(String database) {
        TrackingRepository repository = repository(database);
        repository.insert(received("t-1", "kungalv-ame", "M-1"), List.of(TrackingEvent.of(T0, "RECEIVED"),
                TrackingEvent.of(T0.plusSeconds(1), "VALIDATED"),
                new TrackingEvent(T0.plusSeconds(1), "FLAGGED", null, "RESCHEDULED for a meeting not seen"),
                new TrackingEvent(T0.plusSeconds(1), "ROUTED", null, "forbund alvkust")));

        repository.record("t-1", TrackingStatus.DELIVERED,
                new TrackingEvent(T0.plusSeconds(3), "DELIVERED", "QUEUE", "forbund.alvkust.inbox"));
        // The acceptance is recorded after the delivery here: it must not move the status back.
        repository.advance("t-1", TrackingStatus.RECEIVED, TrackingStatus.ACCEPTED,
                TrackingEvent.of(T0.plusSeconds(2), "ACCEPTED"));

        assertThat(repository.byTrackingId("t-1")).hasValueSatisfying(m ->
                assertThat(m.status()).isEqualTo(TrackingStatus.DELIVERED));
        assertThat(repository.journey("t-1")).extracting(TrackingEvent::step)
                .containsExactly("RECEIVED", "VALIDATED", "FLAGGED", "ROUTED", "ACCEPTED", "DELIVERED");
        List<TrackingEvent> journey = repository.journey("t-1");
        assertThat(journey.get(0).channel()).isEqualTo("HTTP");
        assertThat(journey.get(3).detail()).isEqualTo("forbund alvkust");
        assertThat(journey.get(4).occurredAt().toInstant()).isEqualTo(T0.plusSeconds(2).toInstant());
        assertThat(journey.get(5).channel()).isEqualTo("QUEUE");
        assertThat(repository.journey("unknown")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("se.gransnav.StoreTestSupport#databases")
    void manyMessagesAreInsertedAcceptedAndDeliveredTogether(String database) {
        TrackingRepository repository = repository(database);
        java.util.Map<TrackedMessage, List<TrackingEvent>> journeys = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            journeys.put(received("t-" + i, "ale-ame", "M-" + i), List.of(TrackingEvent.of(T0, "RECEIVED")));
        }
        repository.insertAll(journeys);
        assertThat(repository.byTrackingIds(List.of("t-1", "t-3", "t-9"))).containsOnlyKeys("t-1", "t-3");

        repository.advanceAll(List.of("t-1", "t-2"), TrackingStatus.RECEIVED, TrackingStatus.ACCEPTED,
                TrackingEvent.of(T0.plusSeconds(1), "ACCEPTED"));
        repository.recordAll(TrackingStatus.DELIVERED, List.of(java.util.Map.entry("t-2",
                new TrackingEvent(T0.plusSeconds(2), "DELIVERED", "QUEUE", "forbund.alvkust.inbox"))));

        assertThat(repository.byTrackingIds(List.of("t-1", "t-2", "t-3")).values())
                .extracting(m -> m.trackingId() + "=" + m.status())
                .containsExactlyInAnyOrder("t-1=ACCEPTED", "t-2=DELIVERED", "t-3=RECEIVED");
        assertThat(repository.journey("t-2")).extracting(TrackingEvent::step)
                .containsExactly("RECEIVED", "VALIDATED", "ROUTED", "ACCEPTED", "DELIVERED");
        assertThat(repository.journey("t-3")).extracting(TrackingEvent::step)
                .containsExactly("RECEIVED", "VALIDATED", "ROUTED");
        assertThat(jdbc().queryForObject("select count(*) from tracking_event", Integer.class))
                .as("only the delivery is a row of its own").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("se.gransnav.StoreTestSupport#databases")
    void aBatchHoldingAKnownMessageFailsOnTheKey(String database) {
        TrackingRepository repository = repository(database);
        repository.insert(received("t-2", "ale-ame", "M-2"), List.of());
        java.util.Map<TrackedMessage, List<TrackingEvent>> journeys = new java.util.LinkedHashMap<>();
        journeys.put(received("t-1", "ale-ame", "M-1"), List.of(TrackingEvent.of(T0, "RECEIVED")));
        journeys.put(received("t-2", "ale-ame", "M-2"), List.of(TrackingEvent.of(T0, "RECEIVED")));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> repository.insertAll(journeys))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("se.gransnav.StoreTestSupport#databases")
    void retentionDeletesOnlyFinishedRecordsOlderThanTheCutOffWithTheirJourneys(String database) {
        TrackingRepository repository = repository(database);
        OffsetDateTime old = T0.minusDays(200);
        for (String id : List.of("old-delivered", "old-dead", "old-on-its-way", "new-delivered")) {
            repository.insert(received(id, "kungalv-ame", id), List.of(TrackingEvent.of(T0, "RECEIVED")));
        }
        repository.record("old-delivered", TrackingStatus.DELIVERED, new TrackingEvent(old, "DELIVERED", "QUEUE", "q"));
        repository.record("old-dead", TrackingStatus.DEAD_LETTERED, new TrackingEvent(old, "DEAD_LETTERED", "QUEUE", "q"));
        jdbc().update("update tracked_message set updated_at = ? where tracking_id = 'old-on-its-way'", old);
        repository.record("new-delivered", TrackingStatus.DELIVERED, new TrackingEvent(T0, "DELIVERED", "QUEUE", "q"));

        assertThat(repository.purgeFinishedBefore(T0.minusDays(180))).isEqualTo(2);

        assertThat(repository.byTrackingId("old-delivered")).isEmpty();
        assertThat(repository.byTrackingId("old-dead")).isEmpty();
        assertThat(jdbc().queryForObject("select count(*) from tracking_event where tracking_id like 'old-d%'",
                Integer.class)).isZero();
        assertThat(repository.byTrackingId("old-on-its-way")).as("still on its way").isPresent();
        assertThat(repository.byTrackingId("new-delivered")).isPresent();
        assertThat(repository.journey("new-delivered")).isNotEmpty();
        assertThat(repository.find("kungalv-ame", "old-delivered")).as("its resend is new again").isEmpty();
    }
    private static TrackedMessage receivedAt(String trackingId, String messageId, OffsetDateTime at) {
        return new TrackedMessage(trackingId, "kungalv-ame", messageId, "REFERRAL", "HTTP", "alvkust",
                TrackingStatus.RECEIVED, at, at);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("se.gransnav.StoreTestSupport#databases")
    void theExportReadsAPeriodInOrderWithOrWithoutAForbund(String database) {
        TrackingRepository repository = repository(database);
        repository.insert(receivedAt("t-before", "M-0", T0.minusSeconds(1)), List.of());
        repository.insert(receivedAt("t-2", "M-2", T0.plusSeconds(2)), List.of());
        repository.insert(received("t-1", "kungalv-ame", "M-1"), List.of());
        repository.insert(new TrackedMessage("t-3", "ale-ame", "M-3", "REFERRAL", "FILE", "finsam-goteborg",
                TrackingStatus.RECEIVED, T0.plusSeconds(3), T0.plusSeconds(3)), List.of());
        repository.insert(receivedAt("t-end", "M-9", T0.plusSeconds(10)), List.of());

        List<String> all = new java.util.ArrayList<>();
        repository.receivedBetween(T0, T0.plusSeconds(10), null, m -> all.add(m.trackingId()));
        List<String> alvkust = new java.util.ArrayList<>();
        repository.receivedBetween(T0, T0.plusSeconds(10), "alvkust", m -> alvkust.add(m.trackingId()));

        assertThat(all).containsExactly("t-1", "t-2", "t-3");
        assertThat(alvkust).containsExactly("t-1", "t-2");
    }
}
