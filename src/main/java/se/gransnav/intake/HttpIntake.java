package se.gransnav.intake;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import se.gransnav.normalise.CanonicalMessageReader;
import se.gransnav.normalise.ValidatedMessage;
import se.gransnav.security.Partner;
import se.gransnav.security.PartnerAuthenticator;

/** Reads the body of {@code POST /api/v1/messages} as a canonical message of the authenticated partner. */
@Component
public class HttpIntake {

    private final CanonicalMessageReader reader;
    private final Clock clock;

    HttpIntake(CanonicalMessageReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    public ValidatedMessage read(Exchange exchange) {
        OffsetDateTime receivedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        Partner partner = exchange.getProperty(PartnerAuthenticator.PARTNER, Partner.class);
        return reader.readHttp(body == null ? new byte[0] : body, contentType, partner, receivedAt);
    }
}
