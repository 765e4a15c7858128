package se.gransnav.system;

import jakarta.jms.ConnectionFactory;

import org.apache.camel.component.jms.JmsComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.JmsTransactionManager;

/**
 * The Camel {@code jms} component over Boot's pooled Artemis connection factory (embedded or
 * native alike). Consumers that say {@code transacted=true} receive, process and send inside one
 * local JMS transaction: a failure rolls everything back and the broker redelivers, with its own
 * growing delays, and finally moves the message to its dead-letter queue. Retries live only in the
 * broker; Camel does not retry on top.
 *
 * <p>The transaction manager is deliberately not a Spring bean: a bean would displace Boot's JDBC
 * transaction manager, and {@code @Transactional} on the tracking store must stay on the database.
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
        jms.setTransactionManager(new JmsTransactionManager(connectionFactory));
        jms.setCacheLevelName("CACHE_CONSUMER");
        jms.setDeliveryPersistent(true);
        jms.setAllowNullBody(false);
        return jms;
    }
}
