package io.feedwatch.sink;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** {@link ExportContract} against an embedded DuckDB file, chosen with {@code --database}. */
class ExportDuckDbTest extends ExportContract {
    @TempDir
    Path dir;

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.duckDb(dir);
    }

    @Override
    List<String> targetOptions(TestDatabase db) {
        return List.of("--database", dir.resolve("export.duckdb").toString());
    }
}
