package se.gransnav.security;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The first step of every partner HTTP route: the partner is who the {@code Authorization: Bearer}
 * key says, never what the body or another header claims. The header is removed from the exchange
 * at once so the key cannot travel further (into a queue, a log or a response).
 */
@Component
public class PartnerAuthenticator {

    /** Exchange property holding the authenticated {@link Partner}. */
    public static final String PARTNER = "hubPartner";

    private static final String BEARER = "Bearer ";

    private final PartnerRegistry partners;

    PartnerAuthenticator(PartnerRegistry partners) {
        this.partners = partners;
    }

    public void authenticate(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        exchange.getMessage().removeHeader("Authorization");
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthenticatedException();
        }
        Partner partner = partners.authenticate(header.substring(BEARER.length()).trim())
                .orElseThrow(UnauthenticatedException::new);
        exchange.setProperty(PARTNER, partner);
    }
}
