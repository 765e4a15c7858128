package se.gransnav.intake;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import se.gransnav.normalise.RemissReader;
import se.gransnav.normalise.ValidatedMessage;
import se.gransnav.security.Partner;
import se.gransnav.security.PartnerAuthenticator;

/** Reads the body of {@code POST /api/v1/remisser} as a municipal referral of the authenticated partner. */
@Component
public class HttpRemissIntake {

    private final RemissReader reader;
    private final Clock clock;

    HttpRemissIntake(RemissReader reader, Clock clock) {
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
