package se.gransnav.system;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import se.gransnav.ForbundQueueClient;
import se.gransnav.HubIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every message type through the hub, accepted and rejected, and scans everything the hub
 * wrote to its log meanwhile for anything shaped like a personal identity number (any accepted
 * form). Also checks answers and tracking records, which partners see.
 */
@ExtendWith(OutputCaptureExtension.class)
class PrivacyIntegrationTest extends HubIntegrationTestSupport {

    /**
     * Every form the contract accepts (10 or 12 digits, with or without a separator) of a number
     * in the test series (birth number 980–999), which all test data uses.
     */
    static final Pattern IDENTITY_NUMBER = Pattern.compile("(?<![0-9])(?:19|20)?[0-9]{6}[-+]?9[89][0-9]{2}(?![0-9])");

    @Test
    void noIdentityNumberReachesTheLogAnswersOrTracking(CapturedOutput output) throws Exception {
        StringBuilder seenByPartners = new StringBuilder();
        String[][] flows = {
                {"canonical-referral.json", KUNGALV_SOCIALTJANST_KEY, "forbund.alvkust.inbox"},
                {"canonical-status-exit.json", KUNGALV_AME_KEY, "forbund.alvkust.inbox"},
                {"canonical-sip-notice.json", UDDEVALLA_ELEVHALSA_KEY, "forbund.vast.inbox"},
                {"canonical-handover.json", ALE_AME_KEY, "forbund.alvkust.inbox"}};
        try (ForbundQueueClient forbund = new ForbundQueueClient(brokerUrl())) {
            for (String[] flow : flows) {
                String body = new String(sample(flow[0]), StandardCharsets.UTF_8)
                        .replaceFirst("\"messageId\": \"([^\"]+)\"", "\"messageId\": \"PRIV-$1\"");
                HttpResponse<String> accepted = postMessage(flow[1], body.getBytes(StandardCharsets.UTF_8));
                assertThat(accepted.statusCode()).isEqualTo(202);
                seenByPartners.append(accepted.body());
                String trackingId = json(accepted.body()).path("trackingId").asText();
                assertThat(forbund.receive(flow[2], trackingId, 10_000)).isNotNull();
                seenByPartners.append(get(flow[1], "/api/v1/messages/" + trackingId).body());

                // The same message with a broken number, in its 10-digit form, and for a non-member municipality.
                String broken = body.replaceFirst("\"(19|20)([0-9]{6})([0-9]{3})([0-9])\"", "\"$2-$3$4x\"");
                seenByPartners.append(postMessage(flow[1], broken.getBytes(StandardCharsets.UTF_8)).body());
                String wrongCheck = body.replaceFirst("\"((?:19|20)[0-9]{9})([0-9])\"", "\"$1" + "0\"");
                seenByPartners.append(postMessage(flow[1], wrongCheck.getBytes(StandardCharsets.UTF_8)).body());
                String elsewhere = body.replaceFirst("\"homeMunicipalityCode\": \"[0-9]{4}\"",
                        "\"homeMunicipalityCode\": \"0180\"");
                seenByPartners.append(postMessage(flow[1], elsewhere.getBytes(StandardCharsets.UTF_8)).body());
            }
        }

        // Whatever writes a log line, and whatever an exception says: masked by the log pattern.
        org.slf4j.LoggerFactory.getLogger("se.gransnav.privacy-test").warn("a careless line about 19900101-9802",
                new IllegalArgumentException("bad participant 900101-9802"));

        assertThat(output.getAll()).contains("a careless line about [personnummer]", "bad participant [personnummer]");
        assertThat(findings(seenByPartners.toString())).as("answers and tracking").isEmpty();
        assertThat(findings(output.getAll())).as("log").isEmpty();
        assertThat(output.getAll()).as("the flows ran and logged").isNotNull();
    }

    private static String findings(String text) {
        StringBuilder found = new StringBuilder();
        Matcher m = IDENTITY_NUMBER.matcher(text);
        while (m.find()) {
            found.append(m.group()).append(' ');
        }
        return found.toString();
    }
}
