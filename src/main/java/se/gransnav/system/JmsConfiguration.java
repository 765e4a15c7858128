package se.gransnav.system;

import jakarta.jms.ConnectionFactory;

import org.apache.camel.component.jms.JmsComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Camel {@code jms} component over Boot's pooled Artemis connection factory (embedded or
 * native alike). Consumers that say {@code transacted=true} receive, process and send inside one
 * local JMS transaction: a failure rolls everything back and the broker redelivers, with its own
 * growing delays, and finally moves the message to its dead-letter queue. Retries live only in the
 * broker; Camel does not retry on top.
 *
 * <p>The transaction is the listener container's own session ({@code lazyCreateTransactionManager}
 * off, no transaction manager): the consumer stays open from message to message
 * ({@code CACHE_CONSUMER}) and the route's sends join its session, which the container commits
 * after the route. With a transaction manager, Spring's container takes a fresh session from the
 * manager for every transaction and opens a consumer on it that it closes <em>before</em> the
 * commit: the broker then frees the participant's JMS group while its message is still
 * uncommitted, hands the participant's next message to another consumer, and that one can commit
 * first — the förbund gets a participant's messages out of order ({@code MixedLoadKillTest},
 * {@code DeliveryConsumersIntegrationTest}).
 *
 * <p>Without a transaction manager there is no Spring transaction synchronisation in these routes:
 * what is to happen "after the commit" ({@code AfterCommit}, {@code MessageAcceptance#recordAccepted})
 * happens at once, at the end of the route, a moment before the container commits.
 */
@Configuration(proxyBeanMethods = false)
class JmsConfiguration {

    @Bean
    PlainSendConnections plainSendConnections(ConnectionFactory connectionFactory) {
        return new PlainSendConnections(connectionFactory);
    }

    @Bean("jmsplain")
    JmsComponent plainJmsComponent(PlainSendConnections connections) {
        JmsComponent jms = JmsComponent.jmsComponent(connections.connectionFactory());
        jms.setDeliveryPersistent(true);
        jms.setAllowNullBody(false);
        return jms;
    }

    @Bean("jms")
    JmsComponent jmsComponent(ConnectionFactory connectionFactory) {
        JmsComponent jms = JmsComponent.jmsComponent(connectionFactory);
        // transacted=true then means the listener session's own local transaction (see above).
        jms.setLazyCreateTransactionManager(false);
        jms.setCacheLevelName("CACHE_CONSUMER");
        jms.setDeliveryPersistent(true);
        jms.setAllowNullBody(false);
        return jms;
    }
}
