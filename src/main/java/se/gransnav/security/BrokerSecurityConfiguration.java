package se.gransnav.security;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.gransnav.routing.ForbundRegistry;

/**
 * The embedded broker, as Spring Boot makes it (its configuration with every
 * {@link ArtemisConfigurationCustomizer} applied), plus login and per-user permissions
 * ({@link BrokerLogins}) unless {@code gransnav.broker.security-enabled} is false. Boot's own
 * embedded-broker bean steps aside for this one; a post-processor could not do it, since Camel
 * creates the broker (through the connection factory) before ordinary post-processors exist. A
 * standalone broker has its own users and permissions in its configuration (README, "Security").
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.artemis.embedded", name = "enabled", havingValue = "true", matchIfMissing = true)
class BrokerSecurityConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    EmbeddedActiveMQ embeddedActiveMq(org.apache.activemq.artemis.core.config.Configuration configuration,
                                      ObjectProvider<ArtemisConfigurationCustomizer> customizers,
                                      PartnerRegistry partners, ForbundRegistry forbund,
                                      @Value("${gransnav.broker.security-enabled:true}") boolean securityEnabled,
                                      @Value("${gransnav.broker.hub-user:gransnav-hub}") String hubUser,
                                      @Value("${gransnav.broker.hub-password-hash:}") String hubPasswordHash) {
        customizers.orderedStream().forEach(customizer -> customizer.customize(configuration));
        configuration.setSecurityEnabled(securityEnabled);
        // No cache of logins: Artemis keys it by user name and password only, so a TCP client
        // without a login would be taken for the hub's own in-VM connection (also without one).
        // Logins happen per connection, not per message. (BrokerSecurityIntegrationTest)
        configuration.setAuthenticationCacheSize(0);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration);
        broker.setSecurityManager(new BrokerLogins(hubUser, hubPasswordHash, partners, forbund));
        return broker;
    }
}
