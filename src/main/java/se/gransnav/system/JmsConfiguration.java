package se.gransnav.system;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
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
 *
 * <p>While a standalone broker is away (StandaloneBrokerKillTest kills it), every connection
 * attempt fails at once and the listener containers try again every {@link #LISTENER_RECOVERY_MS}:
 * see {@link #brokerConnectionsFailFast()}.
 */
@Configuration(proxyBeanMethods = false)
class JmsConfiguration {

    /**
     * How often a listener container whose broker went away tries to connect again (Camel's
     * default is 5 s). Each try costs one refused TCP connect, and one ERROR line in the log.
     */
    static final long LISTENER_RECOVERY_MS = 1_000;

    /**
     * Connecting to an absent broker fails at once instead of after seconds. Once an Artemis
     * client has seen its broker it also knows it from the broker's topology, and a new connection
     * then tries the URL, waits the retry interval (2 s) and tries the topology's copy of the same
     * broker before giving up — under one lock for the whole factory, which the HTTP intake's sends
     * (PlainSendConnections), every listener container's reconnect and the health check share.
     * Measured with the standalone broker killed: partners' requests waited up to 8 s for their 503
     * and the listeners' reconnects queued behind them; with the topology left out of connecting
     * (the URL names the one broker; failover to a backup still uses the topology) a 503 takes
     * about 0.1 s. Applied before anything connects, as Artemis accepts it only then.
     */
    @Bean
    static BeanPostProcessor brokerConnectionsFailFast() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                Object target = bean instanceof JmsPoolConnectionFactory pool ? pool.getConnectionFactory() : bean;
                if (target instanceof ActiveMQConnectionFactory artemis) {
                    artemis.setUseTopologyForLoadBalancing(false);
                }
                return bean;
            }
        };
    }

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
        jms.setRecoveryInterval(LISTENER_RECOVERY_MS);
        jms.setDeliveryPersistent(true);
        jms.setAllowNullBody(false);
        return jms;
    }
}
