package se.gransnav.system;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connecting to an absent broker fails at once instead of after seconds.
 *
 * <p>Once an Artemis client has seen its broker it also knows it from the broker's topology, and
 * every new connection then tries the URL, waits the retry interval (2 s) and tries the topology's
 * copy of the same broker before giving up — holding one lock of the connection factory all the
 * while. That factory is shared by the HTTP intake's sends ({@link PlainSendConnections}), the
 * listener containers' reconnects and the health check, so while a standalone broker is away they
 * queue behind each other. Measured with {@code StandaloneBrokerKillTest} (the broker killed under
 * load): partners waited up to 8 s, once 14 s, for their 503. With the topology left out of
 * connecting — the URL names the one broker; failover to a backup still uses the topology — a 503
 * takes 0.1–0.6 s, and the listeners' reconnects no longer wait for one another.
 *
 * <p>Artemis accepts the setting only before the factory's first connection, hence a post-processor:
 * it runs on Boot's connection factory bean before anything can use it. Harmless for the embedded
 * broker's in-VM factory.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConnectionsFailFast {

    @Bean
    static BeanPostProcessor brokerConnectionsFailFastPostProcessor() {
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
}
