package se.gransnav.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes one message to {@code <outbox>/<forbundId>/<yyyy-MM-dd>/<trackingId>.json} so that a reader
 * never sees it half-written: the bytes go to a temporary file in the same folder whose name
 * starts with '.', are forced to disk, and the file is then renamed atomically to its final name.
 * The same tracking id on the same day gives the same file (a redelivery replaces it with the
 * same bytes).
 */
final class FileDropWriter {

    /** Förbund ids and tracking ids become path segments: no separators, no '.' or '..'. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private final Path outbox;

    FileDropWriter(Path outbox) {
        this.outbox = outbox;
    }

    /** The folder of one förbund's messages of one day. */
    Path folder(String forbundId, LocalDate day) {
        return outbox.resolve(safe(forbundId)).resolve(day.toString());
    }

    Path write(String forbundId, LocalDate day, String trackingId, byte[] body) throws IOException {
        Path folder = folder(forbundId, day);
        Files.createDirectories(folder);
        Path target = folder.resolve(safe(trackingId) + ".json");
        Path temp = folder.resolve("." + trackingId + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(body);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            // On POSIX file systems rename(2) replaces an existing target atomically.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException("the outbox " + outbox + " cannot rename files atomically", e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncFolder(folder);
        return target;
    }

    /** Makes the rename itself durable where the platform allows a folder to be synced (Linux). */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here (e.g. Windows); the file itself is on disk already.
        }
    }

    private static String safe(String name) {
        if (name == null || !SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a safe file name: letters, digits, - and _ only");
        }
        return name;
    }
}
