package io.cupnet.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Calls each codec benchmark method once, outside JMH, so that a change in core that breaks them shows in the build.
 */
class CodecBenchmarkTest {

    @Test
    void benchmarkMethodsEncodeAndDecodeTheSameFrame() {
        CodecBenchmark benchmark = new CodecBenchmark();
        benchmark.size = 1024;
        benchmark.setUp();
        try {
            assertThat(benchmark.encode().readableBytes()).isEqualTo(1024);
            assertThat(benchmark.encodePooled()).isEqualTo(1024);
            assertThat(benchmark.decode().bodyLength()).isEqualTo(1024 - 64);
            benchmark.decodeStream(new Blackhole(
                    "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous."));
        }
        finally {
            benchmark.tearDown();
        }
    }

}
