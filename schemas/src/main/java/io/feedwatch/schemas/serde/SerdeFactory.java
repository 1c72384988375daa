package io.feedwatch.schemas.serde;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;

/**
 * Makes the value serde of each feedwatch record type, so that the wire format can be changed by configuration
 * without touching the topology.
 *
 * <p>The default, {@link SingleObjectSerdeFactory}, writes Avro single-object encoding and needs no infrastructure.
 * A deployment that runs a schema registry replaces it by naming its own factory class in
 * {@value #CONFIG_KEY}; the application loads that class with {@link #load(String)}, passes it its whole
 * configuration once through {@link #configure(Map)}, and then asks it for one serde per record type. A
 * registry-backed factory is typically a few lines on the classpath next to the feedwatch jar, for example with
 * Confluent's {@code SpecificAvroSerde}:
 *
 * <pre>{@code
 * public final class RegistrySerdeFactory implements SerdeFactory {
 *     private Map<String, ?> configs = Map.of();
 *
 *     public void configure(Map<String, ?> configs) {
 *         this.configs = configs; // carries schema.registry.url and the registry's client settings
 *     }
 *
 *     public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
 *         SpecificAvroSerde<T> serde = new SpecificAvroSerde<>();
 *         serde.configure(configs, false); // feedwatch uses these serdes for record values
 *         return serde;
 *     }
 * }
 * }</pre>
 *
 * and is selected with {@code feedwatch.serde.factory=com.example.RegistrySerdeFactory}. Producers and consumers
 * outside feedwatch must then use the same format; bytes of the two formats cannot be mixed on one topic.
 *
 * <p>Implementations need a public no-arg constructor, and their serdes must be thread-safe.
 */
public interface SerdeFactory extends Configurable {
    /** Configuration key naming the factory class; absent or blank means {@link SingleObjectSerdeFactory}. */
    String CONFIG_KEY = "feedwatch.serde.factory";

    /** Serde for values of the generated record class {@code type}. */
    <T extends SpecificRecord> Serde<T> serde(Class<T> type);

    /** Receives the application's configuration once, before the first {@link #serde(Class)}; ignored by default. */
    @Override
    default void configure(Map<String, ?> configs) {
    }

    /**
     * Instantiates the factory class {@code className} through its public no-arg constructor; {@code null} or blank
     * gives the default {@link SingleObjectSerdeFactory}.
     *
     * @throws ConfigException with a one-line message if the class is missing, is not a {@code SerdeFactory}, or
     *                         cannot be instantiated
     */
    static SerdeFactory load(String className) {
        if (className == null || className.isBlank()) {
            return new SingleObjectSerdeFactory();
        }
        String name = className.trim();
        Class<?> type;
        try {
            type = Class.forName(name, true, SerdeFactory.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw invalid(name, "class not found on the classpath", e);
        }
        if (!SerdeFactory.class.isAssignableFrom(type)) {
            throw invalid(name, "class does not implement " + SerdeFactory.class.getName(), null);
        }
        try {
            return (SerdeFactory) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw invalid(name, "class has no public no-arg constructor", e);
        } catch (InvocationTargetException e) {
            throw invalid(name, "constructor failed: " + oneLine(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw invalid(name, "cannot instantiate the class: " + oneLine(e), e);
        }
    }

    private static String oneLine(Throwable e) {
        return String.valueOf(e).replaceAll("\\s+", " ").trim();
    }

    private static ConfigException invalid(String className, String why, Throwable cause) {
        ConfigException e = new ConfigException(CONFIG_KEY, className, why);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
