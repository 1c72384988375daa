package io.feedwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one run measured: what {@code bench-report.json} holds, and what the Markdown report and the console table
 * are made from. Rates are per second of wall time; CPU figures are per feeding event.
 */
public record BenchResult(String version, Instant startedAt, Duration took, Machine machine, BenchPlan plan, Workload workload,
                          List<Stage> stages, List<ScalingPoint> scaling, List<Goal> goals) {

    /**
     * The loaded data.
     *
     * @param participants  simulated participants (enrollments), without the probes
     * @param probes        latency-probe participants, enrolled too but silent until a latency phase
     * @param events        feeding-event records in the measured part of the topic
     * @param eventBytes    their keys and values, in bytes
     * @param from          first simulated send time
     * @param to            end of the simulated send times
     * @param loadSeconds   time to generate and produce it
     */
    public record Workload(int participants, int probes, long events, long eventBytes, Instant from, Instant to, double loadSeconds) {
        public long enrollments() {
            return (long) participants + probes;
        }
    }

    /**
     * One measured stage.
     *
     * @param stage          "1" to "5", "6a", "6b"
     * @param id             stable machine-readable name
     * @param name           what it is
     * @param events         feeding events processed in the measured interval
     * @param complete       whether that was the whole workload (false: the stage budget ran out first)
     * @param seconds        wall time from ready (assigned, running) until all input was processed, or the budget ran out
     * @param eventsPerSecond events / seconds (the median run when repeated)
     * @param budgetEventsPerSecond events per second over at most the stage budget from the start of the topic: what the
     *                       ratios compare, so that every stage is measured over the same data (equal to eventsPerSecond
     *                       for a stage that finished within the budget)
     * @param repeats        events per second of every run, in run order
     * @param appCpuMicrosPerEvent this JVM's CPU time per event
     * @param brokerCpuMicrosPerEvent the broker JVM's CPU time per event (reported apart: it is not the application's)
     * @param appCores       average cores busy in this JVM
     * @param brokerCores    average cores busy in the broker
     * @param note           what is special about it, if anything
     * @param latency        produce-to-alert latency (feedwatch stages only)
     * @param state          state size (stage 5; the exactly-once latency runs continue with that same state)
     * @param restore        restore from the changelogs (stage 5)
     * @param profile        where the time went (when profiling)
     */
    public record Stage(String stage, String id, String name, long events, boolean complete, double seconds, double eventsPerSecond,
                        double budgetEventsPerSecond,
                        List<Double> repeats, double appCpuMicrosPerEvent, double brokerCpuMicrosPerEvent, double appCores,
                        double brokerCores, String note, Latency latency, State state, Restore restore, Profile profile) {
    }

    /**
     * Produce-to-alert latency of probe events under open-loop load.
     *
     * @param targetRate     events per second asked for (a share of the stage's maximum)
     * @param achievedRate   events per second actually produced
     * @param seconds        load duration
     * @param probesSent     probe events sent, each of which must resolve an open alert at once
     * @param probesReceived probe alerts seen on the staff topic (read_committed) in time
     * @param appCores       cores busy in this JVM while the load ran: the application, the load's producer and the alert reader
     * @param brokerCores    cores busy in the broker while the load ran
     * @param machineCores   cores of the machine, which all of them share
     */
    public record Latency(double targetRate, double achievedRate, double seconds, int probesSent, int probesReceived,
                          double p50Millis, double p99Millis, double p999Millis, double maxMillis, double appCores,
                          double brokerCores, int machineCores) {
        /** Share of the machine's cores busy while the load ran (1 means saturated: latency then measures a CPU queue). */
        public double machineBusy() {
            return (appCores + brokerCores) / machineCores;
        }
    }

    /**
     * State after all input was processed.
     *
     * @param participants        enrolled participants (probes included): the denominator of the per-participant figures
     * @param liveBytes           keys and values of every store, as serialized (what the changelogs hold once compacted)
     * @param participantStateAvgBytes encoded {@code participant-state} value per participant
     * @param diskBytes           the state directory on disk after a clean close (RocksDB files)
     * @param stores              the live bytes by store
     */
    public record State(long participants, long liveBytes, double liveBytesPerParticipant, double participantStateAvgBytes,
                        long diskBytes, double diskBytesPerParticipant, List<StoreSize> stores) {
    }

    public record StoreSize(String store, long entries, long keyBytes, long valueBytes) {
        public long bytes() {
            return keyBytes + valueBytes;
        }
    }

    /**
     * Restoring every store from its changelog after the state directory was deleted.
     *
     * @param secondsToRunning from start to RUNNING (includes the rebalance)
     * @param restoreSeconds   from the first store's restore start to the last one's end
     * @param recordsRestored  changelog records replayed
     */
    public record Restore(double secondsToRunning, double restoreSeconds, long recordsRestored) {
    }

    /**
     * JDK Flight Recorder samples of the stage's measured interval.
     *
     * @param file        the recording, relative to the output directory
     * @param samples     Java execution samples, plus native samples inside RocksDB
     * @param byLayer     share of samples by the library of the innermost frame
     * @param topFrames   innermost frames (self time)
     * @param feedwatch   feedwatch methods on the stack (inclusive time)
     * @param gcPauseMillis total GC pause time
     * @param limitedBy   a one-line reading of the above
     */
    public record Profile(String file, long samples, List<Share> byLayer, List<Share> topFrames, List<Share> feedwatch,
                          double gcPauseMillis, String limitedBy) {
    }

    public record Share(String name, double percent) {
    }

    /**
     * feedwatch at-least-once with another population (same days, seed and share at risk).
     */
    public record ScalingPoint(int participants, long events, double eventsPerSecond, double appCpuMicrosPerEvent,
                               double liveBytesPerParticipant, double diskBytesPerParticipant, Restore restore) {
    }

    /**
     * One goal of the issue, checked against this run.
     *
     * @param goal       what is asked
     * @param actual     the measured value (a ratio, µs, ms or bytes; see {@code unit})
     * @param limit      the goal's bound
     * @param atLeast    true if actual must be at least the limit, false if at most
     * @param met        whether it was
     * @param missedBy   how far off, as a share of the limit (0 when met)
     * @param basis      how actual was obtained (which stages, measured or extrapolated)
     * @param why        when missed: the reason, from the measurements and the profile
     */
    public record Goal(String goal, double actual, double limit, String unit, boolean atLeast, boolean met, double missedBy,
                       String basis, String why) {
    }
}
