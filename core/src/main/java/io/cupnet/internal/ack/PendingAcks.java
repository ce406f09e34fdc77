package io.cupnet.internal.ack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.cupnet.CupMessage;

/**
 * The need-ack messages waiting for their ack, found by the ack's peer and uniq id.
 *
 * <p>Uniq ids from one generator count up, so most entries sit in a ring indexed by the
 * low bits of their id: adding and removing one is a single compare-and-set on a slot that
 * neighbours the previous message's, and an ack needs no key object to find its entry. An
 * entry whose slot is taken (an older message still pending, or an id the application chose)
 * goes to a map instead. Whoever clears an entry's slot or map mapping has removed it, once.
 */
public final class PendingAcks {

    /** Slots in the ring: more than the need-ack messages usually in flight at once. */
    static final int RING_SIZE = 1 << 14;

    private static final int MASK = RING_SIZE - 1;

    private final AtomicReferenceArray<PendingAck> ring = new AtomicReferenceArray<>(RING_SIZE);

    private final Map<AckKey, PendingAck> overflow = new ConcurrentHashMap<>();

    /**
     * Adds an entry.
     * @return false when a message with the same peer and uniq id is already pending
     */
    boolean add(PendingAck entry) {
        int slot = slotOf(entry.uniqIdLow());
        PendingAck occupant = this.ring.get(slot);
        if (occupant != null && occupant.sameKey(entry) || isInOverflow(entry)) {
            return false;
        }
        if (occupant == null && this.ring.compareAndSet(slot, null, entry)) {
            return true;
        }
        AckKey key = entry.key();
        if (this.overflow.putIfAbsent(key, entry) != null) {
            return false;
        }
        // A copy added to the ring meanwhile by another thread is the one that stays.
        PendingAck racing = this.ring.get(slot);
        if (racing != null && racing.sameKey(entry)) {
            this.overflow.remove(key, entry);
            return false;
        }
        return true;
    }

    private boolean isInOverflow(PendingAck entry) {
        return !this.overflow.isEmpty() && this.overflow.containsKey(entry.key());
    }

    /** Removes and returns the entry an ack answers, or {@code null} when none is pending. */
    PendingAck remove(CupMessage ack) {
        int slot = slotOf(ack.uniqIdLow());
        PendingAck entry = this.ring.get(slot);
        if (entry != null && entry.isAnsweredBy(ack)) {
            return this.ring.compareAndSet(slot, entry, null) ? entry : null;
        }
        return this.overflow.isEmpty() ? null : this.overflow.remove(AckKey.received(ack));
    }

    /** Removes an entry if it is still pending; returns whether this call removed it. */
    boolean remove(PendingAck entry) {
        int slot = slotOf(entry.uniqIdLow());
        if (this.ring.get(slot) == entry) {
            return this.ring.compareAndSet(slot, entry, null);
        }
        return this.overflow.remove(entry.key(), entry);
    }

    /** A snapshot of every pending entry. */
    List<PendingAck> snapshot() {
        List<PendingAck> entries = new ArrayList<>(this.overflow.values());
        for (int i = 0; i < RING_SIZE; i++) {
            PendingAck entry = this.ring.get(i);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** Number of pending entries; walks the ring, so call it for gauges, not per message. */
    int size() {
        int count = this.overflow.size();
        for (int i = 0; i < RING_SIZE; i++) {
            count += (this.ring.get(i) != null) ? 1 : 0;
        }
        return count;
    }

    private static int slotOf(long uniqIdLow) {
        return (int) uniqIdLow & MASK;
    }

}
