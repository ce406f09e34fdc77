package io.cupnet.bench;

import org.HdrHistogram.Histogram;

/**
 * What one round of one contender measured.
 */
public sealed interface Sample permits Sample.Throughput, Sample.Latency, Sample.ConnectionCost {

    /** A short description of the round for the human table. */
    String describe();

    /**
     * Messages counted over a measured time.
     *
     * @param count messages counted
     * @param nanos the time they took
     * @param frameSize bytes per message on the wire
     * @param cpuNanos CPU time the whole process took meanwhile, every thread together
     */
    record Throughput(long count, long nanos, int frameSize, long cpuNanos) implements Sample {

        /** Messages per second. */
        public double perSecond() {
            return (this.nanos == 0) ? 0 : this.count / (this.nanos / 1e9);
        }

        /** Mebibytes per second of frames. */
        public double mebibytesPerSecond() {
            return perSecond() * this.frameSize / (1024.0 * 1024.0);
        }

        /** CPU time per message, in microseconds: a figure less shaken than the rate by a busy machine. */
        public double cpuMicrosPerMessage() {
            return (this.count == 0) ? 0 : this.cpuNanos / 1e3 / this.count;
        }

        @Override
        public String describe() {
            return String.format("%,12.0f msg/s %9.1f MiB/s  cpu %5.2f us/msg %4.0f %%  (%,d msg in %.2f s)",
                    perSecond(), mebibytesPerSecond(), cpuMicrosPerMessage(), 100.0 * this.cpuNanos / this.nanos,
                    this.count, this.nanos / 1e9);
        }

    }

    /**
     * Round-trip times of closed-loop requests, in nanoseconds.
     *
     * @param histogram the recorded round trips
     */
    record Latency(Histogram histogram) implements Sample {

        /** The value at {@code percentile} (0..100) in microseconds. */
        public double micros(double percentile) {
            return this.histogram.getValueAtPercentile(percentile) / 1000.0;
        }

        @Override
        public String describe() {
            return String.format("p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  max %9.1f us  (%,d requests)",
                    micros(50), micros(99), micros(99.9), this.histogram.getMaxValue() / 1000.0,
                    this.histogram.getTotalCount());
        }

    }

    /**
     * The cost of idle connections on the listening node.
     *
     * @param connections connections opened and idle at the time of measurement
     * @param connectNanos time from the first connect until the node had read the first frame of every connection
     * @param heapBytes heap used after GC with the connections open, minus before
     * @param directBytes direct memory used with the connections open, minus before
     */
    record ConnectionCost(int connections, long connectNanos, long heapBytes, long directBytes) implements Sample {

        /** Connections per second. */
        public double connectsPerSecond() {
            return this.connections / (this.connectNanos / 1e9);
        }

        /** Heap plus direct bytes per connection. */
        public double bytesPerConnection() {
            return (double) (this.heapBytes + this.directBytes) / this.connections;
        }

        @Override
        public String describe() {
            return String.format("%,9.0f conn/s  %,8.0f B/conn (heap %,.0f + direct %,.0f)  (%,d conns)",
                    connectsPerSecond(), bytesPerConnection(), (double) this.heapBytes / this.connections,
                    (double) this.directBytes / this.connections, this.connections);
        }

    }

}
