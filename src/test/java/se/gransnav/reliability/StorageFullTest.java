package se.gransnav.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.gransnav.HubIntegrationTestSupport;
import se.gransnav.HubProcess;
import se.gransnav.TestIdentityNumbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hub whose embedded broker finds its disk full (max-disk-usage set below what the disk already
 * uses, so the broker blocks every producer) acknowledges nothing: HTTP intake answers 503 with
 * Retry-After at once instead of hanging in a blocked send, and a dropped status file stays in the
 * inbox unread. Started again with room, the same message is accepted as new — nothing of it had
 * been stored — and the file is read.
 */
class StorageFullTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private HubProcess hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.stop();
            hub.keepLogs("storage-full-test-logs");
        }
    }

    @Test
    void aHubOutOfDiskRefusesWith503AndLeavesFilesUntilThereIsRoom() throws Exception {
        hub = new HubProcess(data, "--gransnav.broker.max-disk-usage=1", "--gransnav.broker.disk-scan-period=200ms")
                .start();
        byte[] message = statusMessage("FULL-" + System.nanoTime());
        Path inbox = data.resolve("inbox").resolve("ale-ame");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.isDirectory(inbox));

        HttpResponse<String> refused = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> hub.post("/api/v1/messages", HubIntegrationTestSupport.KUNGALV_AME_KEY, "application/json", message),
                        response -> response.statusCode() != 202);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        Path file = inbox.resolve("full.csv");
        Files.writeString(data.resolve("full.tmp"), "Löpnummer;Personnummer;Hemkommun;Datum;Händelse\n"
                + "FULL-1;" + TestIdentityNumbers.fresh() + ";1440;2026-11-02;paus\n", StandardCharsets.UTF_8);
        Files.move(data.resolve("full.tmp"), file);
        Thread.sleep(4_000); // several polls of 300 ms, each refused
        assertThat(file).as("left in the inbox").exists();
        assertThat(inbox.resolve(".done").resolve("full.csv")).doesNotExist();
        assertThat(inbox.resolve("receipts").resolve("full.csv.receipt.json")).doesNotExist();
        hub.stop();

        hub = new HubProcess(data).start();
        HttpResponse<String> accepted = hub.post("/api/v1/messages", HubIntegrationTestSupport.KUNGALV_AME_KEY,
                "application/json", message);
        assertThat(accepted.statusCode()).as("accepted as new: nothing was stored before. " + accepted.body())
                .isEqualTo(202);
        Path receipt = inbox.resolve("receipts").resolve("full.csv.receipt.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receipt));
        JsonNode counts = JSON.readTree(Files.readString(receipt));
        assertThat(counts.path("accepted").asInt()).isEqualTo(1);
    }

    private static byte[] statusMessage(String messageId) throws IOException {
        try (InputStream in = StorageFullTest.class.getResourceAsStream("/samples/canonical-status-exit.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"KUN-AME-88213\"", "\"" + messageId + "\"")
                    .replace("199003639854", TestIdentityNumbers.fresh())
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
