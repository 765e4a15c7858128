package se.gransnav.intake;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

import se.gransnav.normalise.Channel;
import se.gransnav.security.Partner;
import se.gransnav.security.PartnerRegistry;

/**
 * Makes a {@code queue-intake-<partnerId>} route from the {@code queue-intake} template (in
 * {@code routes/queue-intake.camel.yaml}) for every partner allowed the QUEUE channel.
 */
@Component
class QueueIntakeRoutes implements CamelContextConfiguration {

    static final String TEMPLATE = "queue-intake";

    private final PartnerRegistry partners;

    QueueIntakeRoutes(PartnerRegistry partners) {
        this.partners = partners;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // The YAML templates are loaded as the context starts; the routes are made afterwards.
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        for (Partner partner : partners.all()) {
            if (partner.mayUse(Channel.QUEUE)) {
                TemplatedRouteBuilder.builder(camelContext, TEMPLATE)
                        .routeId(TEMPLATE + "-" + partner.id())
                        .parameter("partnerId", partner.id())
                        .add();
            }
        }
    }
}
