package io.feedwatch.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Every schema a record has ever been written with, kept as class-path resources
 * {@code <root>/<RecordName>/v1.avsc}, {@code v2.avsc}, ... (fully resolved JSON, enums inlined).
 *
 * <p>Bytes on a topic name their writer schema only by fingerprint, so a reader can decode records from an older
 * writer only if it still has that writer's schema: the history is where it finds them. The newest version always
 * equals the record's current schema; when a schema changes, its new form is added as the next version and the old
 * versions are never edited or removed.
 *
 * <p>Versions are numbered from 1 without gaps; loading stops at the first missing number.
 */
public final class SchemaHistory {
    /** Where feedwatch keeps the history of its own records. */
    public static final String FEEDWATCH_ROOT = "io/feedwatch/schemas/history";

    /** One stored version of a record's schema. */
    public record Version(int number, String resource, Schema schema) {}

    private final ClassLoader loader;
    private final String root;

    /**
     * @param loader class loader that holds the history resources
     * @param root   resource folder holding one sub-folder per record name, without leading or trailing slash
     */
    public SchemaHistory(ClassLoader loader, String root) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.root = Objects.requireNonNull(root, "root");
    }

    /** The history of feedwatch's own records, shipped in this module. */
    public static SchemaHistory feedwatch() {
        return new SchemaHistory(SchemaHistory.class.getClassLoader(), FEEDWATCH_ROOT);
    }

    /** Resource folder of a record's versions, e.g. {@code io/feedwatch/schemas/history/FeedingEvent}. */
    public String directory(String recordName) {
        return root + "/" + recordName;
    }

    /** Resource path of version {@code number} of a record, whether or not it exists yet. */
    public String resource(String recordName, int number) {
        return directory(recordName) + "/v" + number + ".avsc";
    }

    /** All stored versions of a record, oldest first; empty when the record has no history. */
    public List<Version> versions(String recordName) {
        List<Version> versions = new ArrayList<>();
        for (int n = 1; ; n++) {
            String resource = resource(recordName, n);
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    return List.copyOf(versions);
                }
                // One parser per file: each version defines its enums inline, and a shared parser would reject
                // the second definition of the same name.
                versions.add(new Version(n, resource, new Schema.Parser().parse(in)));
            } catch (SchemaParseException e) {
                throw new IllegalStateException("schema history file " + resource + " is not a valid Avro schema: "
                        + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema history file " + resource, e);
            }
        }
    }
}
