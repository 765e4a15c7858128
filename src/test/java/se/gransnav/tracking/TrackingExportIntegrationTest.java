package se.gransnav.tracking;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import se.gransnav.HubIntegrationTestSupport;
import se.gransnav.TestIdentityNumbers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' tracking export: a spreadsheet-safe CSV without personal data, behind the
 * operators' login only. The hub's clock is pinned to {@link #PINNED_NOW} (2026-11-25).
 */
class TrackingExportIntegrationTest extends HubIntegrationTestSupport {

    private static final String EXPORT = "/operator/api/v1/tracking/export";

    @Test
    void aFormulaInAPartnersMessageIdReachesTheSpreadsheetAsText() throws Exception {
        String participant = TestIdentityNumbers.fresh();
        // messageIds are [A-Za-z0-9._:-]{1,100}: one that begins with "-" is a formula to a spreadsheet.
        String formula = "-A1-" + UUID.randomUUID().toString().substring(0, 8);
        String plain = "EXPORT-" + UUID.randomUUID();
        String formulaId = postStatusUpdate(formula, participant);
        String plainId = postStatusUpdate(plain, TestIdentityNumbers.fresh());

        HttpResponse<String> response = export("viewer", "viewer-demo", "?from=2026-11-25&to=2026-11-26");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"gransnav-sparning-2026-11-25-2026-11-26.csv\"");
        String body = response.body();
        assertThat(body).startsWith("\uFEFFsparningsId;partner;meddelandeId;meddelandetyp;kanal;förbund;status;mottagen;senastÄndrad\r\n");
        List<CSVRecord> rows = CSVFormat.EXCEL.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body.substring(1))).getRecords();
        CSVRecord formulaRow = rows.stream().filter(r -> r.get(0).equals(formulaId)).findFirst().orElseThrow();
        assertThat(formulaRow.get("meddelandeId")).isEqualTo("'" + formula);
        assertThat(formulaRow.get("partner")).isEqualTo("kungalv-ame");
        assertThat(formulaRow.get("meddelandetyp")).isEqualTo("STATUS_UPDATE");
        assertThat(formulaRow.get("förbund")).isEqualTo("alvkust");
        assertThat(formulaRow.get("mottagen")).startsWith("2026-11-25 ");
        CSVRecord plainRow = rows.stream().filter(r -> r.get(0).equals(plainId)).findFirst().orElseThrow();
        assertThat(plainRow.get("meddelandeId")).isEqualTo(plain);
        // No personal data: neither participant's number, in any form, is anywhere in the file.
        assertThat(body).doesNotContain(participant, participant.substring(2), participant.substring(2, 8) + "-" + participant.substring(8));
    }

    @Test
    void aForbundFilterKeepsOnlyThatForbundsMessages() {
        String alvkust = postStatusUpdate("EXPORT-F-" + UUID.randomUUID(), TestIdentityNumbers.fresh());

        String other = export("viewer", "viewer-demo", "?from=2026-11-25&to=2026-11-26&forbund=finsam-goteborg").body();
        String own = export("admin", "admin-demo", "?from=2026-11-25&to=2026-11-26&forbund=alvkust").body();

        assertThat(own).contains(alvkust).doesNotContain(";finsam-goteborg;");
        assertThat(other).doesNotContain(alvkust);
        // Outside the period: nothing of today.
        assertThat(export("viewer", "viewer-demo", "?from=2026-11-24&to=2026-11-25").body()).doesNotContain(alvkust);
    }

    @Test
    void badParametersAreOne400ListingEveryProblem() {
        HttpResponse<String> missing = export("viewer", "viewer-demo", "?forbund=nowhere");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing.body()).path("detail").asText())
                .contains("from: required", "to: required", "forbund: no förbund");

        HttpResponse<String> backwards = export("viewer", "viewer-demo", "?from=2026-11-25&to=2026-11-01");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("to must be after from");

        HttpResponse<String> tooLong = export("viewer", "viewer-demo", "?from=2024-01-01&to=2026-01-01");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("at most 366 days");

        assertThat(export("viewer", "viewer-demo", "?from=25/11&to=2026-11-26").body()).contains("from: not a date");
    }

    @Test
    void onlyOperatorsMayExport() {
        assertThat(export(null, null, "?from=2026-11-25&to=2026-11-26").statusCode()).isEqualTo(401);
        assertThat(export("viewer", "wrong", "?from=2026-11-25&to=2026-11-26").statusCode()).isEqualTo(401);
        HttpResponse<String> partner = get(KUNGALV_AME_KEY, EXPORT + "?from=2026-11-25&to=2026-11-26");
        assertThat(partner.statusCode()).isEqualTo(401);
        assertThat(partner.body()).doesNotContain("sparningsId");
    }

    private HttpResponse<String> export(String user, String password, String query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(EXPORT + query)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.build());
    }

}
