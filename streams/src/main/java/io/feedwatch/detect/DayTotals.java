package io.feedwatch.detect;

import io.feedwatch.schemas.FeedingType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Accepted-event totals of one participant's local calendar day, and what its summary last said about sessions. */
final class DayTotals {
    /** Summary types in output order (FeedingType without the UNKNOWN placeholder). */
    static final FeedingType[] TYPES = {FeedingType.BREASTFEED, FeedingType.PUMP, FeedingType.HAND_EXPRESSION,
            FeedingType.BOTTLE_BREASTMILK, FeedingType.FORMULA};
    static final int UNSET = -2;

    final int epochDay;
    final int[] counts = new int[TYPES.length];
    double expressedMl;
    double bottleBreastmilkMl;
    double formulaMl;
    int emittedSessions = UNSET;
    /** Last emitted longest gap in minutes; -1 stands for "fewer than two sessions". */
    int emittedGapMinutes = UNSET;

    DayTotals(int epochDay) {
        this.epochDay = epochDay;
    }

    void add(FeedingType type, Double volumeMl) {
        double v = volumeMl == null ? 0 : volumeMl;
        switch (type) {
            case BREASTFEED -> counts[0]++;
            case PUMP -> {
                counts[1]++;
                expressedMl += v;
            }
            case HAND_EXPRESSION -> {
                counts[2]++;
                expressedMl += v;
            }
            case BOTTLE_BREASTMILK -> {
                counts[3]++;
                bottleBreastmilkMl += v;
            }
            case FORMULA -> {
                counts[4]++;
                formulaMl += v;
            }
            default -> throw new IllegalArgumentException("not a feeding type: " + type);
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(epochDay);
        for (int c : counts) {
            out.writeInt(c);
        }
        out.writeDouble(expressedMl);
        out.writeDouble(bottleBreastmilkMl);
        out.writeDouble(formulaMl);
        out.writeInt(emittedSessions);
        out.writeInt(emittedGapMinutes);
    }

    static DayTotals read(DataInputStream in) throws IOException {
        DayTotals d = new DayTotals(in.readInt());
        for (int i = 0; i < d.counts.length; i++) {
            d.counts[i] = in.readInt();
        }
        d.expressedMl = in.readDouble();
        d.bottleBreastmilkMl = in.readDouble();
        d.formulaMl = in.readDouble();
        d.emittedSessions = in.readInt();
        d.emittedGapMinutes = in.readInt();
        return d;
    }
}
