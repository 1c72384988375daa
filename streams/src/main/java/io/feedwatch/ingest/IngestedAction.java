package io.feedwatch.ingest;

import io.feedwatch.schemas.StaffAction;

/** A well-formed staff action on its way to the work queue, with the bytes it came as (kept for a later dead letter). */
public record IngestedAction(StaffAction action, byte[] originalKey, byte[] originalValue) {
}
