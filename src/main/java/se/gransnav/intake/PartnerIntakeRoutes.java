package se.gransnav.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

import se.gransnav.normalise.Channel;
import se.gransnav.security.Partner;
import se.gransnav.security.PartnerRegistry;

/**
 * Makes the per-partner intake routes from their templates: {@code queue-intake-<partnerId>}
 * ({@code routes/queue-intake.camel.yaml}) for every partner allowed the QUEUE channel and
 * {@code file-intake-<partnerId>} ({@code routes/file-intake.camel.yaml}) for every partner
 * allowed FILE, whose inbox folder is created here.
 */
@Component
class PartnerIntakeRoutes implements CamelContextConfiguration {

    private final PartnerRegistry partners;
    private final InboxProperties inbox;

    PartnerIntakeRoutes(PartnerRegistry partners, InboxProperties inbox) {
        this.partners = partners;
        this.inbox = inbox;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // The YAML templates are loaded as the context starts; the routes are made afterwards.
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        for (Partner partner : partners.all()) {
            if (partner.mayUse(Channel.QUEUE)) {
                add(camelContext, "queue-intake", partner);
            }
            if (partner.mayUse(Channel.FILE)) {
                try {
                    Files.createDirectories(Path.of(inbox.dir(), partner.id()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the inbox of " + partner.id(), e);
                }
                add(camelContext, "file-intake", partner);
            }
        }
    }

    private static void add(CamelContext camelContext, String template, Partner partner) {
        TemplatedRouteBuilder.builder(camelContext, template)
                .routeId(template + "-" + partner.id())
                .parameter("partnerId", partner.id())
                .add();
    }
}
