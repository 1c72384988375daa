package io.feedwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The limits at the edge, exactly at their boundaries, in both input formats (JSON and Avro single-object). */
class ParserLimitsTest {
    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

    private final EventParser events = new EventParser();
    private final ParticipantParser participants = new ParticipantParser();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String eventJson(String eventId, String participantId, String startTime, String extra) {
        return """
                {"eventId":"%s","participantId":"%s","type":"PUMP","startTime":"%s"%s}""".formatted(eventId, participantId, startTime, extra);
    }

    private static String participantJson(String clinicId, String birth, String start, String end) {
        return """
                {"participantId":"p-1","clinicId":"%s","infantBirthDate":"%s","timeZone":"UTC","monitoringStart":"%s","monitoringEnd":%s}"""
                .formatted(clinicId, birth, start, end == null ? "null" : "\"" + end + "\"");
    }

    private static byte[] avro(Consumer<FeedingEvent.Builder> change) {
        FeedingEvent.Builder b = FeedingEvent.newBuilder().setEventId("e-1").setParticipantId("p-1").setType(FeedingType.PUMP).setStartTime(T);
        change.accept(b);
        return new AvroSingleObjectSerde<>(FeedingEvent.class).serializer().serialize("t", b.build());
    }

    private static byte[] avroParticipant(Consumer<Participant.Builder> change) {
        Participant.Builder b = Participant.newBuilder().setParticipantId("p-1").setClinicId("c-1")
                .setInfantBirthDate(LocalDate.of(2026, 2, 25)).setTimeZone("UTC").setMonitoringStart(T);
        change.accept(b);
        return new AvroSingleObjectSerde<>(Participant.class).serializer().serialize("t", b.build());
    }

    private static void assertInvalid(Parsed<?> parsed, String messageStart) {
        assertThat(parsed.rejection()).as("rejection").isNotNull();
        assertThat(parsed.rejection().reason()).isEqualTo(RejectionReason.INVALID_VALUE);
        assertThat(parsed.rejection().message()).startsWith(messageStart);
        assertThat(parsed.rejection().message().length()).isLessThan(300);
    }

    @Test
    void idsOfExactly128CharactersAreAcceptedIn129NotInBothFormats() {
        String ok = "x".repeat(128);
        String tooLong = "x".repeat(129);
        assertThat(events.parse(utf8(eventJson(ok, ok, T.toString(), ",\"sourceId\":\"" + ok + "\""))).accepted()).isTrue();
        assertInvalid(events.parse(utf8(eventJson(tooLong, "p-1", T.toString(), ""))), "eventId must be at most 128 characters");
        assertInvalid(events.parse(utf8(eventJson("e-1", tooLong, T.toString(), ""))), "participantId must be at most 128");
        assertInvalid(events.parse(utf8(eventJson("e-1", "p-1", T.toString(), ",\"sourceId\":\"" + tooLong + "\""))), "sourceId must be at most 128");

        assertThat(events.parse(avro(b -> b.setEventId(ok).setParticipantId(ok).setSourceId(ok))).accepted()).isTrue();
        assertInvalid(events.parse(avro(b -> b.setEventId(tooLong))), "eventId must be at most 128");
        assertInvalid(events.parse(avro(b -> b.setParticipantId(tooLong))), "participantId must be at most 128");
        assertInvalid(events.parse(avro(b -> b.setSourceId(tooLong))), "sourceId must be at most 128");

        assertThat(participants.parse(utf8(participantJson(ok, "2026-02-25", T.toString(), null))).accepted()).isTrue();
        assertInvalid(participants.parse(utf8(participantJson(tooLong, "2026-02-25", T.toString(), null))), "clinicId must be at most 128");
        assertThat(participants.parse(avroParticipant(b -> b.setClinicId(ok).setParticipantId(ok))).accepted()).isTrue();
        assertInvalid(participants.parse(avroParticipant(b -> b.setClinicId(tooLong))), "clinicId must be at most 128");
        assertInvalid(participants.parse(avroParticipant(b -> b.setParticipantId(tooLong))), "participantId must be at most 128");
    }

    @Test
    void aMillionCharacterIdIsRefusedWithAShortMessageAndNoIdInTheDeadLetterNaming() {
        String huge = "p".repeat(1_000_000);
        Parsed<FeedingEvent> parsed = events.parse(utf8(eventJson("e-1", huge, T.toString(), "")));

        assertInvalid(parsed, "participantId must be at most 128 characters, got 1000000");
        assertThat(parsed.participantId()).isNull();
        assertThat(parsed.eventId()).isEqualTo("e-1");
    }

