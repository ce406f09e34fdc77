package io.cupnet.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Message counts by type and result, with a bounded number of distinct types: the first
 * {@link #MAX_TYPES} types seen get their own counters, later ones share the {@code other} slot.
 *
 * <p>Counting a type seen before costs an array lookup and a {@link LongAdder} increment
 * (types below 1024 are found by index, larger ones by a short scan); only the first
 * message of a new type takes a lock.
 */
public final class TypeCounters {

    /** The number of types that get their own counters. */
    public static final int MAX_TYPES = 64;

    /** The slot shared by every type beyond the first {@link #MAX_TYPES}. */
    public static final int OTHER = MAX_TYPES;

    private static final int INDEXED_TYPES = 1024;

    private final int results;

    private final LongAdder[] counts;

    /** Slot + 1 of each type below {@link #INDEXED_TYPES}, 0 when not known yet; written under the lock. */
    private final int[] indexedSlots = new int[INDEXED_TYPES];

    private final Listener listener;

    /** The type of each slot, copied on write. */
    private volatile int[] types = new int[0];

    private volatile boolean otherUsed;

    /**
     * @param results the number of results counted per type, indexed from 0
     * @param listener told once about each new slot, after it is ready
     */
    public TypeCounters(int results, Listener listener) {
        this.results = results;
        this.listener = listener;
        this.counts = new LongAdder[(MAX_TYPES + 1) * results];
        for (int i = 0; i < this.counts.length; i++) {
            this.counts[i] = new LongAdder();
        }
    }

    /** Counts one message of {@code type} with the result of index {@code result}. */
    public void increment(int type, int result) {
        add(type, result, 1);
    }

    /** Counts {@code count} messages of {@code type} with the result of index {@code result}. */
    public void add(int type, int result, int count) {
        this.counts[slotOf(type) * this.results + result].add(count);
    }

    /** The number of types that have their own slot, from 0 to {@link #MAX_TYPES}. */
    public int typeCount() {
        return this.types.length;
    }

    /** Whether a type beyond the first {@link #MAX_TYPES} was counted in the {@link #OTHER} slot. */
    public boolean isOtherUsed() {
        return this.otherUsed;
    }

    /** The tag of a slot: its type as an unsigned decimal, or {@code other}. */
    public String typeTag(int slot) {
        return (slot == OTHER) ? "other" : Integer.toUnsignedString(this.types[slot]);
    }

    /** The count of one slot and result. */
    public long count(int slot, int result) {
        return this.counts[slot * this.results + result].sum();
    }

    /** The count of one result over every type. */
    public long total(int result) {
        long total = 0;
        for (int slot = 0; slot <= MAX_TYPES; slot++) {
            total += count(slot, result);
        }
        return total;
    }

    private int slotOf(int type) {
        if (type >= 0 && type < INDEXED_TYPES) {
            int slot = this.indexedSlots[type];
            if (slot != 0) {
                return slot - 1;
            }
        }
        int[] known = this.types;
        for (int i = 0; i < known.length; i++) {
            if (known[i] == type) {
                return i;
            }
        }
        if (known.length == MAX_TYPES && this.otherUsed && (type < 0 || type >= INDEXED_TYPES)) {
            return OTHER;
        }
        return assign(type);
    }

    private int assign(int type) {
        int slot;
        boolean added;
        synchronized (this) {
            int[] known = this.types;
            slot = indexOf(known, type);
            added = slot < 0 && (known.length < MAX_TYPES || !this.otherUsed);
            if (slot < 0 && known.length < MAX_TYPES) {
                slot = known.length;
                int[] grown = Arrays.copyOf(known, known.length + 1);
                grown[slot] = type;
                this.types = grown;
            }
            else if (slot < 0) {
                slot = OTHER;
                this.otherUsed = true;
            }
            if (type >= 0 && type < INDEXED_TYPES) {
                this.indexedSlots[type] = slot + 1;
            }
        }
        if (added) {
            this.listener.slotAdded(this, slot);
        }
        return slot;
    }

    private static int indexOf(int[] types, int type) {
        for (int i = 0; i < types.length; i++) {
            if (types[i] == type) {
                return i;
            }
        }
        return -1;
    }

    /** Told about each slot that starts counting a type. */
    @FunctionalInterface
    public interface Listener {

        void slotAdded(TypeCounters counters, int slot);

    }

}
