package se.gransnav.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import se.gransnav.system.BufferedRequest;

/**
 * Viewers read, admins operate — also through Jolokia, which Hawtio uses for everything. An
 * operator without the role admin may send Jolokia only {@code read}, {@code list}, {@code search}
 * and {@code version} requests (as a GET path or in a POSTed JSON request or bulk); {@code exec}
 * (operations: purge, move, browse messages, stop a route, ...) and {@code write} are answered 403.
 * What no one may do, admin included, is in {@code jolokia-access.xml}.
 */
final class JolokiaViewerFilter extends OncePerRequestFilter {

    static final String PATH = "/actuator/jolokia";
    private static final Set<String> READ_ONLY = Set.of("read", "list", "search", "version");
    private static final int MAX_BODY = 1024 * 1024;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals(PATH) || path.startsWith(PATH + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = user != null && user.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + SecurityConfiguration.ADMIN));
        if (admin) {
            chain.doFilter(request, response);
            return;
        }
        if ("POST".equalsIgnoreCase(request.getMethod())) {
            byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY || !readOnly(body)) {
                refuse(response);
                return;
            }
            chain.doFilter(new BufferedRequest(request, body), response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length() + PATH.length());
        String type = path.replaceFirst("^/+", "").split("/", 2)[0];
        if (!type.isEmpty() && !READ_ONLY.contains(type)) {
            refuse(response);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean readOnly(byte[] body) {
        try {
            JsonNode requests = json.readTree(body);
            if (requests == null || !(requests.isObject() || requests.isArray())) {
                return false;
            }
            for (JsonNode request : requests.isArray() ? requests : json.createArrayNode().add(requests)) {
                if (!READ_ONLY.contains(request.path("type").asText().toLowerCase(java.util.Locale.ROOT))) {
                    return false;
                }
            }
            return true;
        } catch (JsonProcessingException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":403,\"error\":\"operations need the role admin; viewers may read\"}");
    }
}
