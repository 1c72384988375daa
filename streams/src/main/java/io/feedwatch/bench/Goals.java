package io.feedwatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The goals, checked against one run, each with how far it was missed and why. */
final class Goals {
    static final double ALOS_VS_PASS_THROUGH = 0.4;
    static final double EOS_VS_ALOS = 0.8;
    static final double VS_NAIVE = 5;
    static final double CPU_MICROS = 20;
    static final double P99_ALOS_MS = 100;
    static final double P99_EOS_MS = 300;
    static final double STATE_BYTES = 500;
    static final double STATE_BYTES_STRETCH = 350;
    static final double SCALING_LOSS = 0.2;
    static final double RESTORE_1M_SECONDS = 15;
    static final int MILLION = 1_000_000;

    private Goals() {
    }

    static List<BenchResult.Goal> evaluate(BenchPlan plan, List<BenchResult.Stage> stages, List<BenchResult.ScalingPoint> scaling,
            long streamsLingerMs) {
        BenchResult.Stage decode = stage(stages, "2");
        BenchResult.Stage naive = stage(stages, "4");
        BenchResult.Stage alos = stage(stages, "5");
        BenchResult.Stage passThrough = stage(stages, "3");
        String streamsFloor = String.format(Locale.ROOT, "Kafka Streams doing nothing but decode, re-encode and write (stage 3) "
                        + "already reaches only %.2f× stage 2 at %.1f µs CPU per event: the Streams runtime and producing cost "
                        + "far more than decoding. ", passThrough.budgetEventsPerSecond() / decode.budgetEventsPerSecond(),
                passThrough.appCpuMicrosPerEvent());
        List<BenchResult.Goal> goals = new ArrayList<>();

        goals.add(atLeast("feedwatch at-least-once throughput / Streams pass-through", alos.budgetEventsPerSecond() / passThrough.budgetEventsPerSecond(),
                ALOS_VS_PASS_THROUGH, "ratio", "stage 5 / stage 3",
                "Stage 3 only decodes, re-encodes and writes; per event feedwatch also validates, reads the participant's state "
                        + "(enrollment and duplicate window included), recomputes the participant's episodes and day summary, "
                        + "writes the state back and forwards a daily summary, all on one stream thread. " + profile(alos)));
        for (String s : List.of("6a", "6b")) {
            BenchResult.Stage eos = stage(stages, s);
            goals.add(atLeast("exactly-once (" + commit(eos) + ") throughput / at-least-once", eos.budgetEventsPerSecond() / alos.budgetEventsPerSecond(),
                    EOS_VS_ALOS, "ratio", "stage " + s + " / stage 5",
                    "each commit flushes every store and the record caches and ends a transaction, so the state changelogs "
                            + "are written more often and deduplicated less. " + profile(eos)));
        }
        goals.add(atLeast("feedwatch at-least-once throughput / naive SlidingWindows", alos.budgetEventsPerSecond() / naive.budgetEventsPerSecond(),
                VS_NAIVE, "ratio", "stage 5 / stage 4",
                "the baseline is cheap per event but is not comparable: it counts events rather than sessions, knows no age "
                        + "bands or gap rule, and never alerts on silence (a quiet participant has no window). " + profile(naive)));
        for (BenchResult.Stage fw : List.of(alos, stage(stages, "6a"), stage(stages, "6b"))) {
            goals.add(atMost("CPU per event, " + fw.name(), fw.appCpuMicrosPerEvent(), CPU_MICROS, "µs",
                    "stage " + fw.stage() + ", this JVM's process CPU time (the broker's is apart)",
                    streamsFloor + "All of feedwatch's per-event work (see the throughput goal) runs on the stream thread, "
                            + "plus the consumer and producer threads and the garbage collector. " + profile(fw)));
        }
        if (alos.latency() != null) {
            goals.add(atMost("p99 produce→alert, at-least-once", alos.latency().p99Millis(), P99_ALOS_MS, "ms",
                    latencyBasis(alos),
                    cpuQueue(alos.latency()) + "an alert waits in Kafka Streams' producer for up to linger.ms = " + streamsLingerMs + " ms "
                            + "(producer.linger.ms in the configuration) before it is sent, and the stream thread polls, processes and flushes in batches; "
                            + "setting producer.linger.ms lower trades throughput for latency."));
        }
        for (String s : List.of("6a", "6b")) {
            BenchResult.Stage eos = stage(stages, s);
            if (eos.latency() != null) {
                goals.add(atMost("p99 produce→alert, exactly-once (" + commit(eos) + ")", eos.latency().p99Millis(), P99_EOS_MS, "ms",
                        latencyBasis(eos),
                        cpuQueue(eos.latency()) + "read_committed consumers see an alert only when its transaction commits, every " + commit(eos)
                                + ", so the latency is up to one commit interval plus the commit itself."));
            }
        }
        if (alos.state() != null) {
            BenchResult.State st = alos.state();
            String why = String.format(Locale.ROOT, "one participant-state-v2 value (enrollment, sessions, alerts sent, day totals, "
                    + "timer and the duplicate window of 8 bytes per event id accepted within feedwatch.detection.event-id.retention) "
                    + "averages %.0f B; the rest is the keys and the other stores.", st.participantStateAvgBytes());
            goals.add(atMost("live state per monitored participant", st.liveBytesPerParticipant(), STATE_BYTES, "B",
                    "stage 5, all stores re-serialized as their changelogs hold them, " + plan.days() + (plan.days() == 1 ? " simulated day" : " simulated days"), why));
            goals.add(atMost("live state per monitored participant (stretch)", st.liveBytesPerParticipant(), STATE_BYTES_STRETCH, "B",
                    "as above", why));
        }
        scalingGoals(plan, alos, scaling, goals);
        return goals;
    }

