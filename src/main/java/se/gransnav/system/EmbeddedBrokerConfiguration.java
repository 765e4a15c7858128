package se.gransnav.system;

import java.util.ArrayList;
import java.util.List;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

import se.gransnav.routing.Forbund;
import se.gransnav.routing.ForbundRegistry;
import se.gransnav.security.PartnerRegistry;

/**
 * Makes Spring Boot's embedded Artemis fit for production: a persistent journal with a measured
 * flush timer, a TCP acceptor for every protocol partners use, redelivery with growing delays, a
 * dead-letter queue per queue ({@code DLQ.<queue>}) and an expiry queue per queue, and the hub's queues
 * (each with its dead-letter queue as an address of its own) created up front so a förbund can
 * connect before its first message arrives. The webhook queue of a
 * förbund ({@code hub.webhook.<id>}) gets no broker redelivery delay, so a message rolled back there
 * stays ahead of the ones behind it, and its own dead-letter address {@code DLQ.hub.webhook.<id>},
 * where the webhook route also moves what its retries could not deliver. Boot calls this
 * customizer only in embedded mode; a standalone broker is configured by its own broker.xml.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class EmbeddedBrokerConfiguration {

    static final String DEAD_LETTER_ADDRESS = "DLA";
    static final String EXPIRY_ADDRESS = "ExpiryQueue";

    @Bean
    ArtemisConfigurationCustomizer gransnavBrokerCustomizer(BrokerProperties broker, QueueNames queues,
                                                            ForbundRegistry forbundRegistry,
                                                            PartnerRegistry partnerRegistry) {
        return configuration -> customize(configuration, broker, queues, forbundRegistry, partnerRegistry);
    }

    static void customize(Configuration configuration, BrokerProperties broker, QueueNames queues,
                          ForbundRegistry forbundRegistry, PartnerRegistry partnerRegistry) {
        configuration.setJournalType(JournalType.valueOf(broker.journalType()));
        configuration.setJournalBufferTimeout_NIO(broker.journalBufferTimeoutNs());
        configuration.setJournalBufferTimeout_AIO(broker.journalBufferTimeoutNs());
        configuration.setJMXManagementEnabled(true);
        configuration.setGlobalMaxSize(broker.globalMaxSize().toBytes());
        // Beyond this share of its disk the broker blocks producers; intake checks it first and
        // answers 503 (StorageGuard) instead of hanging in a blocked send.
        configuration.setMaxDiskUsage(broker.maxDiskUsage());
        configuration.setDiskScanPeriod((int) broker.diskScanPeriod().toMillis());
        if (broker.acceptor() != null && !broker.acceptor().isBlank()) {
            try {
                configuration.addAcceptorConfiguration("tcp", broker.acceptor());
            } catch (Exception e) {
                throw new IllegalStateException("gransnav.broker.acceptor is not a valid acceptor URL", e);
            }
        }
        AddressSettings settings = new AddressSettings()
                .setDeadLetterAddress(org.apache.activemq.artemis.api.core.SimpleString.of(DEAD_LETTER_ADDRESS))
                .setAutoCreateDeadLetterResources(true)
                .setDeadLetterQueuePrefix(org.apache.activemq.artemis.api.core.SimpleString.of("DLQ."))
                .setExpiryAddress(org.apache.activemq.artemis.api.core.SimpleString.of(EXPIRY_ADDRESS))
                .setAutoCreateExpiryResources(true)
                .setMaxDeliveryAttempts(broker.maxDeliveryAttempts())
                .setRedeliveryDelay(broker.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(broker.redeliveryMultiplier())
                .setMaxRedeliveryDelay(broker.maxRedeliveryDelay().toMillis())
                .setMaxSizeBytes(broker.addressMaxSize().toBytes())
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE);
        configuration.addAddressSetting("#", settings);

        // The dead-letter and expiry addresses get no queue of their own: Artemis creates
        // DLQ.<queue> (and ExpiryQueue.<queue>) on them per source queue. A plain queue there as
        // well would hold a second copy of every dead letter.
        for (String address : List.of(DEAD_LETTER_ADDRESS, EXPIRY_ADDRESS)) {
            configuration.addAddressConfiguration(new CoreAddressConfiguration()
                    .setName(address).addRoutingType(RoutingType.ANYCAST));
        }
        List<String> names = new ArrayList<>();
        for (String queue : queues.hubQueues(forbundRegistry, partnerRegistry)) {
            names.add(queue);
            names.add(QueueNames.deadLetters(queue));
            configuration.addAddressSetting(queue, deadLetterSettings(queue));
        }
        for (Forbund forbund : forbundRegistry.all()) {
            if (forbund.webhook() != null) {
                configuration.addAddressSetting(QueueNames.webhook(forbund.id()), webhookSettings(forbund.id()));
            }
        }
        for (String name : names) {
            configuration.addQueueConfiguration(QueueConfiguration.of(name)
                    .setAddress(name)
                    .setRoutingType(RoutingType.ANYCAST)
                    .setDurable(true));
        }
    }

    /**
     * A hub queue's own settings, merged over those of "#": its dead letters go to DLQ.<queue>, an
     * address and queue of its own rather than a filtered queue on DLA, so that the hub's routes
     * can move a message there themselves, with the reason, and the broker's own dead letters
     * (after repeated rollbacks) join them.
     */
    static AddressSettings deadLetterSettings(String queue) {
        return new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(QueueNames.deadLetters(queue)))
                .setAutoCreateDeadLetterResources(false);
    }

    /**
     * The webhook queue's own settings on top: retries happen in the webhook route (Camel,
     * blocking), so the broker must not hold a rolled-back message back while later ones overtake it.
     */
    static AddressSettings webhookSettings(String forbundId) {
        return deadLetterSettings(QueueNames.webhook(forbundId)).setRedeliveryDelay(0L);
    }
}
