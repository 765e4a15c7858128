package se.gransnav.intake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.UncategorizedJmsException;

import se.gransnav.ForbundQueueClient;
import se.gransnav.HubIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker fails in the middle of a file: the file stays in the inbox without a receipt, is read
 * again, and in the end every row is delivered exactly once.
 */
class FileIntakeResumeIntegrationTest extends HubIntegrationTestSupport {

    /** When set to n, the n-th send to the accepted queue from now on fails, once. */
    static final AtomicInteger FAIL_AT = new AtomicInteger();

    @Autowired
    CamelContext camel;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFileInterruptedByABrokerFailureIsReadAgainAndNoRowIsDeliveredTwice() throws Exception {
        AdviceWith.adviceWith(camel, "accept-message", route -> route.weaveByToUri("jmsplain:queue:*").before()
                .process(exchange -> {
                    if (FAIL_AT.getAndDecrement() == 1) {
                        throw new UncategorizedJmsException("broker unavailable (test)");
                    }
                }));
        StringBuilder csv = new StringBuilder("Löpnummer;Personnummer;Hemkommun;Datum;Händelse\n");
        for (int i = 1; i <= 10; i++) {
            csv.append("RES-").append(i).append(";197908099968;1440;2026-11-0").append(i % 9 + 1).append(";paus\n");
        }
        FAIL_AT.set(4);

        Path folder = inbox("ale-ame");
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder.getParent(), "drop", ".tmp");
        Files.writeString(temporary, csv, StandardCharsets.UTF_8);
        Files.move(temporary, folder.resolve("avbruten.csv"));

        Path receiptFile = folder.resolve("receipts").resolve("avbruten.csv.receipt.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receiptFile));
        JsonNode receipt = json(Files.readString(receiptFile));

        assertThat(FAIL_AT.get()).as("the failure happened").isLessThan(1);
        assertThat(receipt.path("accepted").asInt()).isEqualTo(7);
        assertThat(receipt.path("duplicate").asInt()).isEqualTo(3);
        assertThat(Files.exists(folder.resolve(".done").resolve("avbruten.csv"))).isTrue();
        try (ForbundQueueClient forbund = new ForbundQueueClient(brokerUrl())) {
            for (int i = 1; i <= 10; i++) {
                String trackingId = jdbc.queryForObject("select tracking_id from tracked_message "
                        + "where partner_id = 'ale-ame' and message_id = ?", String.class, "statusfil:RES-" + i);
                assertThat(forbund.receive("forbund.alvkust.inbox", trackingId, 10_000)).as("row %d", i).isNotNull();
                assertThat(forbund.receive("forbund.alvkust.inbox", trackingId, 500)).as("row %d twice", i).isNull();
            }
        }
    }
}
