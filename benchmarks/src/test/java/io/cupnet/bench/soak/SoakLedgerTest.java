package io.cupnet.bench.soak;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak's classification of duplicate handlings.
 */
class SoakLedgerTest {

    private final SoakLedger ledger = new SoakLedger();

    @Test
    void secondHandlingByTheSameLifetimeIsADuplicateInLifetime() {
        BitSet lifetime = new BitSet();

        this.ledger.onHandled(lifetime, 7);
        this.ledger.onHandled(lifetime, 7);

        assertThat(this.ledger.duplicatesInLifetime()).isEqualTo(1);
        assertThat(this.ledger.duplicatesUnacked()).isZero();
    }

    @Test
    void handlingAfterARestartOfAMessageNotYetAckedIsAllowed() {
        this.ledger.onHandled(new BitSet(), 7);
        this.ledger.onHandled(new BitSet(), 7);
        this.ledger.onAcked(7);

        assertThat(this.ledger.duplicatesUnacked()).isEqualTo(1);
        assertThat(this.ledger.duplicatesAfterAck()).isZero();
        assertThat(this.ledger.ackedNotHandled()).isZero();
    }

    @Test
    void handlingAfterTheAckArrivedIsADuplicateAfterAck() {
        this.ledger.onHandled(new BitSet(), 7);
        this.ledger.onAcked(7);
        this.ledger.onHandled(new BitSet(), 7);

        assertThat(this.ledger.duplicatesAfterAck()).isEqualTo(1);
    }

    @Test
    void ackWithoutAnyHandlingIsCounted() {
        this.ledger.onAcked(3);

        assertThat(this.ledger.ackedNotHandled()).isEqualTo(1);
    }

}
