package se.gransnav.tracking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The tracking store: one row per accepted message and its journey. Runs on H2 and PostgreSQL. */
@Repository
public class TrackingRepository {

    private static final String COLUMNS = "tracking_id, partner_id, message_id, message_type, channel, "
            + "forbund_id, status, received_at, updated_at";

    private final JdbcTemplate jdbc;
    private volatile Boolean embeddedH2;

    TrackingRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes every committed change durable before the hub acknowledges it to a partner. PostgreSQL
     * does so on commit. The embedded H2 writes commits in the background, within half a second,
     * which a killed hub would lose; {@code CHECKPOINT} writes them now. (H2's {@code WRITE_DELAY=0}
     * would write every commit at once, but then H2 never compacts its file, which grew by
     * gigabytes per million rows.)
     */
    public void writeToDisk() {
        if (embeddedH2 == null) {
            embeddedH2 = jdbc.execute((java.sql.Connection c) ->
                    c.getMetaData().getDatabaseProductName().equals("H2") && c.getMetaData().getURL().startsWith("jdbc:h2:file:"));
        }
        if (embeddedH2) {
            jdbc.execute("checkpoint");
        }
    }

    public Optional<TrackedMessage> find(String partnerId, String messageId) {
        return jdbc.query("select " + COLUMNS + " from tracked_message where partner_id = ? and message_id = ?",
                TrackingRepository::row, partnerId, messageId).stream().findFirst();
    }

    /**
     * The tracked messages among {@code trackingIds}, by tracking id. (By the primary key: a
     * {@code message_id in (...)} beside the partner is not an index lookup on H2.)
     */
    public Map<String, TrackedMessage> byTrackingIds(Collection<String> trackingIds) {
        Map<String, TrackedMessage> found = new HashMap<>();
        if (trackingIds.isEmpty()) {
            return found;
        }
        String marks = String.join(", ", Collections.nCopies(trackingIds.size(), "?"));
        jdbc.query("select " + COLUMNS + " from tracked_message where tracking_id in (" + marks + ")", rs -> {
            TrackedMessage m = row(rs, 0);
            found.put(m.trackingId(), m);
        }, trackingIds.toArray());
        return found;
    }

    /**
     * Every message received in [{@code from}, {@code to}), oldest first, handed to {@code each}
     * one at a time while the rows are read (a month of messages is never in memory at once);
     * only those for {@code forbundId} when it is not null.
     */
    public void receivedBetween(OffsetDateTime from, OffsetDateTime to, String forbundId,
                                java.util.function.Consumer<TrackedMessage> each) {
        String sql = "select " + COLUMNS + " from tracked_message where received_at >= ? and received_at < ?"
                + (forbundId == null ? "" : " and forbund_id = ?") + " order by received_at, tracking_id";
        Object[] arguments = forbundId == null ? new Object[] {from, to} : new Object[] {from, to, forbundId};
        jdbc.query(connection -> {
            java.sql.PreparedStatement statement = connection.prepareStatement(sql);
            statement.setFetchSize(500);
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            return statement;
        }, rs -> {
            each.accept(row(rs, 0));
        });
    }

    public Optional<TrackedMessage> byTrackingId(String trackingId) {
        return jdbc.query("select " + COLUMNS + " from tracked_message where tracking_id = ?",
                TrackingRepository::row, trackingId).stream().findFirst();
    }

    /**
     * Inserts a message in status {@link TrackingStatus#RECEIVED} with its first journey steps.
     *
     * The row is written on its own (no surrounding transaction), so that a unique-key clash leaves
     * no aborted transaction behind on PostgreSQL.
     *
     * @return false when the partner's messageId is already tracked (a concurrent duplicate)
     */
    public boolean insert(TrackedMessage message, List<TrackingEvent> events) {
        try {
            jdbc.update("insert into tracked_message (" + COLUMNS + ", validated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    message.trackingId(), message.partnerId(), message.messageId(), message.messageType(),
                    message.channel(), message.forbundId(), message.status().name(), message.receivedAt(),
                    message.updatedAt(), validatedAt(message, events));
        } catch (DuplicateKeyException e) {
            return false;
        }
        addEvents(message.trackingId(), stored(events));
        return true;
    }

