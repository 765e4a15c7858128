package se.gransnav.intake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import se.gransnav.ForbundQueueClient;
import se.gransnav.HubIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker refuses messages in the middle of a file (its accepted queue is full and set to fail
 * sends, as a broker out of disk does): the file stays in the inbox without a receipt, is read
 * again when the broker takes messages again, and in the end every row is delivered exactly once.
 * The integration tests accept files in batches of {@value #BATCH} rows, so this file spans
 * several; the refused batch falls back to single sends, of which the first gets through.
 */
class FileIntakeResumeIntegrationTest extends HubIntegrationTestSupport {

    static final int BATCH = 4;

    @Autowired
    CamelContext camel;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EmbeddedActiveMQ broker;

    private int acceptedSoFar() {
        return jdbc.queryForObject("select count(*) from tracked_message where partner_id = 'ale-ame' "
                + "and message_id like 'statusfil:RES-%' and status = 'ACCEPTED'", Integer.class);
    }

    @Test
    void aFileInterruptedByABrokerFailureIsReadAgainAndNoRowIsDeliveredTwice() throws Exception {
        StringBuilder csv = new StringBuilder("Löpnummer;Personnummer;Hemkommun;Datum;Händelse\n");
        int rows = 3 * BATCH + 2;
        for (int i = 1; i <= rows; i++) {
            csv.append("RES-").append(i).append(";197908099968;1440;2026-11-0").append(i % 9 + 1).append(";paus\n");
        }
        // The accepted queue's paging store itself gets a size of one byte and FAIL: its settings
        // in the repository (an address-setting of its own, from the configuration) stay as they are.
        var store = broker.getActiveMQServer().getPagingManager().getPageStore(SimpleString.of("hub.accepted"));
        AddressSettings normal = broker.getActiveMQServer().getAddressSettingsRepository().getMatch("hub.accepted");
        AddressSettings full = new AddressSettings(normal)
                .setMaxSizeBytes(1).setAddressFullMessagePolicy(AddressFullMessagePolicy.FAIL);
        Path folder = inbox("ale-ame");
        int storedBefore;
        Path receiptFile = folder.resolve("receipts").resolve("avbruten.csv.receipt.json");
        // Nothing drains the accepted queue: after the first batch it is over its size and refuses.
        camel.getRouteController().stopRoute("deliver-to-forbund");
        store.applySetting(full);
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder.getParent(), "drop", ".tmp");
            Files.writeString(temporary, csv, StandardCharsets.UTF_8);
            Files.move(temporary, folder.resolve("avbruten.csv"));

            await().atMost(Duration.ofSeconds(30)).until(() -> acceptedSoFar() > 0);
            Thread.sleep(2_000);
            storedBefore = acceptedSoFar();
            assertThat(storedBefore).as("rows the broker took before it refused").isBetween(1, rows - 1);
            assertThat(Files.exists(receiptFile)).as("no receipt while rows are missing").isFalse();
            assertThat(Files.exists(folder.resolve("avbruten.csv"))).as("the file stays in the inbox").isTrue();
        } finally {
            store.applySetting(normal);
            camel.getRouteController().startRoute("deliver-to-forbund");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receiptFile));
        JsonNode receipt = json(Files.readString(receiptFile));
        assertThat(receipt.path("accepted").asInt()).isEqualTo(rows - storedBefore);
        assertThat(receipt.path("duplicate").asInt()).isEqualTo(storedBefore);
        assertThat(Files.exists(folder.resolve(".done").resolve("avbruten.csv"))).isTrue();
        try (ForbundQueueClient forbund = new ForbundQueueClient(brokerUrl())) {
            for (int i = 1; i <= rows; i++) {
                String trackingId = jdbc.queryForObject("select tracking_id from tracked_message "
                        + "where partner_id = 'ale-ame' and message_id = ?", String.class, "statusfil:RES-" + i);
                assertThat(forbund.receive("forbund.alvkust.inbox", trackingId, 10_000)).as("row %d", i).isNotNull();
                assertThat(forbund.receive("forbund.alvkust.inbox", trackingId, 500)).as("row %d twice", i).isNull();
            }
        }
    }
}
