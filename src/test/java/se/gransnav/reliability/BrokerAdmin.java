package se.gransnav.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * What an operator sees of the hub's broker, over its TCP acceptor: the queues there are and how
 * many messages each holds (delivering ones included, unlike a queue browser), through Artemis'
 * management address; and a plain consumer that empties a queue.
 */
final class BrokerAdmin implements AutoCloseable {

    private static final String MANAGEMENT_ADDRESS = "activemq.management";

    private final Connection connection;
    private final Session session;
    private final MessageProducer requests;
    private final TemporaryQueue replyQueue;
    private final MessageConsumer replies;

    BrokerAdmin(String brokerUrl) throws JMSException {
        connection = se.gransnav.TestBrokerLogins.asHub(brokerUrl).createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        requests = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS));
        replyQueue = session.createTemporaryQueue();
        replies = session.createConsumer(replyQueue);
        connection.start();
    }

    /** Every queue on the broker. */
    List<String> queueNames() throws Exception {
        Message request = session.createMessage();
        JMSManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "getQueueNames");
        Object result = JMSManagementHelper.getResult(ask(request));
        List<String> names = new ArrayList<>();
        for (Object name : (Object[]) result) {
            names.add(name.toString());
        }
        return names;
    }

    /** Messages on {@code queue}, those being delivered to a consumer included. */
    long messageCount(String queue) throws Exception {
        Message request = session.createMessage();
        JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount");
        return ((Number) JMSManagementHelper.getResult(ask(request))).longValue();
    }

    /** Sum of {@link #messageCount} over the queues whose names start with one of {@code prefixes}. */
    long messageCount(String... prefixes) throws Exception {
        long n = 0;
        for (String queue : queueNames()) {
            if (Arrays.stream(prefixes).anyMatch(queue::startsWith)) {
                n += messageCount(queue);
            }
        }
        return n;
    }

    private Message ask(Message request) throws Exception {
        request.setJMSReplyTo(replyQueue);
        requests.send(request);
        Message reply = replies.receive(30_000);
        if (reply == null) {
            throw new IllegalStateException("the broker's management did not answer");
        }
        if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException("management operation failed: " + JMSManagementHelper.getResult(reply));
        }
        return reply;
    }

    /**
     * Consumes {@code queue}: at least the messages the broker counts on it now (waiting up to 30 s
     * for each, as paged ones may take a moment), then until it has been empty for
     * {@code quietMillis}. The texts in queue order.
     */
    List<TextMessage> drain(String queue, long quietMillis) throws Exception {
        long count = messageCount(queue);
        List<TextMessage> messages = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            while (true) {
                Message m = consumer.receive(messages.size() < count ? 30_000 : quietMillis);
                if (m == null) {
                    break;
                }
                messages.add((TextMessage) m);
            }
        }
        return messages;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
