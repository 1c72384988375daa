package io.feedwatch.ingest;

import io.feedwatch.schemas.FeedingEvent;

/** A well-formed feeding event on its way to detection, with the bytes it came as (kept for a later dead letter). */
public record IngestedEvent(FeedingEvent event, byte[] originalKey, byte[] originalValue) {
}
