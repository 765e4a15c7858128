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

    /** A connection factory that logs in as a demo partner: its id and its API key. */
    public static ActiveMQConnectionFactory asPartner(String brokerUrl, String partnerId) {
        String key = switch (partnerId) {
            case "kungalv-socialtjanst" -> HubIntegrationTestSupport.KUNGALV_SOCIALTJANST_KEY;
            case "kungalv-ame" -> HubIntegrationTestSupport.KUNGALV_AME_KEY;
            case "ale-ame" -> HubIntegrationTestSupport.ALE_AME_KEY;
            case "goteborg-socialtjanst" -> HubIntegrationTestSupport.GOTEBORG_SOCIALTJANST_KEY;
            case "uddevalla-elevhalsa" -> HubIntegrationTestSupport.UDDEVALLA_ELEVHALSA_KEY;
            default -> throw new IllegalArgumentException("no demo partner " + partnerId);
        };
        return new ActiveMQConnectionFactory(brokerUrl, partnerId, key);
    }

    /** The demo password of a förbund's broker login (user name = its id). */
    public static String forbundPassword(String forbundId) {
        return "demo-" + forbundId + "-broker-login";
    }
}
