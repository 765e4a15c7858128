package se.gransnav.delivery;

import jakarta.jms.JMSException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The operator API on dead letters ({@code routes/operator-api.camel.yaml}), behind the operators'
 * login (Spring Security: viewer reads, admin replays). Answers JSON; a queue the hub does not know
 * is 404, a broker that cannot be reached 503, a sealed dead letter the hub's keys cannot open 409
 * (the ones before it are replayed; it and the ones after it stay). A replay must be posted as JSON
 * ({@code Content-Type: application/json}, any body): a browser cannot send that cross-site
 * without asking first, which is this API's protection against cross-site requests.
 */
@Component
class DeadLetterApi {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterApi.class);
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final DeadLetterQueues deadLetters;
    private final ObjectMapper json = new ObjectMapper();

    DeadLetterApi(DeadLetterQueues deadLetters) {
        this.deadLetters = deadLetters;
    }

    public void counts(Exchange exchange) {
        answer(exchange, () -> json.createObjectNode().putPOJO("queues", deadLetters.counts()));
    }

    public void list(Exchange exchange) {
        String queue = exchange.getMessage().getHeader("queue", String.class);
        answer(exchange, () -> json.createObjectNode().put("queue", queue)
                .putPOJO("messages", deadLetters.list(queue)));
    }

    public void replay(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(JSON)) {
            problem(exchange, 415, "send the replay as Content-Type: application/json");
            return;
        }
        String queue = exchange.getMessage().getHeader("queue", String.class);
        String trackingId = exchange.getMessage().getHeader("trackingId", String.class);
        answer(exchange, () -> (ObjectNode) json.valueToTree(deadLetters.replay(queue, trackingId)));
    }

    private interface Answer {
        ObjectNode body() throws JMSException;
    }

    private void answer(Exchange exchange, Answer answer) {
        try {
            reset(exchange, 200, JSON, answer.body());
        } catch (DeadLetterQueues.UnknownDeadLetterQueueException e) {
            problem(exchange, 404, e.getMessage());
        } catch (se.gransnav.payload.PayloadCipher.SealedPayloadException e) {
            log.warn("Dead-letter replay stopped: {}", e.getMessage());
            problem(exchange, 409, "a dead letter could not be opened and stays where it is: " + e.getMessage());
        } catch (JMSException | org.springframework.jms.JmsException e) {
            log.warn("Dead-letter operation failed: {}", e.getClass().getName());
            problem(exchange, 503, "the broker cannot be reached; try again");
        }
    }

    private void problem(Exchange exchange, int status, String detail) {
        reset(exchange, status, PROBLEM_JSON, json.createObjectNode().put("status", status).put("detail", detail));
    }

    private void reset(Exchange exchange, int status, String contentType, ObjectNode body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, contentType);
        try {
            out.setBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
