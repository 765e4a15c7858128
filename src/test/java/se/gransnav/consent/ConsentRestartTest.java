package se.gransnav.consent;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.gransnav.HubIntegrationTestSupport;
import se.gransnav.HubProcess;
import se.gransnav.TestIdentityNumbers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A withdrawn consent survives a restart of the hub (its own JVM, embedded broker and H2 on disk):
 * the participant's door stays closed until a new REFERRAL with consent.
 */
class ConsentRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private HubProcess hub;
    private final String participant = TestIdentityNumbers.fresh();

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.stop();
            hub.keepLogs("consent-restart-logs");
        }
    }

    private HttpResponse<String> send(String key, String sample, String messageId, String type) throws Exception {
        ObjectNode message;
        try (var in = getClass().getResourceAsStream("/samples/" + sample)) {
            message = (ObjectNode) JSON.readTree(in);
        }
        message.put("messageId", messageId);
        ((ObjectNode) message.path("participant")).put("personalIdentityNumber", participant)
                .put("homeMunicipalityCode", "1482");
        if (type != null) {
            message.remove("statusUpdate");
            message.put("type", type);
        }
        return hub.post("/api/v1/messages", key, "application/json", message.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String code(HttpResponse<String> response) throws Exception {
        if (response.statusCode() < 300) {
            return String.valueOf(response.statusCode());
        }
        JsonNode errors = JSON.readTree(response.body()).path("errors");
        return response.statusCode() + " " + errors.get(0).path("code").asText();
    }

    @Test
    void aWithdrawnConsentIsRememberedAcrossARestart() throws Exception {
        hub = new HubProcess(data).start();
        String ame = HubIntegrationTestSupport.KUNGALV_AME_KEY;
        String social = HubIntegrationTestSupport.KUNGALV_SOCIALTJANST_KEY;
        assertThat(code(send(social, "canonical-referral.json", "R-1", null))).isEqualTo("202");
        assertThat(code(send(ame, "canonical-status-exit.json", "W-1", "CONSENT_WITHDRAWN"))).isEqualTo("202");
        assertThat(code(send(ame, "canonical-status-exit.json", "S-1", null))).isEqualTo("422 HUB-009");

        hub.stop();
        hub.start();

        assertThat(code(send(ame, "canonical-status-exit.json", "S-2", null))).isEqualTo("422 HUB-009");
        assertThat(code(send(social, "canonical-referral.json", "R-2", null))).isEqualTo("202");
        assertThat(code(send(ame, "canonical-status-exit.json", "S-3", null))).isEqualTo("202");
    }
}
