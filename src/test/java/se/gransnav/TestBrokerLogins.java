package se.gransnav;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The quickstart's demo broker logins (config/application-quickstart.yml, config/forbund.yml):
 * the embedded broker admits nobody without one.
 */
public final class TestBrokerLogins {

    public static final String HUB_USER = "gransnav-hub";
    public static final String HUB_PASSWORD = "demo-gransnav-hub-broker-login";

    private TestBrokerLogins() {
    }

    /** A connection factory that logs in as the hub (every permission): for tests that look everywhere. */
    public static ActiveMQConnectionFactory asHub(String brokerUrl) {
        return new ActiveMQConnectionFactory(brokerUrl, HUB_USER, HUB_PASSWORD);
    }

    /** The demo password of a förbund's broker login (user name = its id). */
    public static String forbundPassword(String forbundId) {
        return "demo-" + forbundId + "-broker-login";
    }
}
