package io.feedwatch.chaos;

/**
 * A fault as injected, and how long the app took to recover from it.
 *
 * @param fault         the planned fault
 * @param atSeconds     when it was injected, seconds since the workload started
 * @param readySeconds  from the end of the fault (the restart, SIGCONT, ...) until the instances concerned answer
 *                      {@code /ready} with 200; -1 if they did not within the deadline
 * @param caughtUpSeconds from the end of the fault until the consumer group's lag on the inputs was 0; -1 if not
 *                      within the deadline
 */
public record FaultResult(Fault fault, double atSeconds, double readySeconds, double caughtUpSeconds) {
}
