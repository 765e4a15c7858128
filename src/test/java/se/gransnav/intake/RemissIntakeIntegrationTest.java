package se.gransnav.intake;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;

import se.gransnav.ForbundQueueClient;
import se.gransnav.HubIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/remisser through the running hub to the förbund's queue. */
class RemissIntakeIntegrationTest extends HubIntegrationTestSupport {

    private HttpResponse<String> postRemiss(String apiKey, byte[] body) {
        return post("/api/v1/remisser", apiKey, "application/json", body);
    }

    @Test
    void theContractSampleBecomesACanonicalReferralAtFinsamGoteborg() throws Exception {
        HttpResponse<String> response = postRemiss(GOTEBORG_SOCIALTJANST_KEY, sample("remiss-goteborg.json"));

        assertThat(response.statusCode()).isEqualTo(202);
        String trackingId = json(response.body()).path("trackingId").asText();
        try (ForbundQueueClient forbund = new ForbundQueueClient(brokerUrl())) {
            TextMessage delivered = forbund.receive("forbund.finsam-goteborg.inbox", trackingId, 10_000);
            assertThat(delivered).isNotNull();
            assertThat(delivered.getStringProperty("hubType")).isEqualTo("REFERRAL");
            JsonNode message = json(delivered.getText());
            assertThat(message.path("messageId").asText()).isEqualTo("GBG-SOC-2026-00042");
            assertThat(message.path("occurredAt").asText()).isEqualTo("2026-11-20T10:02:00+01:00");
            assertThat(message.at("/participant/personalIdentityNumber").asText()).isEqualTo("198711029911");
            assertThat(message.at("/participant/gender").asText()).isEqualTo("MAN");
            assertThat(message.at("/participant/homeMunicipalityCode").asText()).isEqualTo("1480");
            assertThat(message.at("/referral/targetGroups").toString())
                    .isEqualTo("[\"LONG_TERM_SICK_LEAVE\",\"CO_MORBIDITY\"]");
            assertThat(message.at("/referral/referrer/unit").asText()).isEqualTo("Socialtjänsten Centrum");
            assertThat(message.at("/consent/given").asBoolean()).isTrue();
            assertThat(message.at("/hub/partnerId").asText()).isEqualTo("goteborg-socialtjanst");
            assertThat(message.at("/hub/forbundId").asText()).isEqualTo("finsam-goteborg");
        }
        assertThat(postRemiss(GOTEBORG_SOCIALTJANST_KEY, sample("remiss-goteborg.json")).statusCode()).isEqualTo(200);
    }

    @Test
    void everyProblemIsListedAtTheRemisssOwnFieldNames() {
        ObjectNode remiss = (ObjectNode) json(new String(sample("remiss-goteborg.json"), StandardCharsets.UTF_8));
        remiss.put("remissId", "GBG-SOC-BAD-1");
        ((ObjectNode) remiss.get("person")).put("folkbokforingskommun", "Atlantis stad");
        ((ObjectNode) remiss.get("person")).put("personnummer", "871102-9912");
        remiss.remove("orsak");
        ((ObjectNode) remiss.get("samtycke")).put("lamnat", false);

        HttpResponse<String> response = postRemiss(GOTEBORG_SOCIALTJANST_KEY,
                remiss.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = json(response.body()).path("errors");
        assertThat(errors.findValuesAsText("path")).contains("/person/folkbokforingskommun", "/person/personnummer",
                "/orsak", "/samtycke/lamnat");
        assertThat(errors.findValuesAsText("code")).contains("HUB-004", "HUB-003", "HUB-002", "HUB-006");
        assertThat(response.body()).doesNotContain("871102-9912").doesNotContain("Atlantis");
    }

    @Test
    void aPartnerThatMayNotReferCannotPostARemiss() {
        HttpResponse<String> response = postRemiss(KUNGALV_AME_KEY, sample("remiss-goteborg.json"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response.body()).path("errors").findValuesAsText("code")).contains("HUB-011");
    }
}
