package io.feedwatch.sink;

/** What one run of the export read; {@code skipped} records were undecodable or invalid enrollments (logged). */
public record ExportStats(long alertRecords, long dailySummaries, long deadLetters, long enrollments, long skipped, long transactions) {
    public long records() {
        return alertRecords + dailySummaries + deadLetters + enrollments + skipped;
    }
}