    @Test
    void textThatIsNotValidUnicodeIsRefusedAndReplacementCharactersInIdsToo() {
        assertInvalid(events.parse(utf8(eventJson("e-\\ud800", "p-1", T.toString(), ""))), "eventId must be valid Unicode");
        assertInvalid(events.parse(utf8(eventJson("e-1", "p-\\udc00x", T.toString(), ""))), "participantId must be valid Unicode");
        assertInvalid(participants.parse(utf8(participantJson("c-\\ud800", "2026-02-25", T.toString(), null))), "clinicId must be valid Unicode");
        // bytes that are not UTF-8 inside an Avro string decode to U+FFFD: two such ids would read as one
        assertInvalid(events.parse(avro(b -> b.setEventId("e-\uFFFD"))), "eventId must not contain U+FFFD");
        assertThat(events.parse(utf8(eventJson("e-\\ud83c\\udf7c", "p-1", T.toString(), ""))).accepted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1900-01-01T00:00:00Z", "2200-01-01T00:00:00Z", "2199-12-31T19:00:00-05:00"})
    void instantsAtTheBoundsAreAccepted(String instant) {
        assertThat(events.parse(utf8(eventJson("e-1", "p-1", instant, ",\"recordedAt\":\"" + instant + "\""))).accepted()).isTrue();
        Instant t = OffsetDateTime.parse(instant).toInstant();
        assertThat(events.parse(avro(b -> b.setStartTime(t).setRecordedAt(t))).accepted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1899-12-31T23:59:59.999Z", "2200-01-01T00:00:00.001Z", "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z", "2200-01-01T00:00:00-00:01"})
    void instantsOutsideTheBoundsAreInvalid(String instant) {
        assertInvalid(events.parse(utf8(eventJson("e-1", "p-1", instant, ""))), "startTime must be from 1900-01-01T00:00:00Z to 2200-01-01T00:00:00Z");
        assertInvalid(events.parse(utf8(eventJson("e-1", "p-1", T.toString(), ",\"recordedAt\":\"" + instant + "\""))), "recordedAt must be from");
        assertInvalid(participants.parse(utf8(participantJson("c-1", "2026-02-25", instant, null))), "monitoringStart must be from");
        assertInvalid(participants.parse(utf8(participantJson("c-1", "2026-02-25", T.toString(), instant))), "monitoringEnd must be from");
    }

    @Test
    void avroInstantsAndDatesOutsideTheBoundsAreInvalid() {
        Instant far = Instant.ofEpochMilli(Long.MAX_VALUE);
        Instant early = Instant.parse("1899-12-31T23:59:59.999Z");
        assertInvalid(events.parse(avro(b -> b.setStartTime(far))), "startTime must be from");
        assertInvalid(events.parse(avro(b -> b.setStartTime(Instant.ofEpochMilli(Long.MIN_VALUE)))), "startTime must be from");
        assertInvalid(events.parse(avro(b -> b.setRecordedAt(early))), "recordedAt must be from");
        assertInvalid(participants.parse(avroParticipant(b -> b.setMonitoringStart(early))), "monitoringStart must be from");
        assertInvalid(participants.parse(avroParticipant(b -> b.setMonitoringEnd(far))), "monitoringEnd must be from");
        assertInvalid(participants.parse(avroParticipant(b -> b.setInfantBirthDate(LocalDate.ofEpochDay(Integer.MAX_VALUE)))),
                "infantBirthDate must be from");
        assertThat(participants.parse(avroParticipant(b -> b.setInfantBirthDate(LocalDate.of(1900, 1, 1)))).accepted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1899-12-31", "2200-01-02", "+999999999-12-31", "-999999999-01-01"})
    void datesOutsideTheBoundsAreInvalid(String date) {
        assertInvalid(participants.parse(utf8(participantJson("c-1", date, T.toString(), null))), "infantBirthDate must be from");
    }

    @Test
    void recordsUpTo64KiBAreAcceptedLargerOnesAreInvalidInBothFormats() {
        String base = eventJson("e-1", "p-1", T.toString(), ",\"note\":\"\"");
        String exactly = base.replace("\"note\":\"\"", "\"note\":\"" + "n".repeat(Limits.MAX_RECORD_BYTES - base.length()) + "\"");
        assertThat(utf8(exactly)).hasSize(Limits.MAX_RECORD_BYTES);
        assertThat(events.parse(utf8(exactly)).accepted()).isTrue();
        assertInvalid(events.parse(utf8(exactly.replace("\"note\":\"", "\"note\":\"n"))), "the record is 65537 bytes; at most 65536 are accepted");

        String participant = participantJson("c-1", "2026-02-25", T.toString(), null);
        String bigParticipant = participant.replace("{", "{\"note\":\"" + "n".repeat(Limits.MAX_RECORD_BYTES) + "\",");
        assertInvalid(participants.parse(utf8(bigParticipant)), "the record is");
    }

    @Test
    void aMissingFieldStillComesBeforeAnInvalidValue() {
        Parsed<FeedingEvent> parsed = events.parse(utf8("""
                {"eventId":"%s","participantId":"p-1","type":"PUMP"}""".formatted("x".repeat(200))));
        assertThat(parsed.rejection().reason()).isEqualTo(RejectionReason.MISSING_FIELD);
    }
}
