package io.cupnet.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TypeRunsTest {

    private final TypeCounters counters = new TypeCounters(2, (counters, slot) -> { });

    @Test
    void countsEachRunOfOneTypeUnderItsTypeAndResult() {
        TypeRuns runs = new TypeRuns(this.counters, 1);
        runs.count(7);
        runs.count(7);
        runs.count(9);
        runs.count(7);
        runs.flush();

        assertThat(this.counters.typeTag(0)).isEqualTo("7");
        assertThat(this.counters.count(0, 1)).isEqualTo(3);
        assertThat(this.counters.count(1, 1)).isEqualTo(1);
        assertThat(this.counters.total(0)).isZero();
    }

    @Test
    void countsSeveralMessagesOfOneTypeAtOnceAndNoneForZero() {
        TypeRuns runs = new TypeRuns(this.counters, 1);
        runs.count(9, 0);
        runs.count(7, 5);
        runs.count(7);
        runs.flush();

        assertThat(this.counters.typeTag(0)).isEqualTo("7");
        assertThat(this.counters.count(0, 1)).isEqualTo(6);
        assertThat(this.counters.total(1)).isEqualTo(6);
    }

    @Test
    void addsNothingUntilFlushedNorTwiceWhenFlushedAgain() {
        TypeRuns runs = new TypeRuns(this.counters, 0);
        runs.count(7);
        assertThat(this.counters.total(0)).isZero();

        runs.flush();
        runs.flush();

        assertThat(this.counters.total(0)).isEqualTo(1);
    }

}
