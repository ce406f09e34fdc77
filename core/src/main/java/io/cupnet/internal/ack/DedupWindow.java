package io.cupnet.internal.ack;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

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
 *
 * <p>The keys sit in a ring in admission order, found through a hash table of array
 * buckets chained by ring position: admitting a frame allocates nothing beyond its key. The
 * bucket is a hash of the key under a random seed of each window, mixed non-linearly, so that
 * uniq ids a sender crafts cannot chain one bucket while this lock is held. The arrays take
 * about 16 bytes per frame of capacity, allocated up front.
 */
public final class DedupWindow {

    /** The largest capacity: its arrays take 256 MiB. */
    public static final int MAX_CAPACITY = 1 << 24;

    /** The admitted keys in admission order, the oldest overwritten first; {@code null} where one was forgotten. */
    private final DedupKey[] ring;

    /** Per hash bucket: 1 + the ring position of its newest key, 0 when empty. */
    private final int[] buckets;

    /** Per ring position: 1 + the ring position of the next key in the same bucket, 0 at the end. */
    private final int[] chain;

    private final int mask;

    private final long seed = ThreadLocalRandom.current().nextLong();

    /** The ring position the next admitted key takes, after the newest one. */
    private int next;

    private int size;

    /** @param capacity the number of frames remembered */
    public DedupWindow(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "Dedup window capacity must be between 1 and " + MAX_CAPACITY + ", was " + capacity);
        }
        this.ring = new DedupKey[capacity];
        this.chain = new int[capacity];
        // More buckets than keys, so that chains stay short.
        this.buckets = new int[Integer.highestOneBit(capacity) << 1];
        this.mask = this.buckets.length - 1;
    }

    /**
     * Records a need-ack frame as being handled, unless it was seen before.
     * @param key a fresh key of the frame, which the window keeps when the frame is new
     * @return {@link State#NEW} when the frame must be handled, otherwise the state of the earlier copy
     */
    public synchronized State admit(DedupKey key) {
        int bucket = bucketOf(key);
        for (int link = this.buckets[bucket]; link != 0; link = this.chain[link - 1]) {
            DedupKey earlier = this.ring[link - 1];
            if (earlier.equals(key)) {
                return earlier.state();
            }
        }
        int position = this.next;
        this.next = (position + 1 == this.ring.length) ? 0 : position + 1;
        if (this.ring[position] != null) {
            unlink(position);
        }
        this.ring[position] = key;
        this.chain[position] = this.buckets[bucket];
        this.buckets[bucket] = position + 1;
        this.size++;
        return State.NEW;
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
        for (int link = this.buckets[bucketOf(admitted)]; link != 0; link = this.chain[link - 1]) {
            if (this.ring[link - 1] == admitted) {
                unlink(link - 1);
                return;
            }
        }
    }

    public synchronized int size() {
        return this.size;
    }

    /** Removes the key at a ring position from its bucket's chain and from the ring. */
    private void unlink(int position) {
        int bucket = bucketOf(this.ring[position]);
        int link = this.buckets[bucket];
        if (link == position + 1) {
            this.buckets[bucket] = this.chain[position];
        }
        else {
            while (this.chain[link - 1] != position + 1) {
                link = this.chain[link - 1];
            }
            this.chain[link - 1] = this.chain[position];
        }
        this.ring[position] = null;
        this.chain[position] = 0;
        this.size--;
    }

    private int bucketOf(DedupKey key) {
        return key.seededHash(this.seed) & this.mask;
    }

    /** The most keys that share one bucket. */
    synchronized int longestChain() {
        int longest = 0;
        for (int bucket : this.buckets) {
            int length = 0;
            for (int link = bucket; link != 0; link = this.chain[link - 1]) {
                length++;
            }
            longest = Math.max(longest, length);
        }
        return longest;
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
