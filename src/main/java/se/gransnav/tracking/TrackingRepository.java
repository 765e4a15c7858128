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

    TrackingRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
            jdbc.update("insert into tracked_message (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    message.trackingId(), message.partnerId(), message.messageId(), message.messageType(),
                    message.channel(), message.forbundId(), message.status().name(), message.receivedAt(),
                    message.updatedAt());
        } catch (DuplicateKeyException e) {
            return false;
        }
        addEvents(message.trackingId(), events);
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
        jdbc.batchUpdate("insert into tracked_message (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                });
        List<Map.Entry<String, TrackingEvent>> steps = new ArrayList<>();
        for (TrackedMessage m : messages) {
            journeys.get(m).forEach(e -> steps.add(Map.entry(m.trackingId(), e)));
        }
        addEvents(steps);
    }

    /** {@link #advance} for many messages in one transaction, all with the same step. */
    @Transactional
    public void advanceAll(List<String> trackingIds, TrackingStatus from, TrackingStatus to, TrackingEvent event) {
        jdbc.batchUpdate("update tracked_message set status = ?, updated_at = ? where tracking_id = ? and status = ?",
                trackingIds, trackingIds.size(), (ps, id) -> {
                    ps.setString(1, to.name());
                    ps.setObject(2, event.occurredAt());
                    ps.setString(3, id);
                    ps.setString(4, from.name());
                });
        addEvents(trackingIds.stream().map(id -> Map.entry(id, event)).toList());
    }

    /**
     * Moves a message from {@code from} to {@code to} and records the step; a message that has
     * already moved on (e.g. delivered before the acceptance was recorded) keeps its status.
     */
    @Transactional
    public void advance(String trackingId, TrackingStatus from, TrackingStatus to, TrackingEvent event) {
        jdbc.update("update tracked_message set status = ?, updated_at = ? where tracking_id = ? and status = ?",
                to.name(), event.occurredAt(), trackingId, from.name());
        addEvents(trackingId, List.of(event));
    }

    /** Sets the status whatever it was, and records the step. */
    @Transactional
    public void record(String trackingId, TrackingStatus status, TrackingEvent event) {
        jdbc.update("update tracked_message set status = ?, updated_at = ? where tracking_id = ?",
                status.name(), event.occurredAt(), trackingId);
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

    public List<TrackingEvent> journey(String trackingId) {
        return jdbc.query("select occurred_at, step, channel, detail from tracking_event "
                        + "where tracking_id = ? order by occurred_at, id",
                (rs, i) -> new TrackingEvent(rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getString("step"), rs.getString("channel"), rs.getString("detail")),
                trackingId);
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
