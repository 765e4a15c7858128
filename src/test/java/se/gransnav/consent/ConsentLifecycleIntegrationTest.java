package se.gransnav.consent;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import se.gransnav.ForbundQueueClient;
import se.gransnav.HubIntegrationTestSupport;
import se.gransnav.TestIdentityNumbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consent lifecycle of contract section 3 through the running hub: a withdrawal is forwarded
 * and from then on closes the participant's door to that förbund (HUB-009) on every channel, until
 * a new REFERRAL with consent opens it again. Each test has a participant of its own.
 */
class ConsentLifecycleIntegrationTest extends HubIntegrationTestSupport {

    private static final String ALVKUST = "forbund.alvkust.inbox";

    private final String participant = TestIdentityNumbers.fresh();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private ObjectNode message(String sample, String messageId, String municipality) {
        ObjectNode message = (ObjectNode) json(new String(sample(sample), StandardCharsets.UTF_8));
        message.put("messageId", run + "-" + messageId);
        ObjectNode who = (ObjectNode) message.path("participant");
        who.put("personalIdentityNumber", participant);
        who.put("homeMunicipalityCode", municipality);
        return message;
    }

    private ObjectNode referral(String messageId) {
        return message("canonical-referral.json", messageId, "1482");
    }

    private ObjectNode statusUpdate(String messageId) {
        return message("canonical-status-exit.json", messageId, "1482");
    }

    private ObjectNode withdrawal(String messageId) {
        ObjectNode message = statusUpdate(messageId);
        message.remove("statusUpdate");
        message.put("type", "CONSENT_WITHDRAWN");
        return message;
    }

    private HttpResponse<String> send(String key, ObjectNode message) {
        return postMessage(key, message.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void assertHub009(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode errors = json(response.body()).path("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path("code").asText()).isEqualTo("HUB-009");
        assertThat(errors.get(0).path("message").asText()).contains("alvkust");
        assertThat(response.body()).doesNotContain(participant.substring(2));
    }

    @Test
    void aWithdrawalIsForwardedAndThenOnlyANewReferralIsAccepted() throws Exception {
        List<String> accepted = new ArrayList<>();
        accepted.add(trackingId(send(KUNGALV_SOCIALTJANST_KEY, referral("ref-1"))));
        accepted.add(trackingId(send(KUNGALV_AME_KEY, statusUpdate("status-1"))));
        HttpResponse<String> withdrawn = send(KUNGALV_AME_KEY, withdrawal("withdrawn-1"));
        accepted.add(trackingId(withdrawn));

        assertHub009(send(KUNGALV_AME_KEY, statusUpdate("status-2")));
        assertHub009(send(KUNGALV_SOCIALTJANST_KEY, message("canonical-handover.json", "handover-1", "1482")));
        ObjectNode sip = message("canonical-sip-notice.json", "sip-1", "1482");
        assertHub009(send(UDDEVALLA_ELEVHALSA_KEY, sip));
        assertHub009(send(KUNGALV_SOCIALTJANST_KEY, withdrawal("withdrawn-2")));
        // The withdrawal sent again is the same message, not a new one: a duplicate, not HUB-009.
        HttpResponse<String> resent = send(KUNGALV_AME_KEY, withdrawal("withdrawn-1"));
        assertThat(resent.statusCode()).isEqualTo(200);
        assertThat(json(resent.body()).path("status").asText()).isEqualTo("DUPLICATE");

        accepted.add(trackingId(send(KUNGALV_SOCIALTJANST_KEY, referral("ref-2"))));
        accepted.add(trackingId(send(KUNGALV_AME_KEY, statusUpdate("status-3"))));

        try (ForbundQueueClient forbund = new ForbundQueueClient(brokerUrl())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> forbund.inQueueOrder(ALVKUST, accepted).size() == 5);
            assertThat(forbund.inQueueOrder(ALVKUST, accepted)).as("delivered in order, nothing else")
                    .containsExactlyElementsOf(accepted);
            for (String id : accepted) {
                assertThat(forbund.receive(ALVKUST, id, 5_000)).isNotNull();
            }
        }
    }

    @Test
    void theWithdrawalConcernsOnlyThatForbund() {
        trackingId(send(KUNGALV_SOCIALTJANST_KEY, referral("ref-1")));
        trackingId(send(KUNGALV_AME_KEY, withdrawal("withdrawn-1")));
        assertHub009(send(KUNGALV_AME_KEY, statusUpdate("status-1")));

        // The same person, now living in Göteborg: another förbund, another pseudonym, open door.
        HttpResponse<String> elsewhere = send(GOTEBORG_SOCIALTJANST_KEY,
                message("canonical-referral.json", "ref-gbg", "1480"));
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(202);
    }

    @Test
    void aStatusFileRowAboutAWithdrawnParticipantIsRejectedWithItsLine() throws Exception {
        trackingId(send(KUNGALV_AME_KEY, withdrawal("withdrawn-1")));
        String csv = "Löpnummer;Personnummer;Hemkommun;Datum;Händelse\n"
                + run + "-1;" + TestIdentityNumbers.fresh() + ";1440;2026-11-02;paus\n"
                + run + "-2;" + participant + ";1482;2026-11-02;paus\n";
        Path folder = inbox("ale-ame");
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder.getParent(), "drop", ".tmp");
        Files.writeString(temporary, csv, StandardCharsets.UTF_8);
        String name = "samtycke-" + run + ".csv";
        Files.move(temporary, folder.resolve(name));

        Path receiptFile = folder.resolve("receipts").resolve(name + ".receipt.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receiptFile));
        JsonNode receipt = json(Files.readString(receiptFile));
        assertThat(receipt.path("accepted").asInt()).isEqualTo(1);
        assertThat(receipt.path("rejected").asInt()).isEqualTo(1);
        JsonNode rejection = receipt.path("rejections").get(0);
        assertThat(rejection.path("line").asInt()).isEqualTo(3);
        assertThat(rejection.path("code").asText()).isEqualTo("HUB-009");
        assertThat(receipt.toString()).doesNotContain(participant).doesNotContain(participant.substring(2));
    }

    private static String trackingId(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response.body()).path("trackingId").asText();
    }
}
