package se.gransnav.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the embedded Artemis broker (ignored when {@code spring.artemis.mode=native}, where
 * the standalone broker's own {@code broker.xml} rules).
 *
 * @param acceptor                the TCP acceptor partners and förbund connect to; empty for none
 * @param journalType             NIO (portable) or ASYNCIO (Linux libaio; falls back to NIO)
 * @param journalBufferTimeoutNs  how long the journal gathers writes before one fsync; measured
 *                                with {@code artemis perf-journal} on the target disk (see README)
 * @param maxDeliveryAttempts     deliveries of a message before it is moved to its dead-letter queue
 * @param redeliveryDelay         wait before the first redelivery
 * @param redeliveryMultiplier    growth of the wait for every further redelivery
 * @param maxRedeliveryDelay      the longest wait between redeliveries
 * @param globalMaxSize           message memory of the whole broker; beyond it every address pages
 *                                to disk. The embedded broker shares the hub's heap: Artemis'
 *                                default is half of it, which a backlog fills until the hub spends
 *                                its time collecting garbage (measured with a 256 MB heap)
 * @param addressMaxSize          message memory of one address before it pages to disk
 */
@ConfigurationProperties("gransnav.broker")
public record BrokerProperties(
        @DefaultValue("tcp://127.0.0.1:61616?protocols=CORE,AMQP,STOMP,OPENWIRE") String acceptor,
        @DefaultValue("NIO") String journalType,
        @DefaultValue("152000") int journalBufferTimeoutNs,
        @DefaultValue("6") int maxDeliveryAttempts,
        @DefaultValue("1s") Duration redeliveryDelay,
        @DefaultValue("2.0") double redeliveryMultiplier,
        @DefaultValue("1m") Duration maxRedeliveryDelay,
        @DefaultValue("48MB") DataSize globalMaxSize,
        @DefaultValue("10MB") DataSize addressMaxSize,
        @DefaultValue("90") int maxDiskUsage,
        @DefaultValue("5s") Duration diskScanPeriod) {
}
