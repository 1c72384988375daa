package io.feedwatch.http;

import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** Which instance answers for one key: this one, another one (forward the request there), or none right now. */
public sealed interface Placement {

    /** The key's active store is on this instance. */
    record Local() implements Placement {
    }

    /** The key's active store is on {@code host}: forward the request. */
    record Remote(HostInfo host) implements Placement {
    }

    /** No instance can answer right now (rebalancing, or not yet running): the caller should retry shortly. */
    record Unavailable(String reason) implements Placement {
    }

    /**
     * The routing decision for a key, from Streams metadata.
     *
     * @param alreadyForwarded the request came from another instance: it is answered here or not at all, so that two
     *                         instances with different views during a rebalance never bounce it between them
     */
    static Placement of(KeyQueryMetadata metadata, HostInfo self, boolean alreadyForwarded) {
        if (metadata == null || metadata == KeyQueryMetadata.NOT_AVAILABLE
                || metadata.activeHost() == null || metadata.activeHost().equals(HostInfo.unavailable())) {
            return new Unavailable("no instance hosts this participant right now (starting or rebalancing)");
        }
        if (metadata.activeHost().equals(self)) {
            return new Local();
        }
        if (alreadyForwarded) {
            return new Unavailable("the participant moved to " + metadata.activeHost().host() + ":" + metadata.activeHost().port()
                    + " while the request was forwarded (rebalancing)");
        }
        return new Remote(metadata.activeHost());
    }
}
