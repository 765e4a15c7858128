package se.gransnav.system;

import java.nio.file.Path;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What the hub's acceptance relies on in Artemis 2.40's duplicate detection ({@code _AMQ_DUPL_ID}),
 * pinned down on a real persistent broker: a plain resend is dropped silently, and — the trap for
 * any batching in transactions — a transaction that carries a duplicate fails as a whole.
 */
class ArtemisDuplicateDetectionTest {

    @TempDir
    Path data;

    private EmbeddedActiveMQ broker;
    private Connection connection;

    @BeforeEach
    void start() throws Exception {
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setPersistenceEnabled(true);
        configuration.setSecurityEnabled(false);
        configuration.setJournalDirectory(data.resolve("journal").toString());
        configuration.setBindingsDirectory(data.resolve("bindings").toString());
        configuration.setPagingDirectory(data.resolve("paging").toString());
        configuration.setLargeMessagesDirectory(data.resolve("large").toString());
        configuration.addAcceptorConfiguration("invm", "vm://78");
        broker = new EmbeddedActiveMQ().setConfiguration(configuration).start();
        connection = new ActiveMQConnectionFactory("vm://78").createConnection();
        connection.start();
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        broker.stop();
    }

    private static TextMessage message(Session session, String text, String duplicateId) throws JMSException {
        TextMessage message = session.createTextMessage(text);
        message.setStringProperty("_AMQ_DUPL_ID", duplicateId);
        return message;
    }

    private int drain(Queue queue) throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        int n = 0;
        try (MessageConsumer consumer = session.createConsumer(queue)) {
            while (consumer.receive(300) != null) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aPlainResendWithTheSameDuplicateIdIsDroppedSilently() throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("dup.plain");
        try (MessageProducer producer = session.createProducer(queue)) {
            producer.send(message(session, "first", "id-1"));
            producer.send(message(session, "again", "id-1"));
        }
        assertThat(drain(queue)).isEqualTo(1);
    }

    @Test
    void theIdIsRememberedAfterTheMessageWasConsumed() throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("dup.consumed");
        try (MessageProducer producer = session.createProducer(queue)) {
            producer.send(message(session, "first", "id-2"));
            assertThat(drain(queue)).isEqualTo(1);
            producer.send(message(session, "again", "id-2"));
        }
        assertThat(drain(queue)).isZero();
    }

    @Test
    void aTransactionCarryingADuplicateFailsAsAWhole() throws Exception {
        Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = plain.createQueue("dup.tx");
        try (MessageProducer producer = plain.createProducer(queue)) {
            producer.send(message(plain, "first", "id-3"));
        }
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        Throwable commit;
        try (MessageProducer producer = transacted.createProducer(queue)) {
            producer.send(message(transacted, "new one", "id-4"));
            producer.send(message(transacted, "duplicate", "id-3"));
            commit = catchThrowable(transacted::commit);
        }
        assertThat(commit).as("commit of a transaction with a duplicate").isNotNull();
        assertThat(drain(queue)).as("only the first message; the new one went down with the duplicate").isEqualTo(1);
    }
}
