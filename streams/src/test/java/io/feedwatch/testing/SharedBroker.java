package io.feedwatch.testing;

import io.feedwatch.broker.BrokerOptions;
import io.feedwatch.broker.EmbeddedBroker;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One embedded Kafka broker for the whole test run, started when a test first asks for it (about 5 s) and closed
 * when the run ends (it lives in the root {@link ExtensionContext.Store}, which closes {@link AutoCloseable} values).
 *
 * <p>Usage: annotate the test class with {@code @ExtendWith(SharedBroker.class)} and take a {@link Kafka}
 * parameter in a constructor, a lifecycle method or a test method:
 * <pre>{@code
 * @ExtendWith(SharedBroker.class)
 * class SomethingIT {
 *     @Test
 *     void roundTrip(SharedBroker.Kafka kafka) {
 *         Properties props = kafka.clientProperties();
 *         ...
 *     }
 * }
 * }</pre>
 * The broker is shared: topics and consumer groups outlive the test class that made them. Tests should use their
 * own application ids, group ids and record keys, and must not delete topics that others may use. The feedwatch
 * topics are not created here; call {@link io.feedwatch.app.TopicSetup#ensureTopics} (idempotent) when needed.
 */
public final class SharedBroker implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedBroker.class);

    /** What a test gets: where the shared broker is. */
    public record Kafka(String bootstrapServers) {
        /** A fresh configuration with only {@code bootstrap.servers}, to add client settings to. */
        public Properties clientProperties() {
            Properties props = new Properties();
            props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            return props;
        }
    }

    /** The shared broker, started on first use. */
    public static Kafka kafka(ExtensionContext context) {
        EmbeddedBroker broker = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(EmbeddedBroker.class, key -> EmbeddedBroker.start(BrokerOptions.defaults()),
                        EmbeddedBroker.class);
        return new Kafka(broker.bootstrapServers());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Kafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return kafka(extensionContext);
    }
}
