package se.gransnav.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.camel.Exchange;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The first step of every partner HTTP route: the partner is who the {@code Authorization: Bearer}
 * key says, never what the body or another header claims. The header is removed from the exchange
 * at once so the key cannot travel further (into a queue, a log or a response). Where operators
 * may read too (tracking), {@link #authenticatePartnerOrOperator} also takes an operator's
 * {@code Basic} credentials.
 */
@Component
public class PartnerAuthenticator {

    /** Exchange property holding the authenticated {@link Partner}. */
    public static final String PARTNER = "hubPartner";
    /** Exchange property holding the name of an authenticated operator. */
    public static final String OPERATOR = "hubOperator";

    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";

    private final PartnerRegistry partners;
    private final RequestRateLimits rateLimits;
    private final DaoAuthenticationProvider operators;

    PartnerAuthenticator(PartnerRegistry partners, RequestRateLimits rateLimits, UserDetailsService operatorUsers,
                         PasswordEncoder passwordEncoder) {
        this.partners = partners;
        this.rateLimits = rateLimits;
        this.operators = new DaoAuthenticationProvider(passwordEncoder);
        this.operators.setUserDetailsService(operatorUsers);
    }

    /** A partner by its API key, or an operator (role viewer or admin) by user name and password. */
    public void authenticatePartnerOrOperator(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            authenticate(exchange);
            return;
        }
        exchange.getMessage().removeHeader("Authorization");
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UnauthenticatedException();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new UnauthenticatedException();
        }
        try {
            Authentication operator = operators.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                    decoded.substring(0, colon), decoded.substring(colon + 1)));
            boolean mayRead = operator.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .anyMatch(a -> a.equals("ROLE_" + SecurityConfiguration.VIEWER)
                            || a.equals("ROLE_" + SecurityConfiguration.ADMIN));
            if (!mayRead) {
                throw new UnauthenticatedException();
            }
            exchange.setProperty(OPERATOR, operator.getName());
        } catch (AuthenticationException e) {
            throw new UnauthenticatedException();
        }
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
        rateLimits.acquire(partner.id());
        exchange.setProperty(PARTNER, partner);
    }
}
