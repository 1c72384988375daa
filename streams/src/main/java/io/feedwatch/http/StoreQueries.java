package io.feedwatch.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.feedwatch.app.ClinicIndex;
import io.feedwatch.detect.Detection;
import io.feedwatch.detect.DetectionSettings;
import io.feedwatch.names.StoreNames;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.state.CaseState;
import io.feedwatch.schemas.state.HistoryEntry;
import io.feedwatch.schemas.state.ParticipantState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads of this instance's state stores (interactive queries). Each call reads only what it needs: one participant's
 * entries, or one clinic's prefix of the open-alerts index.
 */
public final class StoreQueries {
    /** How a store is obtained: from KafkaStreams in the app, from a test driver in unit tests. */
    public interface Stores {
        <V> ReadOnlyKeyValueStore<String, V> get(String name);

        <V> ReadOnlyWindowStore<String, V> window(String name);
    }

    /** Newest first: the latest risk at the top of a clinic's list. */
    static final Comparator<ApiJson.Alert> NEWEST_FIRST = Comparator.comparing(ApiJson.Alert::riskSince).reversed()
            .thenComparing(ApiJson.Alert::alertId);

    /** How far back a queue line looks for her alert records ({@code participant-history} keeps 31 days). */
    private static final Duration HISTORY_DAYS = Duration.ofDays(30);

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

