package se.gransnav.intake;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The common part of the filters that guard partner request bodies: only POSTs are looked at, and
 * a body whose declared length is over the limit is refused with HUB-012 before a byte is read.
 * What to do with a body within the limit is the subclass's.
 */
abstract class PostBodyFilter extends OncePerRequestFilter {

    protected final long limit;
    private final String what;

    PostBodyFilter(long limit, String what) {
        this.limit = limit;
        this.what = what;
    }

    @Override
    protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit) {
            tooLarge(response);
            return;
        }
        filterBody(request, response, chain);
    }

    /** Handles a POST whose declared length (if any) is within the limit. */
    protected abstract void filterBody(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException;

    /** Refuses the request with HUB-012 and closes the connection (the rest of the body is not read). */
    protected void tooLarge(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        MessageBodyFilter.problem(response, 413, "hub-012", "Body too large", "HUB-012",
                "the " + what + " is larger than " + limit + " bytes");
    }
}
