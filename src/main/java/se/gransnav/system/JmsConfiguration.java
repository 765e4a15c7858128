package se.gransnav.system;

import jakarta.jms.ConnectionFactory;

import org.apache.camel.component.jms.JmsComponent;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.beans.factory.DisposableBean;
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

    /**
     * Its own pool on the same broker, for the {@code jmsplain} component: sends through it never
     * join a JMS transaction of the route they run in (the transaction manager knows only the
     * other pool). The accepted queue is written through it: a message's acceptance is protected
     * by its duplicate id, and Artemis fails a whole transaction that carries a duplicate — a
     * partner's resend inside the queue intake's transaction would otherwise fail for ever.
     */
    static final class PlainSendConnections implements DisposableBean {

        final JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();

        PlainSendConnections(ConnectionFactory boots) {
            Object target = boots instanceof JmsPoolConnectionFactory pooled ? pooled.getConnectionFactory() : boots;
            pool.setConnectionFactory(target);
            pool.setMaxConnections(2);
        }

        @Override
        public void destroy() {
            pool.stop();
        }
    }

    @Bean
    PlainSendConnections plainSendConnections(ConnectionFactory connectionFactory) {
        return new PlainSendConnections(connectionFactory);
    }

    @Bean("jmsplain")
    JmsComponent plainJmsComponent(PlainSendConnections connections) {
        JmsComponent jms = JmsComponent.jmsComponent(connections.pool);
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
