package se.gransnav.intake;

import java.util.Map;

import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import se.gransnav.HubIntegrationTestSupport;
import se.gransnav.RouteTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The http-message-intake and accept-message routes with the accepted queue mocked. */
class HttpMessageIntakeRouteTest extends RouteTestSupport {

    @EndpointInject("mock:accepted-queue")
    MockEndpoint accepted;

    @BeforeEach
    void reset() {
        accepted.reset();
    }

    private Exchange post(String apiKey, String contentType, byte[] body) {
        return producer.send("direct:http-message-intake", exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
            if (apiKey != null) {
                exchange.getMessage().setHeader("Authorization", "Bearer " + apiKey);
            }
        });
    }

    private static byte[] statusUpdate(String messageId) {
        return HttpIntakeIntegrationTest.withMessageId(sample(), messageId);
    }

    private static byte[] sample() {
        try (var in = HttpMessageIntakeRouteTest.class.getResourceAsStream("/samples/canonical-status-exit.json")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aValidMessageIsSentToTheAcceptedQueueWithItsJmsPropertiesAndAnswered202() throws Exception {
        accepted.expectedMessageCount(1);
        accepted.expectedHeaderReceived("hubType", "STATUS_UPDATE");
        accepted.expectedHeaderReceived("hubForbundId", "alvkust");

        Exchange answer = post(HubIntegrationTestSupport.KUNGALV_AME_KEY, "application/json", statusUpdate("R-1"));

        accepted.assertIsSatisfied();
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
        Map<String, Object> sent = accepted.getExchanges().get(0).getMessage().getHeaders();
        assertThat(sent).containsOnlyKeys("hubType", "hubTrackingId", "hubForbundId", "JMSXGroupID", "_AMQ_DUPL_ID");
        assertThat(sent.get("_AMQ_DUPL_ID")).isEqualTo(sent.get("hubTrackingId"));
        assertThat(accepted.getExchanges().get(0).getMessage().getBody(String.class))
                .contains("\"hub\"").contains("\"199003639854\"").doesNotContain("Bearer");
        assertThat(answer.getMessage().getHeaders()).doesNotContainKey("Authorization");
    }

    @Test
    void aDuplicateIsAnsweredButNotSentAgain() throws Exception {
        accepted.expectedMessageCount(1);

        Exchange first = post(HubIntegrationTestSupport.KUNGALV_AME_KEY, "application/json", statusUpdate("R-2"));
        Exchange second = post(HubIntegrationTestSupport.KUNGALV_AME_KEY, "application/json", statusUpdate("R-2"));

        accepted.assertIsSatisfied();
        assertThat(first.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
        assertThat(second.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(second.getMessage().getBody(String.class)).contains("DUPLICATE");
    }

    @Test
    void withoutAValidKeyNothingIsReadOrSent() throws Exception {
        accepted.expectedMessageCount(0);

        Exchange none = post(null, "application/json", statusUpdate("R-3"));
        Exchange wrong = post("not-a-key", "application/json", statusUpdate("R-3"));

        accepted.assertIsSatisfied();
        assertThat(none.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
        assertThat(wrong.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
    }

    @Test
    void aRejectedMessageIsAnsweredWithProblemJsonAndNotSent() throws Exception {
        accepted.expectedMessageCount(0);

        Exchange answer = post(HubIntegrationTestSupport.KUNGALV_AME_KEY, "application/json",
                new String(statusUpdate("R-4")).replace("\"1482\"", "\"9999\"").getBytes());

        accepted.assertIsSatisfied();
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(422);
        assertThat(answer.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(answer.getMessage().getBody(String.class)).contains("HUB-004");
    }

    @Test
    void aBrokerFailureIsA503AndNothingIsRecordedAsAccepted() throws Exception {
        accepted.whenAnyExchangeReceived(exchange -> {
            throw new org.springframework.jms.UncategorizedJmsException("broker down");
        });

        Exchange answer = post(HubIntegrationTestSupport.KUNGALV_AME_KEY, "application/json", statusUpdate("R-5"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(answer.getMessage().getHeader("Retry-After")).isEqualTo("30");

        // The partner sends it again once the broker is back: accepted now, under the same tracking id.
        accepted.reset();
        accepted.expectedMessageCount(1);
        Exchange retry = post(HubIntegrationTestSupport.KUNGALV_AME_KEY, "application/json", statusUpdate("R-5"));
        accepted.assertIsSatisfied();
        assertThat(retry.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
    }
}
