package io.feedwatch.chaos;

/**
 * Where every record went. The driver's side: {@code sent = acceptedOverHttp + acknowledgedByKafka + rejectedOverHttp
 * + unanswered}. The stream's side, over the input topic's records: {@code inTopic = processed + deadLettered +
 * duplicatesIgnored} (a batch retried over HTTP after a failure may put an event in the topic twice; the second is an
 * ignored duplicate).
 */
public record Accounting(long sent, long acceptedOverHttp, long acknowledgedByKafka, long rejectedOverHttp, long unanswered,
                         long inTopic, long processed, long deadLettered, long duplicatesIgnored,
                         long alertsCompared, long summariesCompared) {
}
