package se.gransnav;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import se.gransnav.normalise.Channel;
import se.gransnav.normalise.MessageType;
import se.gransnav.normalise.ValidatedMessage;
import se.gransnav.routing.Forbund;
import se.gransnav.security.OrganisationType;
import se.gransnav.security.Partner;

/** Validated messages built directly, for tests of what the hub does with a message it accepted. */
public final class TestMessages {

    public static final Forbund ALVKUST = new Forbund("alvkust", "Älv & Kust", 16, 64,
            "test-alvkust-pseudonym-key-0000000000000", List.of());
    public static final Forbund GOTEBORG = new Forbund("finsam-goteborg", "Finsam Göteborg", 16, 64,
            "test-goteborg-pseudonym-key-00000000000", List.of());

    private TestMessages() {
    }

    public static Partner partner(String id) {
        return new Partner(id, "Partner " + id, OrganisationType.MUNICIPALITY, "1482",
                EnumSet.allOf(Channel.class), EnumSet.allOf(MessageType.class), List.of(), null);
    }

    /** A message of {@code type}; {@code body} is the canonical JSON (only what the test needs). */
    public static ValidatedMessage of(MessageType type, String partnerId, String messageId, Forbund forbund,
                                      String participantRef, ObjectNode body) {
        return new ValidatedMessage(body, type, messageId, forbund, participantRef, partner(partnerId),
                Channel.HTTP, OffsetDateTime.of(2026, 11, 25, 8, 0, 0, 0, ZoneOffset.UTC));
    }

    public static ValidatedMessage of(MessageType type, String partnerId, String messageId, Forbund forbund,
                                      String participantRef) {
        return of(type, partnerId, messageId, forbund, participantRef, JsonNodeFactory.instance.objectNode());
    }

    /** A SIP notice about {@code meetingId} with {@code status}. */
    public static ValidatedMessage sipNotice(String partnerId, String messageId, String meetingId, String status) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("sipMeeting").put("meetingId", meetingId).put("status", status);
        return of(MessageType.SIP_MEETING_NOTICE, partnerId, messageId, ALVKUST, "ref-sip", body);
    }
}
