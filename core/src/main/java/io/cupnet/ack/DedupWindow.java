package io.cupnet.ack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the most recent need-ack frames a receiver took in, so that a frame the
 * sender resent is acknowledged again but not handled twice.
 *
 * <p>Bounded: past its capacity the oldest entries are forgotten. Make it larger than the
 * number of need-ack frames a node handles within one ack retry interval of its peers, so
 * that an entry outlives the time until a copy can be resent.
 *
 * <p>The dispatcher admits frames when a handler thread takes them, not when an I/O
 * thread reads them, so that no event loop waits for this lock. Marking a frame handled
 * takes no lock: the admitted key carries the state.
 */
public final class DedupWindow {

    /** Each admitted key maps to itself, so that a copy's lookup finds the key that carries the state. */
    private final Map<DedupKey, DedupKey> entries;

    /** @param capacity the number of frames remembered */
    public DedupWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Dedup window capacity must be at least 1, was " + capacity);
        }
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<DedupKey, DedupKey> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Records a need-ack frame as being handled, unless it was seen before.
     * @param key a fresh key of the frame, which the window keeps when the frame is new
     * @return {@link State#NEW} when the frame must be handled, otherwise the state of the earlier copy
     */
    public synchronized State admit(DedupKey key) {
        DedupKey earlier = this.entries.putIfAbsent(key, key);
        return (earlier != null) ? earlier.state() : State.NEW;
    }

    /**
     * Admits the frames of one read under one lock, as {@link #admit(DedupKey)} does each.
     * @return the state of each key, in order
     */
    public synchronized State[] admitAll(List<DedupKey> keys) {
        State[] states = new State[keys.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = admit(keys.get(i));
        }
        return states;
    }

    /**
     * Records that a frame admitted as new was handled and is being acknowledged: a resent copy
     * is only acked. Takes no lock.
     */
    public void markHandled(DedupKey admitted) {
        admitted.markHandled();
    }

    /**
     * Forgets a frame admitted as new whose handling failed, so that a resent copy is handled
     * again; a copy admitted after the key was evicted stays.
     */
    public synchronized void forget(DedupKey admitted) {
        if (this.entries.get(admitted) == admitted) {
            this.entries.remove(admitted);
        }
    }

    public synchronized int size() {
        return this.entries.size();
    }

    /** What the window knows of a frame. */
    public enum State {

        /** Not seen before: handle it. */
        NEW,

        /** Taken in and not yet acknowledged: drop the copy, the ack follows when handling ends. */
        IN_PROGRESS,

        /** Handled and acknowledged: drop the copy and acknowledge it again. */
        HANDLED

    }

}
