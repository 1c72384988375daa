package io.feedwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A missed latency goal says when the machine, not feedwatch, was the queue. */
class GoalsTest {
    private static BenchResult.Latency busy(double appCores, double brokerCores) {
        return new BenchResult.Latency(10_000, 10_000, 20, 1000, 1000, 50, 900, 1000, 1100, appCores, brokerCores, 2);
    }

    @Test
    void aSaturatedMachineIsNamedAsTheQueue() {
        BenchResult.Latency l = busy(1.2, 0.6);

        assertThat(l.machineBusy()).isEqualTo(0.9, within(1e-9));
        assertThat(Goals.cpuQueue(l)).isEqualTo("The machine was 90% busy during the load (1.20 cores in the bench JVM, which also runs "
                + "the load's producer, and 0.60 in the broker, of 2): the probes queued for the CPU (a lower --latency-load measures "
                + "the pipeline itself). Beyond that, ");
    }

    @Test
    void belowEightyFivePercentTheExplanationIsFeedwatchsOwn() {
        assertThat(Goals.cpuQueue(busy(1.0, 0.69))).isEmpty();
        assertThat(Goals.cpuQueue(busy(1.0, 0.70))).startsWith("The machine was 85% busy");
    }
}
