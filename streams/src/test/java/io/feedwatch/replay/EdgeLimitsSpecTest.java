package io.feedwatch.replay;

import static io.feedwatch.replay.EventLine.breastfeed;
import static io.feedwatch.replay.Outcome.Summary.counts;
import static io.feedwatch.replay.ParticipantLine.participant;
import static io.feedwatch.replay.ReplayFixtures.M;
import static io.feedwatch.replay.ReplayFixtures.h;
import static io.feedwatch.replay.Scenario.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.feedwatch.ingest.Limits;
import io.feedwatch.replay.Outcome.Rejected;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Limits at the edge, through the topology (issue 9): over-long ids, text that is not valid Unicode and instants outside
 * 1900-2200 are INVALID_VALUE before anything is stored, in the documented check order.
 */
@DisplayName("Issue 9, limits at the edge")
class EdgeLimitsSpecTest {
    private static final String ID_128 = "i".repeat(Limits.MAX_ID_CHARS);
    private static final String ID_129 = "i".repeat(Limits.MAX_ID_CHARS + 1);

    /** A line whose {@code placeholder} is replaced by a JSON escape such as \ud800, which a builder cannot write. */
    private static String escaped(EventLine line, String placeholder, String jsonEscape) {
        return line.line().replace(placeholder, jsonEscape);
    }

