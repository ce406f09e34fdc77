package io.cupnet.bench.connections;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import io.netty.util.internal.PlatformDependent;

/**
 * Measures this JVM's heap (after GC) and direct memory: Netty's own direct-memory counter
 * ({@link PlatformDependent#usedDirectMemory()}, for buffers it allocates without a cleaner) plus
 * the JDK's direct buffer pool (for buffers allocated with one); each byte is counted by one of them.
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    /** Collects garbage a few times and measures. */
    public static Usage measure() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(50);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Usage(heap, Math.max(0, PlatformDependent.usedDirectMemory()) + jdkDirect());
    }

    private static long jdkDirect() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getMemoryUsed();
            }
        }
        return 0;
    }

    /**
     * Memory in use.
     *
     * @param heap heap bytes used after GC
     * @param direct direct bytes used
     */
    public record Usage(long heap, long direct) {
    }

}
