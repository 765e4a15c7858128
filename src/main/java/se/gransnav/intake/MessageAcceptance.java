package se.gransnav.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.gransnav.consent.ConsentRegistry;
import se.gransnav.normalise.CanonicalMessageReader;
import se.gransnav.normalise.ValidatedMessage;
import se.gransnav.system.StorageGuard;
import se.gransnav.tracking.SipMeetings;
import se.gransnav.tracking.TrackedMessage;
import se.gransnav.tracking.TrackingEvent;
import se.gransnav.tracking.TrackingRepository;
import se.gransnav.tracking.TrackingStatus;

/**
 * Accepts a validated message for every channel: duplicate check, tracking record, and the
 * outgoing form (canonical message + {@code hub} object + JMS properties) that the
 * {@code accept-message} route sends durably to the hub's accepted queue.
 *
 * <p>Order matters for "nothing lost, nothing twice": the tracking row is written in status
 * RECEIVED <em>before</em> the send and marked ACCEPTED after it. If the hub stops in between, the
 * partner got no answer and retries; the retry sends again under the same tracking id (derived
 * from partner and messageId), and the broker's duplicate-id cache ({@code _AMQ_DUPL_ID} =
 * tracking id) drops the second copy if the first had arrived. A messageId whose row is past
 * RECEIVED is a duplicate.
 */
@Component
public class MessageAcceptance {

    /** Exchange property holding the {@link AcceptanceResult}. */
    public static final String RESULT = "hubAcceptance";

    static final String DUPLICATE_ID_PROPERTY = "_AMQ_DUPL_ID";

    private static final Logger log = LoggerFactory.getLogger(MessageAcceptance.class);

    /** Exchange property holding the {@link ValidatedMessage} being accepted. */
    static final String MESSAGE = "hubValidatedMessage";

    private final TrackingRepository tracking;
    private final StorageGuard storage;
    private final ConsentRegistry consent;
    private final SipMeetings meetings;
    private final TransactionTemplate inDatabaseTransaction;
    private final ObjectMapper json;
    private final Clock clock;

    MessageAcceptance(TrackingRepository tracking, ConsentRegistry consent, SipMeetings meetings,
                      CanonicalMessageReader reader, PlatformTransactionManager database, StorageGuard storage,
                      Clock clock) {
        this.tracking = tracking;
        this.storage = storage;
        this.inDatabaseTransaction = new TransactionTemplate(database);
        this.inDatabaseTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.consent = consent;
        this.meetings = meetings;
        this.json = reader.objectMapper();
        this.clock = clock;
    }

    /**
     * Decides between new and duplicate. For a new message the exchange body becomes the outgoing
     * JSON and its headers exactly the JMS properties to send; nothing else from the partner's
     * request travels on.
     */
    public void prepare(Exchange exchange) throws InvalidPayloadException {
        ValidatedMessage message = exchange.getMessage().getMandatoryBody(ValidatedMessage.class);
        storage.requireRoom();
        TrackedMessage tracked = track(message);
        if (tracked.status() != TrackingStatus.RECEIVED) {
            exchange.setProperty(RESULT, new AcceptanceResult(tracked.trackingId(), AcceptanceResult.Status.DUPLICATE));
            return;
        }
        String trackingId = tracked.trackingId();
        exchange.setProperty(MESSAGE, message);
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setBody(outgoingJson(message, trackingId));
        properties(message, trackingId).forEach(out::setHeader);
        exchange.setProperty(RESULT, new AcceptanceResult(trackingId, AcceptanceResult.Status.ACCEPTED));
    }

