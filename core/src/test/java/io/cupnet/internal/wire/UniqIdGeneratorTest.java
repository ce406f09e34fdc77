package io.cupnet.internal.wire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.cupnet.UniqId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UniqIdGeneratorTest {

    private static final int THREADS = 4;
    private static final int IDS_PER_THREAD = 100_000;

    @Test
    void handsOutDistinctIdsAcrossThreads() throws Exception {
        UniqIdGenerator generator = new UniqIdGenerator();
        Callable<List<UniqId>> draw = () -> {
            List<UniqId> ids = new ArrayList<>(IDS_PER_THREAD);
            for (int i = 0; i < IDS_PER_THREAD; i++) {
                ids.add(generator.next());
            }
            return ids;
        };
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Set<UniqId> all = new HashSet<>();
        try {
            List<Future<List<UniqId>>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                results.add(pool.submit(draw));
            }
            for (Future<List<UniqId>> result : results) {
                all.addAll(result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(all).hasSize(THREADS * IDS_PER_THREAD);
    }

    @Test
    void countsUpFromOneUnderAFixedPrefix() {
        UniqIdGenerator generator = new UniqIdGenerator(42);

        assertThat(generator.next()).isEqualTo(new UniqId(42, 1));
        assertThat(generator.next()).isEqualTo(new UniqId(42, 2));
        assertThat(generator.prefix()).isEqualTo(42);
    }

    @Test
    void drawsADifferentPrefixForEachGenerator() {
        UniqIdGenerator first = new UniqIdGenerator();
        UniqIdGenerator second = new UniqIdGenerator();

        assertThat(first.prefix()).isNotEqualTo(second.prefix());
        assertThat(first.next()).isNotEqualTo(second.next());
    }
}
