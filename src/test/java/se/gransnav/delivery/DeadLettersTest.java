package se.gransnav.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.jms.JMSException;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import se.gransnav.payload.PayloadCipher;
import se.gransnav.payload.PayloadProperties;
import se.gransnav.system.BrokerProperties;
import se.gransnav.system.QueueNames;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final PayloadCipher cipher = new PayloadCipher(new PayloadProperties(
            se.gransnav.HubIntegrationTestSupport.PAYLOAD_KEY, List.of(), Duration.ofDays(30), Duration.ofHours(1),
            Duration.ofMinutes(1)));
    private final SealedDeadLetters sealing = new SealedDeadLetters(cipher);
    private final DeadLetters deadLetters = new DeadLetters(
            new BrokerProperties("", "NIO", 152000, 6, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1),
                    DataSize.ofMegabytes(48), DataSize.ofMegabytes(10), 90, Duration.ofSeconds(5)),
            null, new QueueNames("hub.accepted"), Clock.fixed(NOW, ZoneOffset.UTC), sealing);

    @BeforeEach
    void start() {
        camel.start();
    }

    private Exchange failed(int deliveryCount, Exception caught) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader("JMSXDeliveryCount", deliveryCount);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, caught);
        return exchange;
    }

    @Test
    void onlyTheLastDeliveryTheBrokerAllowsIsDeadLetteredByTheRoute() {
        IllegalStateException mapping = new IllegalStateException("cannot map");
        assertThat(deadLetters.isLastAttempt(failed(1, mapping))).isFalse();
        assertThat(deadLetters.isLastAttempt(failed(5, mapping))).isFalse();
        assertThat(deadLetters.isLastAttempt(failed(6, mapping))).isTrue();
        assertThat(deadLetters.isLastAttempt(failed(7, mapping))).isTrue();
    }

    @Test
    void notWhenTheBrokerItselfFailsOrTheRoutesOwnSendsHaveBegun() {
        assertThat(deadLetters.isLastAttempt(failed(6, new JMSException("broker gone")))).isFalse();
        assertThat(deadLetters.isLastAttempt(failed(6, new IllegalStateException("wrapped", new JMSException("gone")))))
                .isFalse();
        assertThat(deadLetters.isLastAttempt(failed(6,
                new org.springframework.jms.UncategorizedJmsException("gone")))).isFalse();
        Exchange sending = failed(6, new IllegalStateException("after a send"));
        DeadLetters.sendsBegin(sending);
        assertThat(deadLetters.isLastAttempt(sending)).isFalse();
    }

    @Test
    void notWhileTheHubStops() {
        Exchange exchange = failed(6, new IllegalStateException("cannot map"));
        camel.stop();
        assertThat(deadLetters.isLastAttempt(exchange)).isFalse();
    }

    @Test
    void theReasonIsTheExceptionWithoutPersonalNumbersAndOfBoundedLength() {
        assertThat(DeadLetter.reason(new IllegalArgumentException("participant 19900101-9802 unknown")))
                .isEqualTo("java.lang.IllegalArgumentException: participant [personnummer] unknown");
        assertThat(DeadLetter.reason(new NullPointerException())).isEqualTo("java.lang.NullPointerException");
        assertThat(DeadLetter.reason(null)).isEqualTo("unknown");
        assertThat(DeadLetter.reason(new IllegalStateException("x".repeat(5_000)))).hasSizeLessThan(600);
    }

    @Test
    void aDeadLetterKeepsItsOwnPropertiesAndCorrelationButNotTheBrokersDuplicateId() {
        Exchange exchange = failed(6, new IllegalStateException("cannot map"));
        exchange.getMessage().setBody("{\"a\":1}");
        exchange.getMessage().setHeader("hubTrackingId", "t-1");
        exchange.getMessage().setHeader("JMSXGroupID", "participant-ref");
        exchange.getMessage().setHeader("partnersOwnProperty", "kept");
        exchange.getMessage().setHeader("JMSMessageID", "ID:original");
        exchange.getMessage().setHeader("_AMQ_DUPL_ID", "t-1");
        exchange.getMessage().setHeader("CamelJmsDestinationName", "hub.accepted");

        DeadLetter.mark(exchange, "hub.accepted", "java.lang.IllegalStateException: cannot map", 6, NOW);

        assertThat(exchange.getMessage().getHeaders())
                .containsEntry("hubTrackingId", "t-1")
                .containsEntry("JMSXGroupID", "participant-ref")
                .containsEntry("partnersOwnProperty", "kept")
                .containsEntry("JMSCorrelationID", "ID:original")
                .containsEntry(DeadLetter.REASON, "java.lang.IllegalStateException: cannot map")
                .containsEntry(DeadLetter.ATTEMPTS, 6)
                .containsEntry(DeadLetter.ORIGINAL_QUEUE, "hub.accepted")
                .containsEntry(DeadLetter.DEAD_LETTERED_AT, "2026-11-25T08:00:00Z")
                .containsEntry(DeadLetter.DEAD_LETTERED_AT_MILLIS, NOW.toEpochMilli())
                .containsEntry("_AMQ_ORIG_ADDRESS", "hub.accepted")
                .containsEntry("_AMQ_ORIG_QUEUE", "hub.accepted")
                .doesNotContainKeys("_AMQ_DUPL_ID", "JMSXDeliveryCount", "CamelJmsDestinationName");
        assertThat(exchange.getMessage().getBody()).isEqualTo("{\"a\":1}");
        assertThat(exchange.getProperty(DeadLetter.DESTINATION)).isEqualTo("DLQ.hub.accepted");
    }

    @Test
    void theRouteSealsTheDeadLettersBodyBoundToItsQueueAndTrackingIdAndOpensItOnItsWayBack() {
        String participant = se.gransnav.TestIdentityNumbers.fresh();
        String body = "{\"personalIdentityNumber\":\"" + participant + "\"}";
        Exchange exchange = failed(6, new IllegalStateException("cannot map"));
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader("hubTrackingId", "t-1");
        DeadLetter.mark(exchange, "hub.accepted", "reason", 6, NOW);
        sealing.seal(exchange.getMessage());

        String sealed = exchange.getMessage().getBody(String.class);
        assertThat(sealed).doesNotContain(participant, "personalIdentityNumber");
        assertThat(exchange.getMessage().getHeader(PayloadCipher.VERSION)).isEqualTo("v1");
        assertThat(exchange.getMessage().getHeader(PayloadCipher.KEY_ID)).isEqualTo(cipher.keyId());

        // Failing again while sealed (a seal that cannot be opened): not sealed twice.
        sealing.seal(exchange.getMessage());
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo(sealed);

        // Back through the console's retry: the consuming route's first step opens it.
        sealing.open(exchange);
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo(body);
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKeys(PayloadCipher.VERSION, PayloadCipher.KEY_ID);
        // A message that was never sealed passes unchanged.
        sealing.open(exchange);
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo(body);
    }

    @Test
    void aSealMovedToAnotherMessageDoesNotOpen() {
        Exchange exchange = failed(6, new IllegalStateException("cannot map"));
        exchange.getMessage().setBody("{}");
        exchange.getMessage().setHeader("hubTrackingId", "t-1");
        DeadLetter.mark(exchange, "hub.accepted", "reason", 6, NOW);
        sealing.seal(exchange.getMessage());
        exchange.getMessage().setHeader("hubTrackingId", "t-2");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sealing.open(exchange))
                .isInstanceOf(PayloadCipher.SealedPayloadException.class);
        assertThat(exchange.getMessage().getHeader(PayloadCipher.VERSION)).as("still sealed").isEqualTo("v1");
    }

    @Test
    void thePurgeSelectsByTheDeadLetterTimeElseByTheMessageTimestamp() {
        Instant cutoff = Instant.parse("2026-10-26T08:00:00Z");
        assertThat(DeadLetterRetention.purgeSelector(cutoff)).isEqualTo(
                "(hubDeadLetteredAtMillis IS NOT NULL AND hubDeadLetteredAtMillis < " + cutoff.toEpochMilli()
                        + ") OR (hubDeadLetteredAtMillis IS NULL AND JMSTimestamp < " + cutoff.toEpochMilli() + ")");
    }

    @Test
    void theRetentionBeginsItsLengthBeforeNow() {
        PayloadProperties thirtyDays = new PayloadProperties(se.gransnav.HubIntegrationTestSupport.PAYLOAD_KEY, List.of(),
                Duration.ofDays(30), Duration.ofHours(1), Duration.ofMinutes(1));
        DeadLetterRetention retention = new DeadLetterRetention(null, null, sealing, new QueueNames("hub.accepted"),
                thirtyDays, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(retention.cutoff()).isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
        assertThat(new PayloadProperties("k", null, Duration.ofDays(30), Duration.ofHours(1), Duration.ofMinutes(1))
                .previousKeys()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PayloadProperties("k", List.of(), Duration.ZERO,
                Duration.ofHours(1), Duration.ofMinutes(1))).hasMessageContaining("gransnav.payloads.retention");
        assertThat(retention.consumedByTheHub("hub.accepted")).isTrue();
        assertThat(retention.consumedByTheHub("hub.intake.kungalv-ame")).isTrue();
        assertThat(retention.consumedByTheHub("hub.webhook.it-adapters")).isTrue();
        assertThat(retention.consumedByTheHub("hub.filedrop.it-adapters")).isTrue();
        assertThat(retention.consumedByTheHub("forbund.alvkust.inbox")).isFalse();
        assertThat(retention.consumedByTheHub("hub.receipts.kungalv-ame")).isFalse();
    }
}