    private static void scalingGoals(BenchPlan plan, BenchResult.Stage alos, List<BenchResult.ScalingPoint> scaling,
            List<BenchResult.Goal> goals) {
        List<BenchResult.ScalingPoint> points = new ArrayList<>(scaling);
        points.add(new BenchResult.ScalingPoint(plan.participants(), alos.events(), alos.eventsPerSecond(), alos.appCpuMicrosPerEvent(),
                alos.state() == null ? 0 : alos.state().liveBytesPerParticipant(),
                alos.state() == null ? 0 : alos.state().diskBytesPerParticipant(), alos.restore()));
        points.sort(java.util.Comparator.comparingInt(BenchResult.ScalingPoint::participants));
        BenchResult.ScalingPoint smallest = points.get(0);
        BenchResult.ScalingPoint largest = points.get(points.size() - 1);
        if (largest.participants() > smallest.participants()) {
            double loss = 1 - largest.eventsPerSecond() / smallest.eventsPerSecond();
            boolean full = smallest.participants() <= 10_000 && largest.participants() >= MILLION;
            goals.add(atMost("throughput loss from " + count(smallest.participants()) + " to " + count(largest.participants())
                            + " participants", Math.max(0, loss), SCALING_LOSS, "share",
                    full ? "scaling points, measured" : "measured between the sizes run; the 1,000,000 point needs --scaling",
                    "more participants spread the same events over more keys: RocksDB's block cache and Kafka Streams' record "
                            + "cache hit less often, so more reads go to disk files and more writes reach the changelogs."));
        }
        Optional<BenchResult.ScalingPoint> million = points.stream().filter(p -> p.participants() >= MILLION && p.restore() != null).findFirst();
        if (million.isPresent()) {
            goals.add(atMost("state restore for 1,000,000 participants", million.get().restore().restoreSeconds(), RESTORE_1M_SECONDS, "s",
                    "measured", restoreWhy(million.get().restore())));
        } else if (alos.restore() != null) {
            double extrapolated = alos.restore().restoreSeconds() * MILLION / (plan.participants() + plan.probes());
            goals.add(atMost("state restore for 1,000,000 participants", extrapolated, RESTORE_1M_SECONDS, "s",
                    String.format(Locale.ROOT, "extrapolated linearly from stage 5's restore of %s participants (%.1f s); --scaling measures it",
                            count(plan.participants() + plan.probes()), alos.restore().restoreSeconds()),
                    restoreWhy(alos.restore())));
        }
    }

    private static String restoreWhy(BenchResult.Restore r) {
        return String.format(Locale.ROOT, "restore replays every changelog record not yet compacted away (%,d records, %,.0f records/s): "
                        + "participant-state has one record per update that left the record cache (one per participant per "
                        + "commit interval at most) and the due index one per timer move, until the log cleaner compacts them.", r.recordsRestored(),
                r.restoreSeconds() > 0 ? r.recordsRestored() / r.restoreSeconds() : 0);
    }

    private static String latencyBasis(BenchResult.Stage s) {
        BenchResult.Latency l = s.latency();
        return String.format(Locale.ROOT, "stage %s, open loop at %,.0f events/s (%.0f%% of its maximum), %d of %d probes, machine %.0f%% busy",
                s.stage(), l.achievedRate(), 100 * l.achievedRate() / s.eventsPerSecond(), l.probesReceived(), l.probesSent(),
                100 * l.machineBusy());
    }

    /** Above this share of the machine busy, probes wait for a core more than for feedwatch. */
    private static final double SATURATED = 0.85;

    static String cpuQueue(BenchResult.Latency l) {
        return l.machineBusy() < SATURATED ? "" : String.format(Locale.ROOT, "The machine was %.0f%% busy during the load (%.2f cores in "
                + "the bench JVM, which also runs the load's producer, and %.2f in the broker, of %d): the probes queued for the CPU "
                + "(a lower --latency-load measures the pipeline itself). Beyond that, ", 100 * l.machineBusy(), l.appCores(), l.brokerCores(),
                l.machineCores());
    }

    private static String commit(BenchResult.Stage s) {
        return s.id().endsWith("100ms") ? "commit 100 ms" : "commit 1 s";
    }

    private static String profile(BenchResult.Stage s) {
        return s.profile() == null ? "" : "Profile of stage " + s.stage() + ": " + s.profile().limitedBy() + ".";
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static BenchResult.Stage stage(List<BenchResult.Stage> stages, String stage) {
        return stages.stream().filter(s -> s.stage().equals(stage)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no stage " + stage));
    }

    private static BenchResult.Goal atLeast(String goal, double actual, double limit, String unit, String basis, String why) {
        boolean met = actual >= limit;
        return new BenchResult.Goal(goal, actual, limit, unit, true, met, met ? 0 : 1 - actual / limit, basis, met ? "" : why);
    }

    private static BenchResult.Goal atMost(String goal, double actual, double limit, String unit, String basis, String why) {
        boolean met = actual <= limit;
        return new BenchResult.Goal(goal, actual, limit, unit, false, met, met ? 0 : actual / limit - 1, basis, met ? "" : why);
    }
}