    /**
     * Records that the broker has the message; from now on it is the hub's responsibility. The send
     * went through {@code jmsplain}, outside any transaction of the calling route, so the broker
     * keeps the message whatever becomes of that transaction, and the record is made at once (the
     * queue intake's JMS transaction is the listener session's own, which Spring's synchronisation
     * does not see). Should this run inside a Spring-managed transaction, the record still waits
     * for its commit.
     */
    public void recordAccepted(Exchange exchange) {
        AcceptanceResult result = exchange.getProperty(RESULT, AcceptanceResult.class);
        ValidatedMessage message = exchange.getProperty(MESSAGE, ValidatedMessage.class);
        // One database transaction: a consent withdrawal recorded as ACCEPTED is also in force
        // (a resend of it would be a duplicate and never record it again).
        Runnable record = () -> {
            inDatabaseTransaction.executeWithoutResult(status -> {
                OffsetDateTime now = now();
                tracking.advance(result.trackingId(), TrackingStatus.RECEIVED, TrackingStatus.ACCEPTED,
                        TrackingEvent.of(now, "ACCEPTED"));
                participantState(message, now);
            });
            // On disk before the partner hears of it (a withdrawal must not be forgotten).
            tracking.writeToDisk();
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    try {
                        record.run();
                    } catch (RuntimeException e) {
                        // The message is safe on the broker; only the tracking step is missing.
                        log.warn("Accepted {} but could not record it in tracking: {}", result.trackingId(),
                                e.getClass().getName());
                    }
                }
            });
        } else {
            record.run();
        }
    }

    /**
     * What an accepted message changes for later ones: consent withdrawn or given again, a SIP
     * meeting now known. Only messages that change nothing may be accepted in batches
     * ({@link BatchAcceptance#batchable}).
     */
    void participantState(ValidatedMessage message, OffsetDateTime at) {
        consent.accepted(message, at);
        meetings.accepted(message, at);
    }

    /** Whether {@link #prepare} found a new message to send (false for a duplicate). */
    public boolean isNew(Exchange exchange) {
        AcceptanceResult result = exchange.getProperty(RESULT, AcceptanceResult.class);
        return result != null && !result.duplicate();
    }

    /**
     * The tracking row of this partner's messageId: a new one in status RECEIVED, the RECEIVED row
     * of an earlier attempt the partner never got an answer for, or the row of a message already
     * accepted (a duplicate). A concurrent request for the same messageId is settled by the
     * database's unique key.
     */
    private TrackedMessage track(ValidatedMessage message) {
        Optional<TrackedMessage> existing = tracking.find(message.partner().id(), message.messageId());
        if (existing.isPresent()) {
            return existing.get();
        }
        TrackedMessage fresh = received(message, trackingId(message.partner().id(), message.messageId()));
        if (tracking.insert(fresh, journeyStart(message))) {
            return fresh;
        }
        return tracking.find(message.partner().id(), message.messageId()).orElseThrow();
    }

    /**
     * The tracking id of a partner's messageId: derived from the two, not drawn at random, so the
     * same message always goes out under the same id and broker duplicate id. The broker's
     * duplicate-id cache (persisted in its journal) then drops a second copy even when the
     * database has lost the tracking row of the first — as an embedded H2 can lose its last
     * commits when the process is killed. It reveals nothing but what the partner already knows,
     * and tracking answers only the partner that sent the message.
     */
    static String trackingId(String partnerId, String messageId) {
        return UUID.nameUUIDFromBytes(("gransnav-tracking\n" + partnerId + "\n" + messageId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The JMS properties an accepted message carries on the hub's accepted queue. */
    static Map<String, String> properties(ValidatedMessage message, String trackingId) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("hubType", message.type().name());
        properties.put("hubTrackingId", trackingId);
        properties.put("hubForbundId", message.forbund().id());
        properties.put("JMSXGroupID", message.participantRef());
        properties.put(DUPLICATE_ID_PROPERTY, trackingId);
        return properties;
    }

    TrackedMessage received(ValidatedMessage message, String trackingId) {
        return new TrackedMessage(trackingId, message.partner().id(), message.messageId(),
                message.type().name(), message.channel().name(), message.forbund().id(),
                TrackingStatus.RECEIVED, message.receivedAt(), now());
    }

    List<TrackingEvent> journeyStart(ValidatedMessage message) {
        OffsetDateTime validated = now();
        List<TrackingEvent> journey = new ArrayList<>(List.of(
                new TrackingEvent(message.receivedAt(), "RECEIVED", message.channel().name(), null),
                TrackingEvent.of(validated, "VALIDATED")));
        meetings.flag(message, validated).ifPresent(journey::add);
        journey.add(new TrackingEvent(validated, "ROUTED", null, "forbund " + message.forbund().id()));
        return journey;
    }

    String outgoingJson(ValidatedMessage message, String trackingId) {
        ObjectNode out = message.message().deepCopy();
        ObjectNode hub = out.putObject("hub");
        hub.put("trackingId", trackingId);
        hub.put("receivedAt", message.receivedAt().toString());
        hub.put("channel", message.channel().name());
        hub.put("partnerId", message.partner().id());
        hub.put("partnerOrgType", message.partner().organisationType().name());
        hub.put("forbundId", message.forbund().id());
        hub.put("participantRef", message.participantRef());
        try {
            return json.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an outgoing message", e);
        }
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
