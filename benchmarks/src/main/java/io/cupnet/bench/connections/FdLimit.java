package io.cupnet.bench.connections;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

import com.sun.management.UnixOperatingSystemMXBean;

/**
 * The file-descriptor limit ({@code ulimit -n}) of this process, which bounds the connections a node accepts.
 */
public final class FdLimit {

    private static final int RESERVE = 256;

    private FdLimit() {
    }

    /** The limit, or -1 when the platform does not say. */
    public static long max() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return (os instanceof UnixOperatingSystemMXBean unix) ? unix.getMaxFileDescriptorCount() : -1;
    }

    /** The descriptors open now, or -1 when the platform does not say. */
    public static long open() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return (os instanceof UnixOperatingSystemMXBean unix) ? unix.getOpenFileDescriptorCount() : -1;
    }

    /** {@code requested}, lowered to what the limit leaves room for (keeping a reserve of 256). */
    public static int allowedConnections(int requested) {
        long max = max();
        if (max < 0) {
            return requested;
        }
        return (int) Math.max(1, Math.min(requested, max - open() - RESERVE));
    }

}
