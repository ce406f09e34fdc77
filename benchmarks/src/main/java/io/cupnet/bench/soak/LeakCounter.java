package io.cupnet.bench.soak;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

/**
 * Counts the leaks Netty's leak detector reports (its {@code LEAK:} log lines), by giving Netty
 * a detector factory whose detectors count each report before logging it as usual.
 *
 * <p>It must be installed before Netty creates its buffer leak detector, that is before the
 * first {@link ByteBuf} class is initialised; {@link #isCountingBuffers()} says whether it was.
 */
public final class LeakCounter {

    private static final AtomicLong LEAKS = new AtomicLong();

    private static final AtomicBoolean BUFFERS = new AtomicBoolean();

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private LeakCounter() {
    }

    /** Installs the counting factory, once; call first thing in {@code main}. */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new CountingFactory());
        }
    }

    /** Leak reports so far, of buffers and of any other tracked resource. */
    public static long leaks() {
        return LEAKS.get();
    }

    /** Whether Netty's buffer leak detector is one of ours, so that buffer leaks are counted. */
    public static boolean isCountingBuffers() {
        // Makes sure Netty's buffer classes, and so their detector, exist before answering.
        ByteBufAllocator.DEFAULT.heapBuffer(1).release();
        return BUFFERS.get();
    }

    /**
     * Has the detector look for leaked buffers now: after a few GCs, allocating tracked buffers
     * makes it poll the references the GC collected and report the leaked ones.
     */
    public static void sweep() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(100);
            for (int i = 0; i < 1_000; i++) {
                ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(64);
                buffer.release();
            }
        }
    }

    private static final class CountingFactory extends ResourceLeakDetectorFactory {

        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                long maxActive) {
            return newResourceLeakDetector(resource, samplingInterval);
        }

        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            if (resource == ByteBuf.class) {
                BUFFERS.set(true);
            }
            return new CountingDetector<>(resource, samplingInterval);
        }

    }

    private static final class CountingDetector<T> extends ResourceLeakDetector<T> {

        CountingDetector(Class<?> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.incrementAndGet();
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.incrementAndGet();
            super.reportUntracedLeak(resourceType);
        }

    }

}
