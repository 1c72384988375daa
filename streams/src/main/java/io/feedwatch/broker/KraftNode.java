package io.feedwatch.broker;

/**
 * One node of an embedded KRaft cluster (broker and controller in one process) and what it must know of the others.
 *
 * @param nodeId         node.id, from 1
 * @param port           client port on 127.0.0.1
 * @param controllerPort controller port on 127.0.0.1
 * @param voters         controller.quorum.voters: every node, as {@code id@127.0.0.1:controllerPort}
 * @param clusterSize    nodes in the cluster
 * @param clusterId      the id the storage is formatted with, the same for every node; null lets a lone node pick one
 */
record KraftNode(int nodeId, int port, int controllerPort, String voters, int clusterSize, String clusterId) {
    /** The cluster of one that {@code feedwatch demo} and most tests use. */
    static KraftNode single(int port, int controllerPort) {
        return new KraftNode(1, port, controllerPort, "1@" + EmbeddedBroker.HOST + ":" + controllerPort, 1, null);
    }

    /** Replicas of every topic: as many as there are nodes, up to 3. */
    int replicationFactor() {
        return Math.min(3, clusterSize);
    }

    /** 2 from 3 nodes on, so that an acknowledged write survives the loss of any one node; else 1. */
    int minInSyncReplicas() {
        return clusterSize >= 3 ? 2 : 1;
    }
}
