package se.gransnav.security;

import java.util.UUID;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import se.gransnav.HubIntegrationTestSupport;
import se.gransnav.TestBrokerLogins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attacks on the embedded broker with a real client over TCP: no login, a wrong password, a
 * partner's login used on another partner's queues, a förbund's login on another förbund's queue
 * or on the hub's own; and what each may do.
 */
class BrokerSecurityIntegrationTest extends HubIntegrationTestSupport {

    private Connection login(String user, String password) throws JMSException {
        Connection connection = new ActiveMQConnectionFactory(brokerUrl(), user, password).createConnection();
        connection.start();
        return connection;
    }

    @Test
    void nobodyConnectsWithoutALoginOrWithAWrongOne() {
        assertThatThrownBy(() -> login(null, null).close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> login("guest", "guest").close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> login("kungalv-ame", "not-its-key").close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> login("kungalv-ame", ALE_AME_KEY).close()).as("another partner's key")
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> login("alvkust", TestBrokerLogins.forbundPassword("vast")).close())
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> login(TestBrokerLogins.HUB_USER, "wrong").close()).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aPartnerSendsToItsOwnIntakeAndReadsItsOwnReceiptsOnly() throws Exception {
        try (Connection connection = login("kungalv-ame", KUNGALV_AME_KEY)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            String correlation = "SEC-" + UUID.randomUUID();
            TextMessage bad = session.createTextMessage("{ not json");
            bad.setJMSCorrelationID(correlation);
            session.createProducer(session.createQueue("hub.intake.kungalv-ame")).send(bad);
            try (MessageConsumer receipts = session.createConsumer(session.createQueue("hub.receipts.kungalv-ame"),
                    "JMSCorrelationID = '" + correlation + "'")) {
                Message receipt = receipts.receive(20_000);
                assertThat(receipt).as("its receipt").isNotNull();
            }

            assertThatThrownBy(() -> session.createProducer(session.createQueue("hub.intake.ale-ame"))
                    .send(session.createTextMessage("{}"))).as("another partner's intake")
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("hub.receipts.ale-ame")))
                    .as("another partner's receipts").isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createProducer(session.createQueue("hub.accepted"))
                    .send(session.createTextMessage("{}"))).as("the hub's own queue")
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("forbund.alvkust.inbox")))
                    .as("a förbund's queue").isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void aForbundConsumesItsOwnQueuesOnly() throws Exception {
        try (Connection connection = login("alvkust", TestBrokerLogins.forbundPassword("alvkust"))) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createBrowser(session.createQueue("forbund.alvkust.inbox")).getEnumeration();
            session.createConsumer(session.createQueue("forbund.alvkust.inbox")).close();

            assertThatThrownBy(() -> session.createConsumer(session.createQueue("forbund.vast.inbox")))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createBrowser(session.createQueue("hub.accepted")).getEnumeration())
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createProducer(session.createQueue("forbund.alvkust.inbox"))
                    .send(session.createTextMessage("{}"))).as("nor write to its own")
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createProducer(session.createQueue("hub.intake.kungalv-ame"))
                    .send(session.createTextMessage("{}"))).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void aPartnerWithoutTheQueueChannelHasNoBrokerLogin() {
        assertThatThrownBy(() -> login(LIMITED_PARTNER, LIMITED_PARTNER_KEY).close())
                .isInstanceOf(JMSSecurityException.class);
    }
}
