package io.feedwatch.app;

import io.feedwatch.testing.SharedBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The streams app on the real embedded KRaft broker: a quiet participant is alerted from timers alone, then resolved. */
@ExtendWith(SharedBroker.class)
class EmbeddedPipelineTest {
    @TempDir
    Path stateDir;

    @Test
    void quietParticipantIsAlertedWithNoInputAndResolvedWhenSessionsArrive(SharedBroker.Kafka kafka) {
        QuietParticipantScenario.run(kafka.bootstrapServers(), stateDir);
    }
}
