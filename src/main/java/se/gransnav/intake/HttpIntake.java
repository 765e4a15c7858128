package se.gransnav.intake;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import se.gransnav.normalise.CanonicalMessageReader;
import se.gransnav.normalise.RemissReader;
import se.gransnav.normalise.ValidatedMessage;
import se.gransnav.security.Partner;
import se.gransnav.security.PartnerAuthenticator;

/**
 * Reads the body of a partner's HTTP request as the authenticated partner's message: a canonical
 * message ({@code POST /api/v1/messages}) or a municipal referral ({@code POST /api/v1/remisser}).
 */
@Component
public class HttpIntake {

    private final CanonicalMessageReader reader;
    private final RemissReader remissReader;
    private final Clock clock;

    HttpIntake(CanonicalMessageReader reader, RemissReader remissReader, Clock clock) {
        this.reader = reader;
        this.remissReader = remissReader;
        this.clock = clock;
    }

    public ValidatedMessage read(Exchange exchange) {
        return read(exchange, reader::readHttp);
    }

    public ValidatedMessage readRemiss(Exchange exchange) {
        return read(exchange, remissReader::readHttp);
    }

    private interface BodyReader {
        ValidatedMessage read(byte[] body, String contentType, Partner partner, OffsetDateTime receivedAt);
    }

    private ValidatedMessage read(Exchange exchange, BodyReader bodyReader) {
        OffsetDateTime receivedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        Partner partner = exchange.getProperty(PartnerAuthenticator.PARTNER, Partner.class);
        return bodyReader.read(body == null ? new byte[0] : body, contentType, partner, receivedAt);
    }
}
