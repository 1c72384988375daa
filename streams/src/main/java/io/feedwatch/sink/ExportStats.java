package io.feedwatch.sink;

/** What one run of the export read; {@code skipped} records were undecodable, invalid enrollments or ill-formed staff actions (logged). */
public record ExportStats(long alertRecords, long dailySummaries, long deadLetters, long enrollments, long caseRecords,
                          long staffActions, long skipped, long transactions) {
    public long records() {
        return alertRecords + dailySummaries + deadLetters + enrollments + caseRecords + staffActions + skipped;
    }
}
