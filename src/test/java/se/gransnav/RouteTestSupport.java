package se.gransnav;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The hub's routes as loaded from {@code routes/}, with the broker cut out: JMS consumers are
 * replaced by direct endpoints and JMS producers by mocks (AdviceWith), so each route's own
 * behaviour can be asserted message by message. The tracking store is an in-memory H2.
 */
@CamelSpringBootTest
@UseAdviceWith
// Without this, camel-test switches JMX off for the whole JVM, and the integration tests' hub,
// which operators watch through JMX, would have none. This context itself has JMX off (below).
@DisableJmx(false)
@SpringBootTest(classes = GransnavApplication.class, properties = {
        "spring.artemis.mode=native",
        "spring.artemis.embedded.enabled=false",
        "spring.artemis.broker-url=tcp://127.0.0.1:1",
        "spring.datasource.url=jdbc:h2:mem:route-tests;DB_CLOSE_DELAY=-1",
        "gransnav.data-dir=target/route-tests",
        "gransnav.payloads.encryption-key=" + HubIntegrationTestSupport.PAYLOAD_KEY,
        // The integration tests' hub in the same JVM owns the JMX names.
        "camel.main.jmx-enabled=false",
        "spring.jmx.enabled=false"})
public abstract class RouteTestSupport {

    private static boolean advised;

    @Autowired
    protected CamelContext camel;

    @Autowired
    protected ProducerTemplate producer;

    @BeforeEach
    void adviseOnce() throws Exception {
        synchronized (RouteTestSupport.class) {
            if (!advised) {
                AdviceWith.adviceWith(camel, "deliver-to-forbund", route -> {
                    route.replaceFromWith("direct:accepted-queue");
                    route.weaveByToUri("jms:queue:*").replace().to("mock:forbund-inbox");
                });
                AdviceWith.adviceWith(camel, "accept-message", route ->
                        route.weaveByToUri("jmsplain:queue:*").replace().to("mock:accepted-queue"));
                camel.start();
                advised = true;
            }
        }
    }
}
