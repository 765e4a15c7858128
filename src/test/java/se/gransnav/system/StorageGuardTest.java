package se.gransnav.system;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageGuardTest {

    @TempDir
    Path data;

    private StorageGuard guard(DataSize minFree) {
        return new StorageGuard(new StaticListableBeanFactory().getBeanProvider(EmbeddedActiveMQ.class),
                data.resolve("not-yet-created").toString(), minFree,
                Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void roomWhenTheDataFoldersDiskHasTheMinimumFree() {
        assertThatCode(() -> guard(DataSize.ofBytes(1)).requireRoom()).doesNotThrowAnyException();
    }

    @Test
    void noRoomWhenItHasLessAndTheReasonSaysWhy() {
        assertThatThrownBy(() -> guard(DataSize.ofTerabytes(1_000_000)).requireRoom())
                .isInstanceOf(StorageGuard.StorageUnavailableException.class)
                .hasMessageContaining("free for the data folder");
    }
}
