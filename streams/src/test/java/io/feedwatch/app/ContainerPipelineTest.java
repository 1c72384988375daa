package io.feedwatch.app;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same end-to-end path on the official apache/kafka image; skipped cleanly where Docker is absent. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPipelineTest {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.1");

    @TempDir
    Path stateDir;

    @Test
    void quietParticipantIsAlertedAndResolvedOnTheApacheKafkaImage() {
        QuietParticipantScenario.run(KAFKA.getBootstrapServers(), stateDir);
    }
}
