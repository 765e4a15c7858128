package se.gransnav.intake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import se.gransnav.ForbundQueueClient;
import se.gransnav.HubIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Files dropped in a partner's inbox folder, read by the running hub, delivered to the förbund. */
class FileIntakeIntegrationTest extends HubIntegrationTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    private static JsonNode drop(String partnerId, String name, byte[] content) throws Exception {
        Path folder = inbox(partnerId);
        Files.createDirectories(folder);
        // Written elsewhere and moved in, as a partner's system should; the hub also waits for a
        // file to stop changing before it reads it.
        Path temporary = Files.createTempFile(folder.getParent(), "drop", ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, folder.resolve(name));
        Path receipt = folder.resolve("receipts").resolve(name + ".receipt.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receipt) && !Files.exists(folder.resolve(name)));
        JsonNode body = json(Files.readString(receipt));
        Files.delete(receipt);
        return body;
    }

    @Test
    void theSampleStatusFilesInBothCharacterSetsAreReadRowByRowAndDeliveredOnce() throws Exception {
        JsonNode receipt = drop("kungalv-ame", "statusfil kungälv oktober.csv", sample("statusfil-kungalv-ame.csv"));

        assertThat(receipt.path("status").asText()).isEqualTo("PROCESSED");
        assertThat(receipt.path("accepted").asInt()).isEqualTo(6);
        assertThat(receipt.path("rejected").asInt()).isZero();
        assertThat(receipt.path("rejections").size()).isZero();
        assertThat(Files.exists(inbox("kungalv-ame").resolve(".done").resolve("statusfil kungälv oktober.csv"))).isTrue();

        try (ForbundQueueClient forbund = new ForbundQueueClient(brokerUrl())) {
            for (String row : new String[] {"88201", "88202", "88203", "88204", "88205", "88206"}) {
                String trackingId = jdbc.queryForObject("select tracking_id from tracked_message "
                        + "where partner_id = 'kungalv-ame' and message_id = ?", String.class, "statusfil:" + row);
                TextMessage delivered = forbund.receive("forbund.alvkust.inbox", trackingId, 10_000);
                assertThat(delivered).as("row %s", row).isNotNull();
                JsonNode message = json(delivered.getText());
                assertThat(message.at("/hub/channel").asText()).isEqualTo("FILE");
                assertThat(message.at("/participant/personalIdentityNumber").asText()).hasSize(12);
            }
        }

        // The same rows again, in Windows-1252 (kungalv-ame's configured character set): duplicates.
        JsonNode again = drop("kungalv-ame", "statusfil-cp1252.csv", sample("statusfil-kungalv-ame.cp1252.csv"));
        assertThat(again.path("duplicate").asInt()).isEqualTo(6);
        assertThat(again.path("accepted").asInt()).isZero();
    }

    @Test
    void aBadRowIsRejectedWithItsLineWhileTheOthersGoOn() throws Exception {
        String csv = "Löpnummer;Personnummer;Hemkommun;Datum;Händelse;Anteckning\n"
                + "F-1;197908099968;1482;2026-11-02;paus;x\n"
                + "F-2;197908099969;1482;2026-11-02;paus;\n"     // wrong check digit
                + "F-3;197908099968;1482;2026-11-02;semester;\n" // no such event
                + "F-4;197908099968;1482;2026-11-03;återupptagen;\n";

        // kungalv-ame's files are in Windows-1252 (config/partners.yml).
        JsonNode receipt = drop("kungalv-ame", "rader.csv", csv.getBytes(java.nio.charset.Charset.forName("windows-1252")));

        assertThat(receipt.path("accepted").asInt()).isEqualTo(2);
        assertThat(receipt.path("rejected").asInt()).isEqualTo(2);
        assertThat(receipt.path("ignoredColumns").toString()).contains("Anteckning");
        JsonNode rejections = receipt.path("rejections");
        assertThat(rejections.findValuesAsText("line")).containsExactly("3", "4");
        assertThat(rejections.findValuesAsText("code")).containsExactly("HUB-003", "HUB-002");
        assertThat(rejections.findValuesAsText("path")).containsExactly("Personnummer", "Händelse");
        assertThat(receipt.toString()).doesNotContain("197908099969").doesNotContain("790809");
    }

    @Test
    void aFileThatCannotBeReadGoesToErrorWithAReceiptSayingWhy() throws Exception {
        JsonNode receipt = drop("kungalv-ame", "utan-personnummer.csv",
                "Löpnummer;Hemkommun;Datum;Händelse\nF-9;1482;2026-11-02;paus\n"
                        .getBytes(java.nio.charset.Charset.forName("windows-1252")));

        assertThat(receipt.path("status").asText()).isEqualTo("UNREADABLE");
        assertThat(receipt.path("accepted").asInt()).isZero();
        assertThat(receipt.path("error").asText()).startsWith("HUB-002");
        assertThat(Files.exists(inbox("kungalv-ame").resolve(".error").resolve("utan-personnummer.csv"))).isTrue();
    }

