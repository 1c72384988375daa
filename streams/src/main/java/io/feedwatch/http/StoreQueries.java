package io.feedwatch.http;

import io.feedwatch.app.ClinicIndex;
import io.feedwatch.detect.Detection;
import io.feedwatch.detect.DetectionSettings;
import io.feedwatch.names.StoreNames;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.state.ParticipantState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads of this instance's state stores (interactive queries). Each call reads only what it needs: one participant's
 * entries, or one clinic's prefix of the open-alerts index.
 */
public final class StoreQueries {
    /** How a store is obtained: from KafkaStreams in the app, from a test driver in unit tests. */
    @FunctionalInterface
    public interface Stores {
        <V> ReadOnlyKeyValueStore<String, V> get(String name);
    }

    /** Newest first: the latest risk at the top of a clinic's list. */
    static final Comparator<ApiJson.Alert> NEWEST_FIRST = Comparator.comparing(ApiJson.Alert::riskSince).reversed()
            .thenComparing(ApiJson.Alert::alertId);

    private final Stores stores;
    /** Only its thread-safe reads are used here. */
    private final Detection detection;

    public StoreQueries(Stores stores, DetectionSettings settings) {
        this.stores = stores;
        this.detection = new Detection(settings);
    }

    /** What staff see about one participant at {@code now}. */
    public record Status(String participantId, String clinicId, String timeZone, Instant asOf, int infantAgeDays,
                         int sessionsLast24h, Integer expectedMin, Instant lastSessionAt, List<ApiJson.Alert> openAlerts,
                         Today today) {
    }

    /** Accepted events per type on the participant's current local date, and expressed volume. */
    public record Today(LocalDate date, Map<String, Integer> counts, double expressedMl) {
    }

    /** Session times in [from, to], oldest first: the dashboard's timeline. */
    public record Sessions(String participantId, String timeZone, Instant from, Instant to, List<Instant> sessions) {
    }

    public Optional<Status> status(String participantId, Instant now) {
        return view(participantId, now, Duration.ofHours(48)).map(v -> new Status(v.participantId(), v.clinicId(), v.timeZone(),
                now, v.infantAgeDays(), v.sessionsLast24h(), v.expectedMin(), v.lastSessionAt(),
                openAlerts(v.clinicId()).stream().filter(a -> a.participantId().equals(participantId)).toList(),
                new Today(v.today(), v.todayCounts(), v.todayExpressedMl())));
    }

    public Optional<Sessions> sessions(String participantId, Instant now, Duration lookback) {
        return view(participantId, now, lookback).map(v -> new Sessions(v.participantId(), v.timeZone(), now.minus(lookback), now, v.sessions()));
    }

    /** Open alerts of one clinic held by this instance, newest first: one prefix scan of the per-clinic index. */
    public List<ApiJson.Alert> openAlerts(String clinicId) {
        ReadOnlyKeyValueStore<String, StaffAlert> index = stores.get(StoreNames.OPEN_ALERTS_BY_CLINIC);
        List<ApiJson.Alert> out = new ArrayList<>();
        try (KeyValueIterator<String, StaffAlert> it = index.prefixScan(ClinicIndex.key(clinicId, ""), new StringSerializer())) {
            it.forEachRemaining(kv -> out.add(ApiJson.Alert.of(kv.value)));
        }
        out.sort(NEWEST_FIRST);
        return out;
    }

    /** Open alerts per clinic held by this instance; reads the index only, so it costs one entry per open alert. */
    public Map<String, Integer> openAlertCounts() {
        ReadOnlyKeyValueStore<String, StaffAlert> index = stores.get(StoreNames.OPEN_ALERTS_BY_CLINIC);
        Map<String, Integer> counts = new TreeMap<>();
        try (KeyValueIterator<String, StaffAlert> it = index.all()) {
            it.forEachRemaining(kv -> counts.merge(kv.value.getClinicId(), 1, Integer::sum));
        }
        return counts;
    }

    private Optional<ParticipantView> view(String participantId, Instant now, Duration lookback) {
        ParticipantState state = stores.<ParticipantState>get(StoreNames.PARTICIPANT_STATE).get(participantId);
        return Optional.ofNullable(state).map(s -> ParticipantView.of(participantId, s, detection, now, lookback));
    }
}
