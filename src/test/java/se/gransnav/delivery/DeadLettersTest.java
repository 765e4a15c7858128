package se.gransnav.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.jms.JMSException;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import se.gransnav.system.BrokerProperties;
import se.gransnav.system.QueueNames;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final DeadLetters deadLetters = new DeadLetters(
            new BrokerProperties("", "NIO", 152000, 6, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1),
                    DataSize.ofMegabytes(48), DataSize.ofMegabytes(10), 90, Duration.ofSeconds(5)),
            null, new QueueNames("hub.accepted"), Clock.fixed(NOW, ZoneOffset.UTC));

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
                .containsEntry("_AMQ_ORIG_ADDRESS", "hub.accepted")
                .containsEntry("_AMQ_ORIG_QUEUE", "hub.accepted")
                .doesNotContainKeys("_AMQ_DUPL_ID", "JMSXDeliveryCount", "CamelJmsDestinationName");
        assertThat(exchange.getMessage().getBody()).isEqualTo("{\"a\":1}");
        assertThat(exchange.getProperty(DeadLetter.DESTINATION)).isEqualTo("DLQ.hub.accepted");
    }
}
