package io.feedwatch.detect;

import static io.feedwatch.detect.RiskTimeline.NONE;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Everything detection keeps about one participant, bounded in size.
 *
 * <p>No accepted event can start before {@code latestStart - allowedLateness}, so the risk before the <em>frozen point</em>
 * P can no longer change. Sessions that no later event can join (start + merge window <= P) are kept only as their session
 * time (and only those the 24 h window, a local day and the gap anchor still need); episodes that hold just before P are
 * kept as {@code carrySince}; alerts already resolved before P are forgotten. Only the recent removal start times stay raw,
 * because a late event can still regroup them into sessions.
 */
final class ParticipantState {
    private static final byte FORMAT = 1;
    /** Frozen sessions kept behind P: 24 h for C(T) plus a local calendar day (up to 25 h) for the daily summary. */
    static final long SESSION_RETENTION_MILLIS = java.time.Duration.ofHours(50).toMillis();

    long latestStartMillis = NONE;
    long frozenPointMillis = NONE;
    long[] frozenSessions = new long[0];
    long[] raw = new long[0];
    final long[] carrySince = {NONE, NONE};
    final List<Emitted> emitted = new ArrayList<>();
    long dueMillis = NONE;
    long nextIdPruneMillis = NONE;
    final List<DayTotals> days = new ArrayList<>();

    /**
     * An alert episode as last emitted: OPEN (endMillis NONE) or RESOLVED, with the data-dependent observations it
     * reported, so that a withdrawal repeats exactly what staff were told.
     */
    static final class Emitted {
        final RiskType type;
        final long sinceMillis;
        long endMillis;
        boolean resolved;
        /** observedCount, or -1 when not reported. */
        int observedCount = -1;
        long lastSessionMillis = NONE;
        long windowStartMillis = NONE;

        Emitted(RiskType type, long sinceMillis, long endMillis, boolean resolved) {
            this.type = type;
            this.sinceMillis = sinceMillis;
            this.endMillis = endMillis;
            this.resolved = resolved;
        }
    }

    void addRemoval(long startMillis) {
        int i = Arrays.binarySearch(raw, startMillis);
        int at = i < 0 ? -i - 1 : i;
        long[] next = new long[raw.length + 1];
        System.arraycopy(raw, 0, next, 0, at);
        next[at] = startMillis;
        System.arraycopy(raw, at, next, at + 1, raw.length - at);
        raw = next;
    }

    /** All session times: the frozen ones, then the greedy grouping of the raw start times. */
    long[] sessions(long mergeMillis) {
        long[] out = Arrays.copyOf(frozenSessions, frozenSessions.length + raw.length);
        int n = frozenSessions.length;
        long current = NONE;
        for (long t : raw) {
            if (current == NONE || t - current >= mergeMillis) {
                current = t;
                out[n++] = t;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Moves the frozen point forward: sessions no later event can join become frozen session times, and what is no longer
     * needed behind the new point is dropped.
     */
    void freezeUpTo(long pointMillis, long mergeMillis) {
        if (frozenPointMillis != NONE && pointMillis <= frozenPointMillis) {
            return;
        }
        frozenPointMillis = pointMillis;
        List<Long> frozen = new ArrayList<>();
        for (long s : frozenSessions) {
            frozen.add(s);
        }
        int consumed = 0;
        while (consumed < raw.length) {
            long start = raw[consumed];
            if (start + mergeMillis > pointMillis) {
                break;
            }
            frozen.add(start);
            consumed++;
            while (consumed < raw.length && raw[consumed] - start < mergeMillis) {
                consumed++;
            }
        }
        raw = Arrays.copyOfRange(raw, consumed, raw.length);
        long keepAfter = pointMillis - SESSION_RETENTION_MILLIS;
        long last = frozen.isEmpty() ? NONE : frozen.get(frozen.size() - 1);
        frozenSessions = frozen.stream().mapToLong(Long::longValue).filter(s -> s > keepAfter || s == last).toArray();
        emitted.removeIf(e -> e.resolved && e.endMillis < pointMillis);
    }

    DayTotals day(int epochDay) {
        for (DayTotals d : days) {
            if (d.epochDay == epochDay) {
                return d;
            }
        }
        DayTotals d = new DayTotals(epochDay);
        int at = 0;
        while (at < days.size() && days.get(at).epochDay < epochDay) {
            at++;
        }
        days.add(at, d);
        return d;
    }

    /** Approximate encoded size, for the benchmark's state accounting. */
    int encodedSize() {
        return SERDE.serializer().serialize(null, this).length;
    }

    static final Serde<ParticipantState> SERDE = Serdes.serdeFrom(new Writer(), new Reader());

    private static final class Writer implements Serializer<ParticipantState> {
        @Override
        public byte[] serialize(String topic, ParticipantState s) {
            if (s == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT);
                out.writeLong(s.latestStartMillis);
                out.writeLong(s.frozenPointMillis);
                writeLongs(out, s.frozenSessions);
                writeLongs(out, s.raw);
                out.writeLong(s.carrySince[0]);
                out.writeLong(s.carrySince[1]);
                out.writeShort(s.emitted.size());
                for (Emitted e : s.emitted) {
                    out.writeByte(e.type.ordinal());
                    out.writeLong(e.sinceMillis);
                    out.writeLong(e.endMillis);
                    out.writeBoolean(e.resolved);
                    out.writeInt(e.observedCount);
                    out.writeLong(e.lastSessionMillis);
                    out.writeLong(e.windowStartMillis);
                }
                out.writeLong(s.dueMillis);
                out.writeLong(s.nextIdPruneMillis);
                out.writeShort(s.days.size());
                for (DayTotals d : s.days) {
                    d.write(out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
            out.writeShort(values.length);
            for (long v : values) {
                out.writeLong(v);
            }
        }
    }

    private static final class Reader implements Deserializer<ParticipantState> {
        @Override
        public ParticipantState deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            ParticipantState s = new ParticipantState();
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte format = in.readByte();
                if (format != FORMAT) {
                    throw new IllegalStateException("unknown participant-state format " + format);
                }
                s.latestStartMillis = in.readLong();
                s.frozenPointMillis = in.readLong();
                s.frozenSessions = readLongs(in);
                s.raw = readLongs(in);
                s.carrySince[0] = in.readLong();
                s.carrySince[1] = in.readLong();
                int emitted = in.readUnsignedShort();
                for (int i = 0; i < emitted; i++) {
                    RiskType type = RiskType.values()[in.readByte()];
                    Emitted e = new Emitted(type, in.readLong(), in.readLong(), in.readBoolean());
                    e.observedCount = in.readInt();
                    e.lastSessionMillis = in.readLong();
                    e.windowStartMillis = in.readLong();
                    s.emitted.add(e);
                }
                s.dueMillis = in.readLong();
                s.nextIdPruneMillis = in.readLong();
                int days = in.readUnsignedShort();
                for (int i = 0; i < days; i++) {
                    s.days.add(DayTotals.read(in));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return s;
        }

        private static long[] readLongs(DataInputStream in) throws IOException {
            long[] values = new long[in.readUnsignedShort()];
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readLong();
            }
            return values;
        }
    }
}
