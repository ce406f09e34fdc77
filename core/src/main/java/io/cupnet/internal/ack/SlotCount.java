package io.cupnet.internal.ack;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A count of slots taken against a limit, optionally part of a larger count (a peer's
 * pending acks within all of them): taking a slot takes one from the whole too.
 *
 * <p>Senders take slots and I/O threads give them back when acks arrive, so the two sides
 * count on cache lines of their own: a send and an ack never write the same line. A taker
 * reads what was given back only when its last reading leaves no slot free, which keeps the
 * count exact and the line of the giving side out of the sender's path.
 */
public final class SlotCount {

    /** Indexes 16 longs (128 bytes) apart, so that each side's counters have a cache line of their own. */
    private static final int TAKEN = 16;

    private static final int GIVEN_BACK_SEEN = TAKEN + 1;

    private static final int GIVEN_BACK = 32;

    private final int limit;

    private final SlotCount whole;

    private final AtomicLongArray counts = new AtomicLongArray(GIVEN_BACK + 16);

    /** @param limit the slots that may be taken at once */
    public SlotCount(int limit) {
        this(limit, null);
    }

    private SlotCount(int limit, SlotCount whole) {
        if (limit < 1) {
            throw new IllegalArgumentException("A slot limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.whole = whole;
    }

    /** A count of at most {@code limit} slots that are also slots of this count. */
    public SlotCount part(int limit) {
        return new SlotCount(limit, this);
    }

    /**
     * Takes a slot here and in the whole this count is part of.
     * @return {@code null} when the slot was taken, otherwise the count that had none free
     */
    public SlotCount tryTake() {
        if (this.whole != null) {
            SlotCount full = this.whole.tryTake();
            if (full != null) {
                return full;
            }
        }
        if (takeOwn()) {
            return null;
        }
        if (this.whole != null) {
            this.whole.giveBack();
        }
        return this;
    }

    private boolean takeOwn() {
        long taken = this.counts.incrementAndGet(TAKEN);
        if (taken - this.counts.get(GIVEN_BACK_SEEN) <= this.limit) {
            return true;
        }
        long givenBack = this.counts.get(GIVEN_BACK);
        // Only ever behind the true value, which errs on the side of refusing: then the real one is read.
        this.counts.set(GIVEN_BACK_SEEN, givenBack);
        if (taken - givenBack <= this.limit) {
            return true;
        }
        this.counts.decrementAndGet(TAKEN);
        return false;
    }

    /** Gives back a slot taken with {@link #tryTake()}, here and in the whole. */
    public void giveBack() {
        giveBack(1);
    }

    /** Gives back {@code count} slots taken with {@link #tryTake()}, here and in the whole. */
    public void giveBack(int count) {
        this.counts.addAndGet(GIVEN_BACK, count);
        if (this.whole != null) {
            this.whole.giveBack(count);
        }
    }

    /** The slots taken now; exact when no other thread takes or gives back at the same moment. */
    public int count() {
        long givenBack = this.counts.get(GIVEN_BACK);
        return (int) (this.counts.get(TAKEN) - givenBack);
    }

    public int limit() {
        return this.limit;
    }

}
