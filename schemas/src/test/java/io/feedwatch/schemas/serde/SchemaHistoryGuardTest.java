package io.feedwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build-time guard of schema evolution: every schema a record was ever written with ({@link SchemaHistory}) must
 * stay readable by the current code, and a changed schema must be recorded as a new history version.
 */
class SchemaHistoryGuardTest {
    private static final SchemaHistory HISTORY = SchemaHistory.feedwatch();

    static Stream<Class<? extends SpecificRecord>> recordTypes() {
        return Samples.RECORD_TYPES.stream();
    }

    static Stream<Arguments> everyVersion() {
        return Samples.RECORD_TYPES.stream().flatMap(type -> HISTORY.versions(currentSchema(type).getName()).stream()
                .map(version -> Arguments.of(Named.of(type.getSimpleName(), type), Named.of("v" + version.number(), version))));
    }

    @ParameterizedTest
    @MethodSource("recordTypes")
    void currentSchemaIsTheNewestHistoryVersion(Class<? extends SpecificRecord> type) {
        Schema current = currentSchema(type);
        List<SchemaHistory.Version> versions = HISTORY.versions(current.getName());
        String next = HISTORY.resource(current.getName(), versions.size() + 1);
        String howToAdd = String.format(" Old versions must stay as they are: add the current schema as"
                + " src/main/resources/%s (the Schema.toString(true) of %s.getClassSchema(), enums inlined).",
                next, type.getSimpleName());

        assertThat(versions).as("%s has no schema history.%s", current.getName(), howToAdd).isNotEmpty();
        SchemaHistory.Version newest = versions.get(versions.size() - 1);
        assertThat(SchemaNormalization.parsingFingerprint64(newest.schema()))
                .as("%s.avsc changed on the wire since its newest history version %s.%s",
                        current.getName(), newest.resource(), howToAdd)
                .isEqualTo(SchemaNormalization.parsingFingerprint64(current));
        // Schema.equals also sees defaults, which decide how old writers' records are filled in.
        assertThat(newest.schema())
                .as("%s.avsc (defaults or properties) differs from its newest history version %s.%s",
                        current.getName(), newest.resource(), howToAdd)
                .isEqualTo(current);
    }

    @ParameterizedTest(name = "{0} reads history {1}")
    @MethodSource("everyVersion")
    void currentSchemaCanReadEveryHistoryVersion(Class<? extends SpecificRecord> type, SchemaHistory.Version version) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(currentSchema(type), version.schema());

        assertThat(result.getType())
                .as("the current %s schema cannot read records written with %s, so consumers would fail on old data;"
                        + " make the change backward compatible (e.g. give a new field a default): %s",
                        type.getSimpleName(), version.resource(), result.getResult().getIncompatibilities().stream()
                                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")").toList())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest(name = "serde decodes {0} {1}")
    @MethodSource("everyVersion")
    <T extends SpecificRecord> void serdeDecodesBytesOfEveryHistoryVersion(Class<T> type, SchemaHistory.Version version) {
        Schema writer = version.schema();
        GenericRecord datum = SampleDatum.of(writer);
        byte[] bytes = encode(new BinaryMessageEncoder<>(SampleDatum.model(), writer), datum);

        T decoded;
        try (Serde<T> serde = new AvroSingleObjectSerde<>(type)) {
            decoded = serde.deserializer().deserialize("any-topic", bytes);
        }

        assertThat(SampleDatum.fieldsOf(decoded))
                .as("%s written with %s, as the current code reads it", type.getSimpleName(), version.resource())
                .isEqualTo(SampleDatum.asReadBy(decoded.getSchema(), datum, SpecificData.getForClass(type)));
    }

    @Test
    void historyFoldersHoldExactlyTheNumberedVersions() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getClassLoader().getResource(SchemaHistory.FEEDWATCH_ROOT).toURI());
        Set<String> recordNames = recordTypes().map(t -> currentSchema(t).getName()).collect(Collectors.toSet());

        try (Stream<Path> folders = Files.list(root)) {
            assertThat(folders.map(p -> p.getFileName().toString()))
                    .as("history folders; a new record type needs a history and samples in Samples")
                    .containsExactlyInAnyOrderElementsOf(recordNames);
        }
        for (String name : recordNames) {
            int count = HISTORY.versions(name).size();
            try (Stream<Path> files = Files.list(root.resolve(name))) {
                // Loading stops at the first missing number, so a gap or a misnamed file would silently hide versions.
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("files in %s: versions are v1.avsc, v2.avsc, ... without gaps", HISTORY.directory(name))
                        .containsExactlyInAnyOrderElementsOf(
                                IntStream.rangeClosed(1, count).mapToObj(n -> "v" + n + ".avsc").toList());
            }
        }
    }

    @Test
    void everyAvscRecordIsGuarded() throws IOException {
        // Surefire runs in the module folder. common/ holds the shared enums, imported by the records.
        Path avro = Path.of("src/main/avro");
        try (Stream<Path> files = Files.walk(avro)) {
            assertThat(files.filter(p -> !p.startsWith(avro.resolve("common"))).map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".avsc")))
                    .as("records in src/main/avro (state/ included); add new ones to Samples.RECORD_TYPES")
                    .containsExactlyInAnyOrderElementsOf(
                            recordTypes().map(t -> currentSchema(t).getName() + ".avsc").toList());
        }
    }

    @ParameterizedTest
    @MethodSource("recordTypes")
    void everyTypeAndFieldIsDocumentedAndOptionalFieldsHaveDefaults(Class<? extends SpecificRecord> type) {
        List<String> problems = new ArrayList<>();
        walk(currentSchema(type), problems, new IdentityHashMap<>());

        assertThat(problems).as("schema rules broken in %s.avsc", type.getSimpleName()).isEmpty();
    }

    private static void walk(Schema schema, List<String> problems, Map<Schema, Boolean> seen) {
        if (seen.put(schema, Boolean.TRUE) != null) {
            return;
        }
        switch (schema.getType()) {
            case RECORD -> {
                requireDoc(schema.getDoc(), "record " + schema.getFullName(), problems);
                for (Schema.Field field : schema.getFields()) {
                    String where = schema.getName() + "." + field.name();
                    requireDoc(field.doc(), "field " + where, problems);
                    if (field.schema().isNullable() && !field.hasDefaultValue()) {
                        problems.add("optional field " + where + " has no default (use \"default\": null)");
                    }
                    walk(field.schema(), problems, seen);
                }
            }
            case ENUM -> {
                requireDoc(schema.getDoc(), "enum " + schema.getFullName(), problems);
                if (schema.getEnumDefault() == null) {
                    // Without it, a reader built before a symbol was added fails on records that carry the symbol.
                    problems.add("enum " + schema.getFullName() + " has no default symbol");
                }
            }
            case UNION -> schema.getTypes().forEach(branch -> walk(branch, problems, seen));
            case MAP -> walk(schema.getValueType(), problems, seen);
            case ARRAY -> walk(schema.getElementType(), problems, seen);
            default -> {
                // Primitives and fixed carry no docs of their own.
            }
        }
    }

    private static void requireDoc(String doc, String what, List<String> problems) {
        if (doc == null || doc.isBlank()) {
            problems.add(what + " has no doc");
        }
    }

    static Schema currentSchema(Class<? extends SpecificRecord> type) {
        return SpecificData.getForClass(type).getSchema(type);
    }

    static <D> byte[] encode(BinaryMessageEncoder<D> encoder, D datum) {
        try {
            var buffer = encoder.encode(datum);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
