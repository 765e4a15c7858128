package se.gransnav.system;

import jakarta.jms.ConnectionFactory;

import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Its own pool on the same broker, for sends that must never join a JMS transaction of the route
 * they run in (Spring's JMS transaction manager knows only Boot's pool): the {@code jmsplain}
 * component and the batched acceptance of files. The accepted queue is written through it: a
 * message's acceptance is protected by its duplicate id, and Artemis fails a whole transaction
 * that carries a duplicate — a partner's resend inside the queue intake's transaction would
 * otherwise fail for ever.
 */
public final class PlainSendConnections implements DisposableBean {

    private final JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();

    PlainSendConnections(ConnectionFactory boots) {
        Object target = boots instanceof JmsPoolConnectionFactory pooled ? pooled.getConnectionFactory() : boots;
        pool.setConnectionFactory(target);
        pool.setMaxConnections(2);
    }

    public ConnectionFactory connectionFactory() {
        return pool;
    }

    @Override
    public void destroy() {
        pool.stop();
    }
}
