package se.gransnav;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A förbund's view of the hub: a plain JMS client over TCP, as a förbund's own system would
 * connect. Not Spring, not in-VM: what it reads really crossed the broker's acceptor.
 */
public final class ForbundQueueClient implements AutoCloseable {

    private final Connection connection;
    private final Session session;

    public ForbundQueueClient(String brokerUrl) throws JMSException {
        ActiveMQConnectionFactory factory = se.gransnav.TestBrokerLogins.asHub(brokerUrl);
        this.connection = factory.createConnection();
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        connection.start();
    }

    /** The message with this tracking id on {@code queue}, or null after {@code timeoutMillis}. */
    public TextMessage receive(String queue, String trackingId, long timeoutMillis) throws JMSException {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue),
                "hubTrackingId = '" + trackingId + "'")) {
            return (TextMessage) consumer.receive(timeoutMillis);
        }
    }

    /** Every message now on {@code queue}, left in place. */
    public List<Message> browse(String queue) throws JMSException {
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            Enumeration<?> e = browser.getEnumeration();
            List<Message> messages = new ArrayList<>();
            for (Object m : Collections.list(e)) {
                messages.add((Message) m);
            }
            return messages;
        }
    }

    /** The tracking ids among {@code wanted} of the messages now on {@code queue}, in queue order. */
    public List<String> inQueueOrder(String queue, java.util.Collection<String> wanted) throws JMSException {
        List<String> found = new ArrayList<>();
        for (Message m : browse(queue)) {
            String id = m.getStringProperty("hubTrackingId");
            if (wanted.contains(id)) {
                found.add(id);
            }
        }
        return found;
    }

    /** Consumes everything now on {@code queue}; returns how many there were. */
    public int drain(String queue) throws JMSException {
        int n = 0;
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            while (consumer.receive(200) != null) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
