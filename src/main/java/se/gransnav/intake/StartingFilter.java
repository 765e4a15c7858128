package se.gransnav.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web server answers a moment before the Camel routes behind the partner API exist (at start,
 * and again while the hub stops): without this, partners got 404 for their messages then (663
 * times in a 20-cycle crash run). Until the Camel context has started, and once it stops, every
 * partner request is answered 503 with Retry-After — nothing was accepted, send it again.
 */
@Configuration(proxyBeanMethods = false)
class StartingFilter {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> routesNotRunning(ObjectProvider<CamelContext> camel) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new NotRunning(camel));
        registration.addUrlPatterns("/api/*");
        registration.setName("routesNotRunning");
        return registration;
    }

    static final class NotRunning extends OncePerRequestFilter {

        private final ObjectProvider<CamelContext> camel;

        NotRunning(ObjectProvider<CamelContext> camel) {
            this.camel = camel;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CamelContext context = camel.getIfAvailable();
            if (context == null || !context.isStarted()) {
                response.setStatus(503);
                response.setHeader("Retry-After", "5");
                response.setContentType(HttpAnswers.PROBLEM_JSON);
                response.getOutputStream().write(("{\"type\":\"" + HttpAnswers.PROBLEM_TYPE_BASE + "unavailable\","
                        + "\"title\":\"Service unavailable\",\"status\":503,\"detail\":\"the hub is starting or "
                        + "stopping; nothing was accepted, send it again later\"}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
