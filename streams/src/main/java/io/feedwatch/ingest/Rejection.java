package io.feedwatch.ingest;

import io.feedwatch.schemas.RejectionReason;

/** Why a record was not accepted: the dead-letter reason code and a message naming the field or value at fault. */
public record Rejection(RejectionReason reason, String message) {
}