    @Test
    void aSymbolicLinkIsRefusedAndNeverFollowed() throws Exception {
        Path outside = Files.createTempFile(DATA_DIR, "outside-the-inbox", ".csv");
        Files.writeString(outside, "Löpnummer;Personnummer;Hemkommun;Datum;Händelse\n");
        Path folder = inbox("kungalv-ame");
        Files.createDirectories(folder);
        Files.createSymbolicLink(folder.resolve("link.csv"), outside);

        Path receiptFile = folder.resolve("receipts").resolve("link.csv.receipt.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receiptFile));
        JsonNode receipt = json(Files.readString(receiptFile));
        assertThat(receipt.path("status").asText()).isEqualTo("UNREADABLE");
        assertThat(receipt.path("error").asText()).contains("not links");
        assertThat(Files.isSymbolicLink(folder.resolve(".error").resolve("link.csv"))).as("the link itself moved").isTrue();
        assertThat(outside).as("its target untouched").exists().hasContent("Löpnummer;Personnummer;Hemkommun;Datum;Händelse");
    }

    @Test
    void aNameThatTriesToLeaveTheFolderIsRefusedUnread() throws Exception {
        // "/" cannot be part of a name on Linux, "\\" can, and Camel would take it for a separator:
        // this name would otherwise be read from ale-ame's folder as kungalv-ame's file.
        String name = "x\\..\\..\\ale-ame\\ale-ame-file.json";
        Path folder = inbox("kungalv-ame");
        Files.createDirectories(folder.resolve("x"));
        Path temporary = Files.createTempFile(DATA_DIR, "drop", ".tmp");
        Files.writeString(temporary, "[]");
        Files.move(temporary, folder.resolve(name));

        Path receiptFile = folder.resolve("receipts").resolve("x_.._.._ale-ame_ale-ame-file.json.receipt.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receiptFile));
        JsonNode receipt = json(Files.readString(receiptFile));
        assertThat(receipt.path("status").asText()).isEqualTo("UNREADABLE");
        assertThat(receipt.path("error").asText()).startsWith("HUB-001").contains("file names may not contain");
        assertThat(folder.resolve(".error").resolve("x_.._.._ale-ame_ale-ame-file.json")).as("moved, unread").hasContent("[]");
        assertThat(folder.resolve(name)).doesNotExist();
        Files.delete(receiptFile);
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedUnread() throws Exception {
        Path folder = inbox("kungalv-ame");
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(DATA_DIR, "huge", ".tmp");
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(temporary.toFile(), "rw")) {
            sparse.setLength(100L * 1024 * 1024 + 1); // one byte over gransnav.inbox.max-file-size (100MB)
        }
        Files.move(temporary, folder.resolve("huge.csv"));

        Path receiptFile = folder.resolve("receipts").resolve("huge.csv.receipt.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receiptFile));
        JsonNode receipt = json(Files.readString(receiptFile));
        assertThat(receipt.path("status").asText()).isEqualTo("UNREADABLE");
        assertThat(receipt.path("error").asText()).startsWith("HUB-").contains("larger than");
        Files.delete(folder.resolve(".error").resolve("huge.csv"));
    }

    @Test
    void aJsonFileMayHoldOneMessageOrAnArray() throws Exception {
        ObjectNode good = (ObjectNode) json(new String(sample("canonical-status-exit.json"), StandardCharsets.UTF_8));
        good.put("messageId", "FILE-JSON-1");
        ObjectNode bad = good.deepCopy();
        bad.put("messageId", "FILE-JSON-2");
        ((ObjectNode) bad.get("participant")).put("homeMunicipalityCode", "9999");
        ArrayNode array = JSON.createArrayNode().add(good).add(bad);

        JsonNode receipt = drop("kungalv-ame", "meddelanden.json", array.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(receipt.path("accepted").asInt()).isEqualTo(1);
        assertThat(receipt.path("rejected").asInt()).isEqualTo(1);
        assertThat(receipt.path("rejections").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(receipt.path("rejections").get(0).path("code").asText()).isEqualTo("HUB-004");

        ObjectNode single = good.deepCopy();
        single.put("messageId", "FILE-JSON-3");
        JsonNode one = drop("kungalv-ame", "ett.json", single.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(one.path("accepted").asInt()).isEqualTo(1);

        JsonNode broken = drop("kungalv-ame", "trasig.json", "[{\"a\":".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.path("status").asText()).isEqualTo("UNREADABLE");
        assertThat(broken.path("error").asText()).startsWith("HUB-001");

        JsonNode twoValues = drop("kungalv-ame", "tva.json", (single.toString() + single).getBytes(StandardCharsets.UTF_8));
        assertThat(twoValues.path("error").asText()).startsWith("HUB-001");
        assertThat(twoValues.path("accepted").asInt()).isZero();

        byte[] latin1 = single.toString().replace("FILE-JSON-3", "FILE-JSON-ö").getBytes(StandardCharsets.ISO_8859_1);
        JsonNode notUtf8 = drop("kungalv-ame", "latin1.json", latin1);
        assertThat(notUtf8.path("status").asText()).isEqualTo("UNREADABLE");
        assertThat(notUtf8.path("error").asText()).startsWith("HUB-013");
    }

    @Test
    void aFileStillBeingWrittenIsNotReadHalfWritten() throws Exception {
        Path folder = inbox("ale-ame");
        Files.createDirectories(folder);
        Path file = folder.resolve("långsam fil.csv");
        String header = "Löpnummer;Personnummer;Hemkommun;Datum;Händelse\n";
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(header);
            // Rows arrive in bursts well inside the hub's "stable for 1 s" window, over 3 s.
            for (int i = 1; i <= 12; i++) {
                out.write("SLOW-" + i + ";197908099968;1440;2026-11-02;paus\n");
                out.flush();
                Thread.sleep(250);
            }
        }
        Path receiptFile = folder.resolve("receipts").resolve("långsam fil.csv.receipt.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receiptFile));
        JsonNode receipt = json(Files.readString(receiptFile));
        assertThat(receipt.path("accepted").asInt()).isEqualTo(12);
        assertThat(receipt.path("rejected").asInt()).isZero();
    }
}
