package se.gransnav.system;

import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Stops the hub from starting when its embedded broker did not. Artemis logs a failed start
 * (a port in use, an unreadable journal) and carries on; the hub would then answer every partner
 * with 503 while looking healthy to a process supervisor. Failing at start makes the fault plain.
 */
@Component
class EmbeddedBrokerStartupCheck implements SmartInitializingSingleton {

    private final ObjectProvider<EmbeddedActiveMQ> embeddedBroker;

    EmbeddedBrokerStartupCheck(ObjectProvider<EmbeddedActiveMQ> embeddedBroker) {
        this.embeddedBroker = embeddedBroker;
    }

    @Override
    public void afterSingletonsInstantiated() {
        embeddedBroker.ifAvailable(EmbeddedBrokerStartupCheck::requireActive);
    }

    static void requireActive(EmbeddedActiveMQ broker) {
        ActiveMQServer server = broker.getActiveMQServer();
        if (server == null || !server.isActive()) {
            throw new IllegalStateException("The embedded Artemis broker did not start (see the broker's "
                    + "errors above, e.g. a port already in use: gransnav.broker.acceptor). "
                    + "The hub does not run without its broker.");
        }
    }
}
