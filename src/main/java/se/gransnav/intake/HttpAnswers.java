package se.gransnav.intake;


import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import se.gransnav.normalise.MessageRejectedException;
import se.gransnav.security.RequestRateLimits;

/**
 * Every answer the partner API gives: {@code 202}/{@code 200} with the tracking id, and
 * {@code application/problem+json} (RFC 9457) for everything else. Each answer starts from an empty
 * set of headers, so nothing from the request (the API key above all) is echoed back.
 */
@Component
public class HttpAnswers {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_TYPE_BASE = AnswerBodies.PROBLEM_TYPE_BASE;
    static final String MESSAGES_PATH = "/api/v1/messages/";

    private static final Logger log = LoggerFactory.getLogger(HttpAnswers.class);

    /** 202 for a new message, 200 for a duplicate, with the tracking id and its Location. */
    public void acceptance(Exchange exchange) {
        AcceptanceResult result = exchange.getProperty(MessageAcceptance.RESULT, AcceptanceResult.class);
        Message out = reset(exchange, result.duplicate() ? 200 : 202, "application/json",
                AnswerBodies.acceptance(result));
        out.setHeader("Location", MESSAGES_PATH + result.trackingId());
    }

    /** 4xx listing every problem of a rejected message. */
    public void rejected(Exchange exchange) {
        MessageRejectedException rejection = exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                MessageRejectedException.class);
        reset(exchange, rejection.leadingCode().httpStatus(), PROBLEM_JSON, AnswerBodies.rejection(rejection));
    }

    public void unauthenticated(Exchange exchange) {
        reset(exchange, 401, PROBLEM_JSON, AnswerBodies.problem("unauthenticated", "Unauthenticated", 401,
                "send a valid partner API key as Authorization: Bearer <key>,"
                        + " or the partner's client certificate over TLS"))
                .setHeader("WWW-Authenticate", "Bearer");
    }

    /** 429: the partner has sent more requests than its limit allows; Retry-After says when to go on. */
    public void rateLimited(Exchange exchange) {
        RequestRateLimits.RateLimitedException limited = exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                RequestRateLimits.RateLimitedException.class);
        reset(exchange, 429, PROBLEM_JSON, AnswerBodies.problem("rate-limited", "Too many requests", 429,
                "more requests than this partner's limit per minute; send again after Retry-After seconds"))
                .setHeader("Retry-After", String.valueOf(limited.retryAfterSeconds()));
    }

    /** The broker or the database cannot take the message now: nothing was stored, try again. */
    public void unavailable(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.warn("Partner request not accepted, storage unavailable: {}", e == null ? "?" : e.getClass().getName());
        reset(exchange, 503, PROBLEM_JSON, AnswerBodies.problem("unavailable", "Service unavailable", 503,
                "the hub cannot store messages right now; nothing was accepted, send it again later"))
                .setHeader("Retry-After", "30");
    }

    /** A fault in the hub itself; the partner learns nothing but that it was not accepted. */
    public void failed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.error("Partner request failed in route {}: {}", exchange.getFromRouteId(),
                e == null ? "?" : e.getClass().getName());
        reset(exchange, 500, PROBLEM_JSON, AnswerBodies.problem("internal-error", "Internal error", 500,
                "the message was not accepted; send it again later"));
    }

    /** 404 in the problem format, for tracking ids the caller may not see or that do not exist. */
    public void notFound(Exchange exchange) {
        reset(exchange, 404, PROBLEM_JSON, AnswerBodies.problem("not-found", "Not found", 404, "no such message for this partner"));
    }

    Message reset(Exchange exchange, int status, String contentType, ObjectNode body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, contentType);
        out.setBody(AnswerBodies.text(body));
        return out;
    }

}
