package io.feedwatch.sink;

import java.time.Instant;

/** Where a record was read: its topic, partition and offset, and the record's Kafka timestamp. */
record Origin(String topic, int partition, long offset, Instant timestamp) {
}
