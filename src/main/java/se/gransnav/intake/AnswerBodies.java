package se.gransnav.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import se.gransnav.normalise.MessageRejectedException;
import se.gransnav.normalise.Problem;
import se.gransnav.normalise.ProblemCode;

/**
 * The two shapes every channel answers in (contract section 2): the acceptance
 * ({@code trackingId}, {@code status}) and the RFC 9457 problem listing every problem. HTTP
 * answers, queue receipts and file receipts are built from these.
 */
final class AnswerBodies {

    static final String PROBLEM_TYPE_BASE = "https://gransnav.se/problems/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerBodies() {
    }

    static ObjectNode acceptance(AcceptanceResult result) {
        return JSON.createObjectNode()
                .put("trackingId", result.trackingId())
                .put("status", result.status().name());
    }

    static ObjectNode rejection(MessageRejectedException rejection) {
        ProblemCode leading = rejection.leadingCode();
        int n = rejection.problems().size();
        ObjectNode body = problem(leading.code().toLowerCase(), leading.title(), leading.httpStatus(),
                n == 1 ? "the message has 1 problem; nothing was accepted"
                        : "the message has " + n + " problems; nothing was accepted");
        ArrayNode errors = body.putArray("errors");
        for (Problem p : rejection.problems()) {
            errors.addObject().put("code", p.code().code()).put("path", p.path()).put("message", p.message());
        }
        return body;
    }

    static ObjectNode problem(String type, String title, int status, String detail) {
        return JSON.createObjectNode()
                .put("type", PROBLEM_TYPE_BASE + type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
    }

    static String text(ObjectNode body) {
        return body.toString();
    }
}
