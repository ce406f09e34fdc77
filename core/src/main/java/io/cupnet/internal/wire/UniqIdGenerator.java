package io.cupnet.internal.wire;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.cupnet.UniqId;

/**
 * Hands out {@link UniqId}s that never repeat within one generator; safe for concurrent use.
 *
 * <p>The high 64 bits are a prefix drawn at random when the generator is created, so ids of different
 * processes or restarts are unlikely to collide; the low 64 bits count up from 1.
 */
public final class UniqIdGenerator {

    private final long prefix;
    private final AtomicLong counter = new AtomicLong(1);

    /** Creates a generator with a random prefix from {@link SecureRandom}. */
    public UniqIdGenerator() {
        this(RandomHolder.RANDOM.nextLong());
    }

    /** Creates a generator with a fixed {@code prefix}, for tests. */
    public UniqIdGenerator(long prefix) {
        this.prefix = prefix;
    }

    /** The next id: this generator's prefix and the next counter value. */
    public UniqId next() {
        return new UniqId(prefix, counter.getAndIncrement());
    }

    /** The high 64 bits of every id this generator hands out. */
    public long prefix() {
        return prefix;
    }

    private static final class RandomHolder {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
