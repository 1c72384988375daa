package io.feedwatch.simulate;

/** How a simulated participant's milk removal evolves over the simulation. */
public enum Profile {
    /** 9–12 removal sessions every day, never a gap that the policy flags. */
    ON_TRACK,
    /** On track until her onset, then 4–6 sessions a day (fewer for older infants, so that the lower minimum is missed too). */
    DECLINING,
    /** On track until her onset, then nothing at all: the case that a windowed count of arriving events never sees. */
    QUIET
}
