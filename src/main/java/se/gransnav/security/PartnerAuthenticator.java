package se.gransnav.security;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
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
 * key and/or the TLS client certificate say ({@link PartnerRegistry#authenticate(String,
 * X509Certificate)}), never what the body or another header claims. The header is removed from the
 * exchange at once so the key cannot travel further (into a queue, a log or a response). The
 * certificate is the one the web server verified during the TLS handshake, read from the servlet
 * request itself ({@value #CLIENT_CERTIFICATES}); nothing a client sends in a header can stand in
 * for it. Where operators may read too (tracking), {@link #authenticatePartnerOrOperator} also
 * takes an operator's {@code Basic} credentials.
 */
@Component
public class PartnerAuthenticator {

    /** Exchange property holding the authenticated {@link Partner}. */
    public static final String PARTNER = "hubPartner";
    /** Exchange property holding the name of an authenticated operator. */
    public static final String OPERATOR = "hubOperator";

    /** Servlet request attribute with the verified client certificate chain, leaf first. */
    static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

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

    /** A partner by its API key, its client certificate, or both. */
    public void authenticate(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        exchange.getMessage().removeHeader("Authorization");
        String key = null;
        if (header != null) {
            if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw new UnauthenticatedException();
            }
            key = header.substring(BEARER.length()).trim();
            if (key.isEmpty()) {
                throw new UnauthenticatedException();
            }
        }
        Partner partner = partners.authenticate(key, clientCertificate(exchange))
                .orElseThrow(UnauthenticatedException::new);
        rateLimits.acquire(partner.id());
        exchange.setProperty(PARTNER, partner);
    }

    /**
     * The client certificate of the request's TLS connection, as verified against the web server's
     * trust store ({@code server.ssl}); null over plain HTTP, when the client sent none, or when
     * the exchange did not come from the web server.
     */
    static X509Certificate clientCertificate(Exchange exchange) {
        if (!(exchange.getIn() instanceof PlatformHttpMessage message)) {
            return null;
        }
        HttpServletRequest request = message.getRequest();
        Object chain = request == null ? null : request.getAttribute(CLIENT_CERTIFICATES);
        return chain instanceof X509Certificate[] certificates && certificates.length > 0 ? certificates[0] : null;
    }
}
