package se.gransnav.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import se.gransnav.system.BufferedRequest;

/**
 * Guards the bodies of JSON message requests before they reach the routes. A body over
 * {@code gransnav.intake.max-message-size} is HUB-012, whether the client declared a
 * Content-Length or streamed it chunked: at most limit + 1 bytes are ever read into memory. A body
 * that is not valid UTF-8 is HUB-013: it is checked here, on the raw bytes, because the routes get
 * the body as text and a lenient decoder would have turned bad bytes into replacement characters.
 */
@Configuration(proxyBeanMethods = false)
class MessageBodyFilter {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> messageSizeLimit(IntakeProperties properties) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new Limit(properties.maxMessageSize().toBytes()));
        registration.addUrlPatterns("/api/v1/messages", "/api/v1/remisser");
        registration.setName("messageSizeLimit");
        return registration;
    }

    static final class Limit extends PostBodyFilter {

        Limit(long limit) {
            super(limit, "body");
        }

        @Override
        protected void filterBody(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            byte[] body = readAtMost(request.getInputStream(), limit + 1);
            if (body.length > limit) {
                tooLarge(response);
                return;
            }
            if (!isUtf8(body)) {
                problem(response, 415, "hub-013", "Unsupported media type or charset", "HUB-013",
                        "the body is not valid UTF-8");
                return;
            }
            chain.doFilter(new BufferedRequest(request, body), response);
        }

        private static byte[] readAtMost(InputStream in, long max) throws IOException {
            return in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
        }

        private static boolean isUtf8(byte[] body) {
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(body));
                return true;
            } catch (CharacterCodingException e) {
                return false;
            }
        }

    }

    /** Answers with a one-problem problem+json before the request reaches the routes. */
    static void problem(HttpServletResponse response, int status, String type, String title,
                        String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(HttpAnswers.PROBLEM_JSON);
        String body = "{\"type\":\"" + HttpAnswers.PROBLEM_TYPE_BASE + type + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"the message has 1 problem; nothing was accepted\","
                + "\"errors\":[{\"code\":\"" + code + "\",\"path\":\"\",\"message\":\"" + message + "\"}]}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
