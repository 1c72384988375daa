package io.feedwatch.sink;

import java.util.List;

/**
 * {@link ExportContract} against the PostgreSQL at 127.0.0.1:5432 (database test, trust authentication), each test in
 * a schema of its own; skipped with the reason where that server is not reachable.
 */
class ExportPostgresTest extends ExportContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }

    @Override
    List<String> targetOptions(TestDatabase db) {
        return List.of("--jdbc-url", db.url());
    }
}
