package io.feedwatch.schemas.serde;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;

/**
 * A datum with a value in every field, built for any version of a schema, and the values a reader of another version
 * should see in it. Lets the guard test decode every history version without a hand-written sample per version.
 */
final class SampleDatum {
    private static final Instant INSTANT = Instant.parse("2026-03-14T09:26:53.589Z");
    private static final LocalDate DATE = LocalDate.of(2026, 3, 14);

    private SampleDatum() {
    }

    /** Generic data model that takes the same java.time values as the generated classes. */
    static GenericData model() {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        return model;
    }

    /** A record of {@code schema} with every field set, optional ones included. */
    static GenericRecord of(Schema schema) {
        return (GenericRecord) value(schema, schema.getName());
    }

    private static Object value(Schema schema, String name) {
        String logical = schema.getLogicalType() == null ? null : schema.getLogicalType().getName();
        if (logical != null) {
            return switch (logical) {
                case "date" -> DATE;
                case "timestamp-millis" -> INSTANT;
                default -> throw new IllegalArgumentException(
                        "SampleDatum has no sample for logical type " + logical + " (" + name + "); add one");
            };
        }
        return switch (schema.getType()) {
            case RECORD -> {
                GenericData.Record record = new GenericData.Record(schema);
                schema.getFields().forEach(f -> record.put(f.name(), value(f.schema(), f.name())));
                yield record;
            }
            // The non-null branch: a null would not show that the value crosses versions.
            case UNION -> value(schema.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL)
                    .findFirst().orElseThrow(), name);
            // The last symbol: never the UNKNOWN fallback, which would hide a lost value.
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(schema.getEnumSymbols().size() - 1));
            case STRING -> "sample " + name;
            case BYTES -> ByteBuffer.wrap(name.getBytes(StandardCharsets.UTF_8));
            case INT -> 7;
            case LONG -> 70_000_000_000L;
            case FLOAT -> 1.5f;
            case DOUBLE -> 82.5;
            case BOOLEAN -> true;
            case MAP -> Map.of("key", value(schema.getValueType(), name));
            case ARRAY -> List.of(value(schema.getElementType(), name));
            case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
            case NULL -> null;
        };
    }

    /**
     * What a reader of {@code reader} should see in {@code written}: a field the writer had keeps its value, a field
     * it lacked gets the reader's default.
     */
    static Map<String, Object> asReadBy(Schema reader, GenericRecord written, GenericData readerModel) {
        Map<String, Object> expected = new LinkedHashMap<>();
        for (Schema.Field field : reader.getFields()) {
            Schema.Field writerField = SchemaCompatibility.lookupWriterField(written.getSchema(), field);
            expected.put(field.name(), normalize(writerField == null
                    ? readerModel.getDefaultValue(field)
                    : written.get(writerField.name())));
        }
        return expected;
    }

    /** Field values of any record, generic or generated, in comparable form. */
    static Map<String, Object> fieldsOf(IndexedRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        record.getSchema().getFields().forEach(f -> fields.put(f.name(), normalize(record.get(f.pos()))));
        return fields;
    }

    /** Erases the differences between generic and generated values: Utf8 vs String, symbol vs Java enum, ... */
    private static Object normalize(Object value) {
        if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?>) {
            return value.toString();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof ByteBuffer bytes) {
            ByteBuffer copy = bytes.duplicate();
            byte[] out = new byte[copy.remaining()];
            copy.get(out);
            return HexFormat.of().formatHex(out);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(k.toString(), normalize(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SampleDatum::normalize).toList();
        }
        if (value instanceof IndexedRecord record) {
            return fieldsOf(record);
        }
        return value;
    }
}
