package io.feedwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedwatch.schemas.FeedingEvent;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SerdeFactoryTest {
    /** Stands in for a registry-backed factory: loaded by name, configured, then asked for serdes. */
    public static final class RecordingFactory implements SerdeFactory {
        Map<String, ?> configs = Map.of();

        @Override
        public void configure(Map<String, ?> configs) {
            this.configs = configs;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
            // Any serde will do: the test checks that this factory, not the default, made it.
            return (Serde<T>) (Serde<?>) Serdes.ByteArray();
        }
    }

    public static final class NoDefaultConstructor extends AbstractFactory {
        public NoDefaultConstructor(String unused) {
        }
    }

    public static final class FailingConstructor extends AbstractFactory {
        public FailingConstructor() {
            throw new IllegalStateException("registry url missing");
        }
    }

    /** Base for the broken factories: only their constructors matter. */
    public abstract static class AbstractFactory implements SerdeFactory {
        @Override
        public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
            return new AvroSingleObjectSerde<>(type);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void absentNameGivesTheDefault(String className) {
        assertThat(SerdeFactory.load(className)).isInstanceOf(SingleObjectSerdeFactory.class);
    }

    @Test
    void defaultFactoryMakesSingleObjectSerdes() {
        SerdeFactory factory = SerdeFactory.load(SingleObjectSerdeFactory.class.getName());

        try (Serde<FeedingEvent> serde = factory.serde(FeedingEvent.class)) {
            FeedingEvent event = (FeedingEvent) Samples.full().get(0);
            byte[] bytes = serde.serializer().serialize("t", event);
            assertThat(AvroSingleObjectSerde.isSingleObject(bytes)).isTrue();
            assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(event);
        }
    }

    @Test
    void loadsAndConfiguresAnotherFactory() {
        SerdeFactory factory = SerdeFactory.load(" " + RecordingFactory.class.getName() + " ");
        factory.configure(Map.of("schema.registry.url", "http://127.0.0.1:8081"));

        assertThat(factory).isInstanceOf(RecordingFactory.class);
        assertThat(((RecordingFactory) factory).configs)
                .isEqualTo(Map.of("schema.registry.url", "http://127.0.0.1:8081"));
        try (Serde<FeedingEvent> serde = factory.serde(FeedingEvent.class)) {
            assertThat(serde.getClass()).isEqualTo(Serdes.ByteArray().getClass());
        }
    }

    @Test
    void missingClassFailsWithOneLine() {
        assertThatThrownBy(() -> SerdeFactory.load("com.example.NoSuchFactory"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value com.example.NoSuchFactory for configuration feedwatch.serde.factory:"
                        + " class not found on the classpath");
    }

    @Test
    void classOfWrongTypeFails() {
        assertThatThrownBy(() -> SerdeFactory.load("java.lang.String"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value java.lang.String for configuration feedwatch.serde.factory:"
                        + " class does not implement io.feedwatch.schemas.serde.SerdeFactory");
    }

    @Test
    void classesThatCannotBeInstantiatedFail() {
        assertThatThrownBy(() -> SerdeFactory.load(NoDefaultConstructor.class.getName()))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("class has no public no-arg constructor");
        assertThatThrownBy(() -> SerdeFactory.load(AbstractFactory.class.getName()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot instantiate");
        assertThatThrownBy(() -> SerdeFactory.load(FailingConstructor.class.getName()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("constructor failed")
                .hasMessageContaining("registry url missing")
                .hasMessageNotContaining("\n");
    }
}