    @Test
    @DisplayName("Ids of at most 128 characters are accepted; longer eventId, participantId, sourceId or clinicId is INVALID_VALUE")
    void idLength() {
        EventLine longEventId = breastfeed(ID_129, M.plus(h(2)));
        EventLine longSourceId = breastfeed("e-3", M.plus(h(3))).set("sourceId", ID_129);
        EventLine longParticipant = breastfeed("e-4", M.plus(h(4))).of(ID_129);
        ParticipantLine longClinic = participant("p-2").clinic(ID_129);
        Outcome out = scenario()
                .enrol(participant("p-1").clinic(ID_128), participant(ID_129), longClinic)
                .events(breastfeed(ID_128, M.plus(h(1))).set("sourceId", ID_128), longEventId, longSourceId, longParticipant)
                .replayUntil(M.plus(h(5)));

        assertThat(out.rejected()).extracting(Rejected::reason, Rejected::original).containsExactly(
                tuple("INVALID_VALUE", participant(ID_129).line()),
                tuple("INVALID_VALUE", longClinic.line()),
                tuple("INVALID_VALUE", longEventId.line()),
                tuple("INVALID_VALUE", longSourceId.line()),
                tuple("INVALID_VALUE", longParticipant.line()));
        assertThat(out.rejected()).extracting(Rejected::message).containsExactly(
                "participantId must be at most 128 characters, got 129",
                "clinicId must be at most 128 characters, got 129",
                "eventId must be at most 128 characters, got 129",
                "sourceId must be at most 128 characters, got 129",
                "participantId must be at most 128 characters, got 129");
        assertThat(out.summary("p-1", "2026-02-28").eventCounts()).containsExactlyEntriesOf(counts(1, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("A lone UTF-16 surrogate is INVALID_VALUE: two different eventIds never become one '?'")
    void loneSurrogates() {
        String first = escaped(breastfeed("EID", M.plus(h(1))), "EID", "e-\\ud800");
        String second = escaped(breastfeed("EID", M.plus(h(2))), "EID", "e-\\udbff");
        String inType = escaped(breastfeed("e-3", M.plus(h(3))), "BREASTFEED", "BREASTFEED\\udc00");
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .eventLine(first)
                .eventLine(second)
                .eventLine(inType)
                // a surrogate pair (an emoji) is valid Unicode
                .eventLine(escaped(breastfeed("EID", M.plus(h(4))), "EID", "e-\\ud83c\\udf7c"))
                .replayUntil(M.plus(h(4)));

        assertThat(out.rejected()).extracting(Rejected::reason, Rejected::original).containsExactly(
                tuple("INVALID_VALUE", first), tuple("INVALID_VALUE", second), tuple("INVALID_VALUE", inType));
        assertThat(out.rejected().get(0).message()).isEqualTo("eventId must be valid Unicode, got a lone surrogate U+D800 at index 2");
        assertThat(out.summary("p-1", "2026-02-28").eventCounts()).containsExactlyEntriesOf(counts(1, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("Instants outside 1900-01-01T00:00Z..2200-01-01T00:00Z and dates outside 1900-01-01..2200-01-01 are INVALID_VALUE, extremes included")
    void instantRange() {
        EventLine extreme = breastfeed("e-2", M.plus(h(2))).set("startTime", "+999999999-12-31T23:59:59Z");
        EventLine early = breastfeed("e-3", M.plus(h(2))).set("startTime", "1899-12-31T23:59:59.999Z");
        EventLine extremeRecorded = breastfeed("e-4", M.plus(h(2))).set("recordedAt", "-999999999-01-01T00:00:00Z");
        ParticipantLine farBirth = participant("p-2").born("+999999999-12-31");
        ParticipantLine oldBirth = participant("p-3").born("1899-12-31");
        ParticipantLine lateEnd = participant("p-4").set("monitoringEnd", "2200-01-01T00:00:00.001Z");
        Outcome out = scenario()
                .enrol(participant("p-1").set("monitoringEnd", "2200-01-01T00:00:00Z"), farBirth, oldBirth, lateEnd)
                .events(breastfeed("e-1", M.plus(h(1))), extreme, early, extremeRecorded)
                .replayUntil(M.plus(h(2)));

        assertThat(out.rejected()).extracting(Rejected::reason, Rejected::original).containsExactly(
                tuple("INVALID_VALUE", farBirth.line()),
                tuple("INVALID_VALUE", oldBirth.line()),
                tuple("INVALID_VALUE", lateEnd.line()),
                tuple("INVALID_VALUE", extreme.line()),
                tuple("INVALID_VALUE", early.line()),
                tuple("INVALID_VALUE", extremeRecorded.line()));
        assertThat(out.rejected().get(3).message())
                .isEqualTo("startTime must be from 1900-01-01T00:00:00Z to 2200-01-01T00:00:00Z, got '+999999999-12-31T23:59:59Z'");
        assertThat(out.summary("p-1", "2026-02-28").eventCounts()).containsExactlyEntriesOf(counts(1, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("Records over 64 KiB are INVALID_VALUE; a dead letter keeps the first 64 KiB of any original, with its length and SHA-256")
    void hugeRecordsAreKeptCut() throws Exception {
        String tooLarge = breastfeed("e-2", M.plus(h(2))).set("note", "n".repeat(700_000)).line();
        String notJson = "x".repeat(700_000);
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .eventLine(tooLarge)
                .eventLine(notJson)
                .events(breastfeed("e-1", M.plus(h(1))))
                .replayUntil(M.plus(h(2)));

        assertThat(out.rejected()).extracting(Rejected::reason, Rejected::original).containsExactly(
                tuple("INVALID_VALUE", tooLarge.substring(0, Limits.DEAD_LETTER_VALUE_BYTES)),
                tuple("MALFORMED", notJson.substring(0, Limits.DEAD_LETTER_VALUE_BYTES)));
        assertThat(out.rejected().get(0).message()).isEqualTo("the record is " + tooLarge.length() + " bytes; at most 65536 are accepted");
        List<String> lines = out.result().rejected();
        for (int i = 0; i < 2; i++) {
            String original = i == 0 ? tooLarge : notJson;
            JsonNode n = Outcome.tree(lines.get(i));
            assertThat(Outcome.fieldNames(n)).containsExactly("reason", "message", "original", "originalLength", "originalSha256");
            assertThat(n.get("originalLength").asInt()).isEqualTo(original.length());
            assertThat(n.get("originalSha256").asText()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(original.getBytes(StandardCharsets.UTF_8))));
        }
        assertThat(out.summary("p-1", "2026-02-28").eventCounts()).containsExactlyEntriesOf(counts(1, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("The order stays MALFORMED, MISSING_FIELD, INVALID_VALUE: a missing field wins over an over-long id")
    void orderWithLimits() {
        EventLine missingAndLong = breastfeed(ID_129, M.plus(h(1))).without("startTime");
        Outcome out = scenario().enrol(participant("p-1")).events(missingAndLong).replayUntil(M.plus(h(1)));

        assertThat(out.rejected()).extracting(Rejected::reason, Rejected::original)
                .containsExactly(tuple("MISSING_FIELD", missingAndLong.line()));
    }
}
