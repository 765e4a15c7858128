package se.gransnav.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import se.gransnav.tracking.DeliveryJournal;
import se.gransnav.tracking.TrackingEvent;

/**
 * Writes a message from {@code hub.filedrop.<forbundId>} to the förbund's folder in the outbox
 * ({@code routes/file-drop.camel.yaml}), under the Swedish date of the delivery. A failure (disk
 * full, folder not writable) rolls the JMS transaction back and the broker redelivers, then
 * dead-letters, as for the förbund queues.
 */
@Component
public class FileDrop {

    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    private final FileDropWriter writer;
    private final Path outbox;
    private final DeliveryJournal journal;
    private final Clock clock;

    FileDrop(OutboxProperties outbox, DeliveryJournal journal, Clock clock) {
        this.outbox = Path.of(outbox.dir());
        this.writer = new FileDropWriter(this.outbox);
        this.journal = journal;
        this.clock = clock;
    }

    public void write(Exchange exchange, String forbundId) throws IOException {
        Message message = exchange.getMessage();
        String trackingId = message.getHeader("hubTrackingId", String.class);
        if (trackingId == null) {
            throw new IllegalStateException("file-drop message without hubTrackingId");
        }
        String text = message.getBody(String.class);
        if (text == null) {
            throw new IllegalStateException("file-drop message without a body");
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        LocalDate day = now.atZoneSameInstant(SWEDEN).toLocalDate();
        Path file = writer.write(forbundId, day, trackingId, body);
        TrackingEvent event = new TrackingEvent(now, "DELIVERED", "FILE",
                outbox.relativize(file).toString().replace('\\', '/'));
        AfterCommit.run(() -> journal.delivered(trackingId, event));
    }

    /** Where a förbund's messages go; created when the hub starts. */
    Path folder(String forbundId) {
        return outbox.resolve(forbundId);
    }
}
