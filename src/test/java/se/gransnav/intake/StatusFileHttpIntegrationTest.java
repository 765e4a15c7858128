package se.gransnav.intake;

import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import se.gransnav.HubIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** POST /api/v1/statusfiler through the running hub. */
class StatusFileHttpIntegrationTest extends HubIntegrationTestSupport {

    private HttpResponse<String> post(String key, String contentType, byte[] body) {
        return post("/api/v1/statusfiler", key, contentType, body);
    }

    private static String csv(String prefix) {
        return "Löpnummer;Personnummer;Hemkommun;Datum;Händelse;Kategori;Insats;Timmar;PeriodFrån;PeriodTill\r\n"
                + prefix + "1;197908099968;1482;2026-11-02;aktivitet;arbete;praktik;\"12,5\";2026-11-01;2026-11-02\r\n"
                + prefix + "2;197908099968;1482;2026-11-02;paus;;;;;\r\n"
                + prefix + "3;197908099968;1482;2026-11-02;aktivitet;arbete;;;;\r\n";
    }

    @Test
    void aStatusFileIsReadRowByRowAndAnsweredWithItsReceipt() {
        HttpResponse<String> response = post(ALE_AME_KEY, "text/csv; charset=UTF-8",
                csv("H-").getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode receipt = json(response.body());
        assertThat(receipt.path("accepted").asInt()).isEqualTo(2);
        assertThat(receipt.path("rejected").asInt()).isEqualTo(1);
        assertThat(receipt.path("rejections").get(0).path("line").asInt()).isEqualTo(4);

        JsonNode again = json(post(ALE_AME_KEY, "text/csv; charset=UTF-8", csv("H-").getBytes(StandardCharsets.UTF_8)).body());
        assertThat(again.path("duplicate").asInt()).isEqualTo(2);

        // The spooled upload and its receipt (streamed as the answer) are gone once answered.
        await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
            try (var left = java.nio.file.Files.list(DATA_DIR.resolve("spool"))) {
                assertThat(left.toList()).isEmpty();
            }
        });
    }

    @Test
    void theCharsetComesFromTheContentTypeOrThePartner() {
        byte[] cp1252 = csv("W-").getBytes(Charset.forName("windows-1252"));
        assertThat(json(post(ALE_AME_KEY, "text/csv; charset=windows-1252", cp1252).body()).path("accepted").asInt())
                .isEqualTo(2);
        assertThat(post(ALE_AME_KEY, "text/csv; charset=ISO-8859-15", cp1252).statusCode()).isEqualTo(415);
        assertThat(post(ALE_AME_KEY, "application/json", cp1252).statusCode()).isEqualTo(415);
        // ale-ame's configured charset is UTF-8: the Windows-1252 header cannot be read.
        HttpResponse<String> wrong = post(ALE_AME_KEY, "text/csv", cp1252);
        assertThat(wrong.statusCode()).isEqualTo(415);
        assertThat(json(wrong.body()).path("receipt").path("status").asText()).isEqualTo("UNREADABLE");
    }

    @Test
    void withoutAKeyNothingIsRead() {
        assertThat(post(null, "text/csv", csv("N-").getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(401);
    }
}
