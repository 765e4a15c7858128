package se.gransnav.delivery;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.EndpointInject;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import se.gransnav.RouteTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class DeliverToForbundRouteTest extends RouteTestSupport {

    @EndpointInject("mock:forbund-inbox")
    MockEndpoint inbox;

    @BeforeEach
    void reset() {
        inbox.reset();
    }

    @Test
    void forwardsTheBodyUnchangedWithOnlyTheContractsProperties() throws Exception {
        inbox.expectedMessageCount(1);
        inbox.expectedBodiesReceived("{\"type\":\"REFERRAL\"}");
        inbox.expectedHeaderReceived("hubType", "REFERRAL");
        inbox.expectedHeaderReceived("hubTrackingId", "t-route-1");
        inbox.expectedHeaderReceived("JMSXGroupID", "0123456789abcdef0123456789abcdef");
        inbox.expectedPropertyReceived(ForbundDelivery.DESTINATION, "forbund.alvkust.inbox");

        producer.sendBodyAndHeaders("direct:accepted-queue", "{\"type\":\"REFERRAL\"}", Map.of(
                "hubType", "REFERRAL",
                "hubTrackingId", "t-route-1",
                "hubForbundId", "alvkust",
                "JMSXGroupID", "0123456789abcdef0123456789abcdef",
                "_AMQ_DUPL_ID", "t-route-1",
                "Authorization", "Bearer leaked-key"));

        inbox.assertIsSatisfied();
        Map<String, Object> headers = inbox.getExchanges().get(0).getMessage().getHeaders();
        assertThat(headers).containsOnlyKeys("hubType", "hubTrackingId", "JMSXGroupID");
    }

    @Test
    void aMessageForAnUnknownForbundFailsSoTheBrokerRedeliversAndDeadLettersIt() throws Exception {
        inbox.expectedMessageCount(0);

        Exchange result = producer.send("direct:accepted-queue", exchange -> {
            exchange.getMessage().setBody("{}");
            exchange.getMessage().setHeaders(Map.of("hubType", "REFERRAL", "hubTrackingId", "t-route-2",
                    "hubForbundId", "no-such-forbund", "JMSXGroupID", "ref"));
        });

        assertThat(result.getException()).isInstanceOf(IllegalStateException.class);
        inbox.assertIsSatisfied();
    }

    @Test
    void aMessageWithoutTheHubsPropertiesIsRefused() throws Exception {
        inbox.expectedMessageCount(0);
        Exchange result = producer.send("direct:accepted-queue", exchange -> exchange.getMessage().setBody("{}"));
        assertThat(result.getException()).isInstanceOf(IllegalStateException.class);
        inbox.assertIsSatisfied();
    }
}