    /** The clinic of an enrolled participant held by this instance. */
    public Optional<String> clinicOf(String participantId) {
        ParticipantState state = stores.<ParticipantState>get(StoreNames.PARTICIPANT_STATE).get(participantId);
        return Optional.ofNullable(state).map(s -> s.getEnrollment().getClinicId());
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

    /**
     * Open alerts and open cases per clinic held by this instance; reads the two clinic indexes only, so it costs one
     * entry per open alert and per open case. A case outlives its alerts by the quiet period, so a clinic can have cases
     * and no open alert.
     */
    public List<FeedwatchHttpServer.ClinicCount> clinicCounts() {
        Map<String, Integer> alerts = new TreeMap<>();
        ReadOnlyKeyValueStore<String, StaffAlert> alertIndex = stores.get(StoreNames.OPEN_ALERTS_BY_CLINIC);
        try (KeyValueIterator<String, StaffAlert> it = alertIndex.all()) {
            it.forEachRemaining(kv -> alerts.merge(kv.value.getClinicId(), 1, Integer::sum));
        }
        Map<String, Integer> cases = new TreeMap<>();
        ReadOnlyKeyValueStore<String, Case> caseIndex = stores.get(StoreNames.OPEN_CASES_BY_CLINIC);
        try (KeyValueIterator<String, Case> it = caseIndex.all()) {
            it.forEachRemaining(kv -> cases.merge(kv.value.getClinicId(), 1, Integer::sum));
        }
        Set<String> clinics = new TreeSet<>(alerts.keySet());
        clinics.addAll(cases.keySet());
        return clinics.stream().map(c -> new FeedwatchHttpServer.ClinicCount(c, alerts.getOrDefault(c, 0), cases.getOrDefault(c, 0))).toList();
    }

    /**
     * The open cases of one clinic held by this instance, with each mother's numbers at {@code now}: a prefix scan of
     * {@code open-cases-by-clinic}. Empty when this instance knows nothing of the clinic (no participant, no open case),
     * so that only a clinic no instance knows is "not found".
     */
    public Optional<List<WorkQueue.Item>> openCases(String clinicId, Instant now) {
        ReadOnlyKeyValueStore<String, Case> index = stores.get(StoreNames.OPEN_CASES_BY_CLINIC);
        List<WorkQueue.Item> out = new ArrayList<>();
        try (KeyValueIterator<String, Case> it = index.prefixScan(ClinicIndex.key(clinicId, ""), new StringSerializer())) {
            it.forEachRemaining(kv -> out.add(queueItem(kv.value, now)));
        }
        if (out.isEmpty() && !clinicKnown(clinicId)) {
            return Optional.empty();
        }
        return Optional.of(out);
    }

    /** A case this instance holds (a mother's open case or her latest closed one), and what a staff action needs to know of it. */
    public record CaseLookup(String participantId, @JsonProperty("case") ApiJson.Case caseRecord, String openCaseId,
                             List<String> actionIds) {
        public String clinicId() {
            return caseRecord.clinicId();
        }
    }

    /**
     * Finds a case by id among this instance's mothers. A caseId does not name its mother, so this reads every entry of
     * the local {@code cases} store (one per mother with an open or a recently closed case): staff actions come at the
     * pace of people, and the scan spares a second index, its changelog and its upkeep on every case record.
     */
    public Optional<CaseLookup> findCase(String caseId) {
        ReadOnlyKeyValueStore<String, CaseState> cases = stores.get(StoreNames.CASES);
        try (KeyValueIterator<String, CaseState> it = cases.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                CaseState s = kv.value;
                String openId = s.getOpen() == null ? null : s.getOpen().getCaseId();
                if (caseId.equals(openId)) {
                    return Optional.of(new CaseLookup(kv.key, ApiJson.Case.of(s.getOpen()), openId, List.copyOf(s.getOpenActions())));
                }
                if (s.getClosed() != null && caseId.equals(s.getClosed().getCaseId())) {
                    return Optional.of(new CaseLookup(kv.key, ApiJson.Case.of(s.getClosed()), openId, List.copyOf(s.getClosedActions())));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A mother's last {@code days} days from {@code participant-history}: {@code cases} is the latest record of each of
     * her cases in that time, newest opened first; {@code entries} every alert record, case record and staff action,
     * oldest first.
     */
    public record History(String participantId, String clinicId, String timeZone, Instant from, Instant to, List<ApiJson.Case> cases,
                          List<Entry> entries) {
    }

    /** One history entry: exactly one of alert, case and action is set, as {@code kind} (ALERT, CASE, ACTION) says. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(Instant at, String kind, ApiJson.Alert alert, @JsonProperty("case") ApiJson.Case caseRecord, ApiJson.Action action) {
        static Entry of(HistoryEntry e) {
            if (e.getAlert() != null) {
                return new Entry(e.getAt(), "ALERT", ApiJson.Alert.of(e.getAlert()), null, null);
            }
            if (e.getCaseRecord() != null) {
                return new Entry(e.getAt(), "CASE", null, ApiJson.Case.of(e.getCaseRecord()), null);
            }
            return new Entry(e.getAt(), "ACTION", null, null, ApiJson.Action.of(e.getAction()));
        }
    }

    public Optional<History> history(String participantId, Instant now, Duration lookback) {
        ParticipantState state = stores.<ParticipantState>get(StoreNames.PARTICIPANT_STATE).get(participantId);
        if (state == null) {
            return Optional.empty();
        }
        List<Entry> entries = historyOf(participantId, now.minus(lookback), now).stream().map(Entry::of).toList();
        Map<String, ApiJson.Case> cases = new LinkedHashMap<>();
        entries.stream().filter(e -> e.caseRecord() != null).forEach(e -> cases.put(e.caseRecord().caseId(), e.caseRecord()));
        List<ApiJson.Case> latest = new ArrayList<>(cases.values());
        latest.sort(Comparator.comparing(ApiJson.Case::openedAt).reversed().thenComparing(ApiJson.Case::caseId));
        return Optional.of(new History(participantId, state.getEnrollment().getClinicId(), state.getEnrollment().getTimeZone(),
                now.minus(lookback), now, latest, entries));
    }

    private List<HistoryEntry> historyOf(String participantId, Instant from, Instant to) {
        ReadOnlyWindowStore<String, HistoryEntry> store = stores.window(StoreNames.PARTICIPANT_HISTORY);
        List<HistoryEntry> out = new ArrayList<>();
        try (WindowStoreIterator<HistoryEntry> it = store.fetch(participantId, from, to)) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    private WorkQueue.Item queueItem(Case c, Instant now) {
        // the latest record of each of her alerts, and the latest notification, from her history since before the case opened
        Map<String, StaffAlert> alerts = new HashMap<>();
        String notified = c.getNotification() == null ? null : c.getNotification().name();
        for (HistoryEntry e : historyOf(c.getParticipantId(), now.minus(HISTORY_DAYS), now)) {
            if (e.getAlert() != null) {
                alerts.put(e.getAlert().getAlertId(), e.getAlert());
            } else if (e.getCaseRecord() != null && e.getCaseRecord().getCaseId().equals(c.getCaseId())
                    && e.getCaseRecord().getNotification() != null) {
                notified = e.getCaseRecord().getNotification().name();
            }
        }
        List<WorkQueue.Alert> caseAlerts = new ArrayList<>();
        for (String id : c.getAlertIds()) {
            StaffAlert a = alerts.get(id);
            caseAlerts.add(a == null
                    ? new WorkQueue.Alert(id, null, c.getOpenAlertIds().contains(id) ? "OPEN" : null, null, null)
                    : new WorkQueue.Alert(id, a.getType().name(), a.getStatus().name(), a.getRiskSince(), a.getMessage()));
        }
        ApiJson.Case record = ApiJson.Case.of(c);
        String notification = notified;
        Optional<ParticipantView> v = view(c.getParticipantId(), now, Duration.ZERO);
        return v.map(p -> new WorkQueue.Item(p.participantId(), p.timeZone(), p.infantAgeDays(), p.sessionsLast24h(), p.expectedMin(),
                        p.lastSessionAt(), WorkQueue.hoursSince(p.lastSessionAt(), now), record, notification, caseAlerts))
                .orElseGet(() -> new WorkQueue.Item(c.getParticipantId(), null, null, null, null, null, null, record, notification, caseAlerts));
    }

    private boolean clinicKnown(String clinicId) {
        ReadOnlyKeyValueStore<String, byte[]> roster = stores.get(StoreNames.PARTICIPANTS_BY_CLINIC);
        try (KeyValueIterator<String, byte[]> it = roster.prefixScan(ClinicIndex.key(clinicId, ""), new StringSerializer())) {
            return it.hasNext();
        }
    }

    private Optional<ParticipantView> view(String participantId, Instant now, Duration lookback) {
        ParticipantState state = stores.<ParticipantState>get(StoreNames.PARTICIPANT_STATE).get(participantId);
        return Optional.ofNullable(state).map(s -> ParticipantView.of(participantId, s, detection, now, lookback));
    }
}