    /**
     * Inserts many messages in status {@link TrackingStatus#RECEIVED}, with their first journey
     * steps, in one transaction: all or none. The map's order is the order of insertion.
     *
     * @throws DataIntegrityViolationException when one of them is already tracked (then none is)
     */
    @Transactional
    public void insertAll(Map<TrackedMessage, List<TrackingEvent>> journeys) {
        List<TrackedMessage> messages = List.copyOf(journeys.keySet());
        jdbc.batchUpdate("insert into tracked_message (" + COLUMNS + ", validated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                messages, messages.size(), (ps, m) -> {
                    ps.setString(1, m.trackingId());
                    ps.setString(2, m.partnerId());
                    ps.setString(3, m.messageId());
                    ps.setString(4, m.messageType());
                    ps.setString(5, m.channel());
                    ps.setString(6, m.forbundId());
                    ps.setString(7, m.status().name());
                    ps.setObject(8, m.receivedAt());
                    ps.setObject(9, m.updatedAt());
                    ps.setObject(10, validatedAt(m, journeys.get(m)));
                });
        List<Map.Entry<String, TrackingEvent>> steps = new ArrayList<>();
        for (TrackedMessage m : messages) {
            stored(journeys.get(m)).forEach(e -> steps.add(Map.entry(m.trackingId(), e)));
        }
        addEvents(steps);
    }

    /** {@link #advance} for many messages in one transaction, all with the same step. */
    @Transactional
    public void advanceAll(List<String> trackingIds, TrackingStatus from, TrackingStatus to, TrackingEvent event) {
        boolean accepted = ACCEPTED.equals(event.step());
        jdbc.batchUpdate(ADVANCE, trackingIds, trackingIds.size(), (ps, id) -> {
            ps.setString(1, from.name());
            ps.setString(2, to.name());
            ps.setString(3, from.name());
            ps.setObject(4, event.occurredAt());
            ps.setObject(5, accepted ? event.occurredAt() : null);
            ps.setString(6, id);
        });
        if (!accepted) {
            addEvents(trackingIds.stream().map(id -> Map.entry(id, event)).toList());
        }
    }

    /** Status and time move only from {@code from}; the acceptance time is kept once set. */
    private static final String ADVANCE = "update tracked_message set "
            + "status = case when status = ? then ? else status end, "
            + "updated_at = case when status = ? then ? else updated_at end, "
            + "accepted_at = coalesce(accepted_at, ?) where tracking_id = ?";

    /**
     * Moves a message from {@code from} to {@code to} and records the step; a message that has
     * already moved on (e.g. delivered before the acceptance was recorded) keeps its status.
     */
    @Transactional
    public void advance(String trackingId, TrackingStatus from, TrackingStatus to, TrackingEvent event) {
        advanceAll(List.of(trackingId), from, to, event);
    }

    /** Sets the status whatever it was, and records the step. */
    @Transactional
    public void record(String trackingId, TrackingStatus status, TrackingEvent event) {
        jdbc.update("update tracked_message set status = ?, updated_at = ? where tracking_id = ?",
                status.name(), event.occurredAt(), trackingId);
        addEvents(trackingId, List.of(event));
    }

    /** Adds a step to a message's journey without changing its status. */
    public void addStep(String trackingId, TrackingEvent event) {
        addEvents(trackingId, List.of(event));
    }

    /** {@link #record} for many messages in one transaction: (tracking id, step) in order. */
    @Transactional
    public void recordAll(TrackingStatus status, List<Map.Entry<String, TrackingEvent>> steps) {
        jdbc.batchUpdate("update tracked_message set status = ?, updated_at = ? where tracking_id = ?",
                steps, steps.size(), (ps, step) -> {
                    ps.setString(1, status.name());
                    ps.setObject(2, step.getValue().occurredAt());
                    ps.setString(3, step.getKey());
                });
        addEvents(steps);
    }

    /**
     * The message's journey in time order: the steps every message has, from its row, and the
     * others (a FLAGGED notice right after VALIDATED, deliveries per channel, ...) from
     * tracking_event. Empty for an unknown tracking id.
     */
    /**
     * Deletes the records of messages that reached an end (delivered, dead-lettered, rejected or a
     * duplicate) and have not changed since {@code before}, journey included; messages still on
     * their way are kept whatever their age. Returns how many messages were deleted.
     */
    @Transactional
    public int purgeFinishedBefore(OffsetDateTime before) {
        String finished = "select tracking_id from tracked_message where updated_at < ? "
                + "and status in ('DELIVERED', 'DEAD_LETTERED', 'REJECTED', 'DUPLICATE')";
        jdbc.update("delete from tracking_event where tracking_id in (" + finished + ")", before);
        return jdbc.update("delete from tracked_message where updated_at < ? "
                + "and status in ('DELIVERED', 'DEAD_LETTERED', 'REJECTED', 'DUPLICATE')", before);
    }

    public List<TrackingEvent> journey(String trackingId) {
        List<TrackingEvent> journey = new ArrayList<>();
        List<Object[]> rows = jdbc.query("select received_at, channel, validated_at, forbund_id, accepted_at "
                + "from tracked_message where tracking_id = ?", (rs, i) -> new Object[] {
                        rs.getObject("received_at", OffsetDateTime.class), rs.getString("channel"),
                        rs.getObject("validated_at", OffsetDateTime.class), rs.getString("forbund_id"),
                        rs.getObject("accepted_at", OffsetDateTime.class)}, trackingId);
        if (rows.isEmpty()) {
            return journey;
        }
        Object[] row = rows.get(0);
        List<TrackingEvent> stored = jdbc.query("select occurred_at, step, channel, detail from tracking_event "
                        + "where tracking_id = ? order by occurred_at, id",
                (rs, i) -> new TrackingEvent(rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getString("step"), rs.getString("channel"), rs.getString("detail")),
                trackingId);
        OffsetDateTime validated = (OffsetDateTime) row[2];
        journey.add(new TrackingEvent((OffsetDateTime) row[0], "RECEIVED", (String) row[1], null));
        journey.add(TrackingEvent.of(validated, "VALIDATED"));
        stored.stream().filter(e -> FLAGGED.equals(e.step())).forEach(journey::add);
        journey.add(new TrackingEvent(validated, "ROUTED", null, "forbund " + row[3]));
        if (row[4] != null) {
            journey.add(TrackingEvent.of((OffsetDateTime) row[4], ACCEPTED));
        }
        stored.stream().filter(e -> !FLAGGED.equals(e.step())).forEach(journey::add);
        // Stable: steps of the same moment keep the order above.
        journey.sort(java.util.Comparator.comparing(e -> e.occurredAt().toInstant()));
        return journey;
    }

    private static final String ACCEPTED = "ACCEPTED";
    private static final String FLAGGED = "FLAGGED";
    /** Steps every message has: kept in its row, not in tracking_event. */
    private static final java.util.Set<String> IN_ROW = java.util.Set.of("RECEIVED", "VALIDATED", "ROUTED", ACCEPTED);

    private static OffsetDateTime validatedAt(TrackedMessage message, List<TrackingEvent> events) {
        return events.stream().filter(e -> "VALIDATED".equals(e.step())).map(TrackingEvent::occurredAt)
                .findFirst().orElse(message.receivedAt());
    }

    private static List<TrackingEvent> stored(List<TrackingEvent> events) {
        return events.stream().filter(e -> !IN_ROW.contains(e.step())).toList();
    }

    private void addEvents(String trackingId, List<TrackingEvent> events) {
        addEvents(events.stream().map(e -> Map.entry(trackingId, e)).toList());
    }

    private void addEvents(List<Map.Entry<String, TrackingEvent>> events) {
        jdbc.batchUpdate("insert into tracking_event (tracking_id, occurred_at, step, channel, detail) "
                        + "values (?, ?, ?, ?, ?)",
                events, events.size(), (ps, step) -> {
                    TrackingEvent e = step.getValue();
                    ps.setString(1, step.getKey());
                    ps.setObject(2, e.occurredAt());
                    ps.setString(3, e.step());
                    ps.setString(4, e.channel());
                    ps.setString(5, e.detail());
                });
    }

    private static TrackedMessage row(ResultSet rs, int rowNum) throws SQLException {
        return new TrackedMessage(rs.getString("tracking_id"), rs.getString("partner_id"),
                rs.getString("message_id"), rs.getString("message_type"), rs.getString("channel"),
                rs.getString("forbund_id"), TrackingStatus.valueOf(rs.getString("status")),
                rs.getObject("received_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
