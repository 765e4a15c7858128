package se.gransnav.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileDropWriterTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    private static final String TRACKING_ID = "36d60cba-4db5-43e6-b2c9-6ad2764af3ca";
    private static final byte[] BODY = "{\"type\":\"STATUS_UPDATE\",\"a\":\"åäö\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path outbox;

    @Test
    void writesTheExactBytesToTheForbundsFolderOfTheDayUnderTheTrackingId() throws IOException {
        Path file = new FileDropWriter(outbox).write("alvkust", DAY, TRACKING_ID, BODY);

        assertThat(file).isEqualTo(outbox.resolve("alvkust/2026-11-25/" + TRACKING_ID + ".json"));
        assertThat(Files.readAllBytes(file)).isEqualTo(BODY);
        assertThat(names(file.getParent())).containsExactly(TRACKING_ID + ".json");
    }

    @Test
    void theSameTrackingIdTwiceIsTheSameFileAndAnotherDayAnotherFolder() throws IOException {
        FileDropWriter writer = new FileDropWriter(outbox);
        Path first = writer.write("alvkust", DAY, TRACKING_ID, BODY);
        Path second = writer.write("alvkust", DAY, TRACKING_ID, BODY);
        Path nextDay = writer.write("alvkust", DAY.plusDays(1), TRACKING_ID, BODY);

        assertThat(second).isEqualTo(first);
        assertThat(names(first.getParent())).containsExactly(TRACKING_ID + ".json");
        assertThat(Files.readAllBytes(first)).isEqualTo(BODY);
        assertThat(nextDay).isEqualTo(outbox.resolve("alvkust/2026-11-26/" + TRACKING_ID + ".json"));
    }

    /**
     * The final name appears only by a rename of a complete '.' file in the same folder: the folder
     * sees the temporary file created and the final one arrive, never the final one written to.
     */
    @Test
    void theFileIsWrittenUnderATemporaryDotNameAndRenamed() throws Exception {
        Path folder = Files.createDirectories(outbox.resolve("alvkust/2026-11-25"));
        List<String> events = new ArrayList<>();
        try (WatchService watcher = folder.getFileSystem().newWatchService()) {
            folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            new FileDropWriter(outbox).write("alvkust", DAY, TRACKING_ID, BODY);
            WatchKey key;
            while ((key = watcher.poll(2, TimeUnit.SECONDS)) != null) {
                for (WatchEvent<?> event : key.pollEvents()) {
                    events.add(event.kind().name() + " " + event.context());
                }
                key.reset();
            }
        }
        String finalName = TRACKING_ID + ".json";
        assertThat(events).anyMatch(e -> e.startsWith("ENTRY_CREATE ." + TRACKING_ID) && e.endsWith(".tmp"));
        assertThat(events).anyMatch(e -> e.startsWith("ENTRY_DELETE ." + TRACKING_ID) && e.endsWith(".tmp"));
        assertThat(events).contains("ENTRY_CREATE " + finalName);
        assertThat(events).as("the final file is never written to").doesNotContain("ENTRY_MODIFY " + finalName);
        assertThat(names(folder)).containsExactly(finalName);
    }

    @Test
    void aFailedWriteLeavesNeitherTheFileNorItsTemporaryFile() throws IOException {
        Path folder = Files.createDirectories(outbox.resolve("alvkust/2026-11-25"));
        // A non-empty folder in the way of the final name: the rename fails.
        Files.createDirectories(folder.resolve(TRACKING_ID + ".json").resolve("in-the-way"));

        assertThatThrownBy(() -> new FileDropWriter(outbox).write("alvkust", DAY, TRACKING_ID, BODY))
                .isInstanceOf(IOException.class);
        assertThat(names(folder)).containsExactly(TRACKING_ID + ".json");
        assertThat(Files.isDirectory(folder.resolve(TRACKING_ID + ".json"))).isTrue();
    }

    @Test
    void namesThatCouldLeaveTheOutboxAreRefused() {
        FileDropWriter writer = new FileDropWriter(outbox);
        assertThatIllegalArgumentException().isThrownBy(() -> writer.write("alvkust", DAY, "../escape", BODY));
        assertThatIllegalArgumentException().isThrownBy(() -> writer.write("..", DAY, TRACKING_ID, BODY));
        assertThatIllegalArgumentException().isThrownBy(() -> writer.write("alvkust", DAY, ".hidden", BODY));
        assertThat(outbox.getParent().resolve("escape.json")).doesNotExist();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
