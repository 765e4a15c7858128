package se.gransnav.system;

import java.nio.file.Path;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real embedded Artemis, started or not. */
class EmbeddedBrokerStartupCheckTest {

    @TempDir
    Path data;

    private EmbeddedActiveMQ broker() {
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setPersistenceEnabled(false);
        configuration.setSecurityEnabled(false);
        configuration.setJournalDirectory(data.resolve("journal").toString());
        configuration.setBindingsDirectory(data.resolve("bindings").toString());
        configuration.setPagingDirectory(data.resolve("paging").toString());
        configuration.setLargeMessagesDirectory(data.resolve("large").toString());
        try {
            configuration.addAcceptorConfiguration("invm", "vm://77");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new EmbeddedActiveMQ().setConfiguration(configuration);
    }

    @Test
    void aRunningBrokerPasses() throws Exception {
        EmbeddedActiveMQ broker = broker().start();
        try {
            assertThatCode(() -> EmbeddedBrokerStartupCheck.requireActive(broker)).doesNotThrowAnyException();
        } finally {
            broker.stop();
        }
    }

    @Test
    void aBrokerThatIsNotRunningStopsTheHub() throws Exception {
        EmbeddedActiveMQ broker = broker();
        assertThatThrownBy(() -> EmbeddedBrokerStartupCheck.requireActive(broker))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not start");
        broker.start();
        broker.stop();
        assertThatThrownBy(() -> EmbeddedBrokerStartupCheck.requireActive(broker))
                .isInstanceOf(IllegalStateException.class);
    }
}
