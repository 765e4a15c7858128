package se.gransnav.delivery;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.gransnav.ForbundQueueClient;
import se.gransnav.HubIntegrationTestSupport;
import se.gransnav.intake.HttpIntakeIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery to the förbund's queue and the removal from the accepted queue are one
 * transaction: when the delivery fails after the send, the send is undone with it, and the
 * broker's redelivery puts exactly one copy on the förbund's queue.
 */
class DeliveryTransactionIntegrationTest extends HubIntegrationTestSupport {

    /** When set to n, the n-th delivery from now on fails after its send, once. */
    static final AtomicInteger FAIL_AT = new AtomicInteger();

    @Autowired
    CamelContext camel;

    @Test
    void aDeliveryThatFailsAfterItsSendIsRolledBackAndDeliveredOnce() throws Exception {
        AdviceWith.adviceWith(camel, "deliver-to-forbund", route -> route.weaveByToUri("jms:queue:*").after()
                .process(exchange -> {
                    if (FAIL_AT.getAndDecrement() == 1) {
                        throw new IllegalStateException("failure after the send (test)");
                    }
                }));
        FAIL_AT.set(1);

        var response = postMessage(KUNGALV_AME_KEY, withId("TX-1"));
        assertThat(response.statusCode()).isEqualTo(202);
        String trackingId = json(response.body()).path("trackingId").asText();

        try (ForbundQueueClient forbund = new ForbundQueueClient(brokerUrl())) {
            assertThat(forbund.receive("forbund.alvkust.inbox", trackingId, 15_000)).isNotNull();
            assertThat(forbund.receive("forbund.alvkust.inbox", trackingId, 3_000)).as("a second copy").isNull();
        }
        assertThat(FAIL_AT.get()).as("the failure happened").isLessThan(1);
    }

    private static byte[] withId(String messageId) {
        return new String(HttpIntakeIntegrationTest.withMessageId(sample("canonical-status-exit.json"), messageId),
                StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    }
}
