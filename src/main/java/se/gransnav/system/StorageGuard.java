package se.gransnav.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Asked before the hub stores a message it is about to acknowledge: is there room? No when the
 * embedded broker reports its disk full (its {@code max-disk-usage}, where it would block every
 * producer, so an intake send would hang instead of failing) or the data folder (H2, the embedded
 * journal) has less free space than {@code gransnav.storage.min-free-space}. Then intake refuses
 * at once — HTTP 503 with Retry-After, a queue message rolled back for redelivery, a file left in
 * the inbox — instead of acknowledging what it might not be able to keep. The answer is cached
 * for a second: a disk check per message would cost more than it tells.
 */
@Component
public class StorageGuard {

    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final ObjectProvider<EmbeddedActiveMQ> embeddedBroker;
    private final File dataDir;
    private final long minFreeBytes;
    private final Clock clock;
    private volatile Instant checkedAt = Instant.MIN;
    private volatile String problem;

    StorageGuard(ObjectProvider<EmbeddedActiveMQ> embeddedBroker, @Value("${gransnav.data-dir}") String dataDir,
                 @Value("${gransnav.storage.min-free-space:256MB}") DataSize minFreeSpace, Clock clock) {
        this.embeddedBroker = embeddedBroker;
        this.dataDir = Path.of(dataDir).toAbsolutePath().toFile();
        this.minFreeBytes = minFreeSpace.toBytes();
        this.clock = clock;
    }

    /** Throws {@link StorageUnavailableException} when there is no room to store a message. */
    public void requireRoom() {
        Instant now = clock.instant();
        if (Duration.between(checkedAt, now).compareTo(RECHECK) >= 0 || checkedAt.isAfter(now)) {
            problem = check();
            checkedAt = now;
        }
        String current = problem;
        if (current != null) {
            throw new StorageUnavailableException(current);
        }
    }

    private String check() {
        EmbeddedActiveMQ broker = embeddedBroker.getIfAvailable();
        ActiveMQServer server = broker == null ? null : broker.getActiveMQServer();
        if (server != null && server.getPagingManager() != null && server.getPagingManager().isDiskFull()) {
            return "the embedded broker's disk is full (max-disk-usage)";
        }
        try {
            File existing = dataDir;
            while (existing != null && !existing.exists()) {
                existing = existing.getParentFile();
            }
            long free = existing == null ? Long.MAX_VALUE : Files.getFileStore(existing.toPath()).getUsableSpace();
            if (free < minFreeBytes) {
                return "less than " + DataSize.ofBytes(minFreeBytes).toMegabytes() + " MB free for the data folder";
            }
        } catch (IOException e) {
            return "the data folder's disk cannot be read: " + e.getClass().getName();
        }
        return null;
    }

    /** There is no room to store a message now; nothing was stored. */
    public static final class StorageUnavailableException extends RuntimeException {
        StorageUnavailableException(String reason) {
            super(reason);
        }
    }
}
