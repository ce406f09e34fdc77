package io.cupnet.spring.core;

import java.time.Duration;
import java.util.concurrent.CompletionException;

import io.cupnet.PeerAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CupnetTemplateAddressTest {

    @Test
    void whenAnAddressHasSurroundingWhitespaceThenItIsTrimmed() {
        assertThat(CupnetTemplate.parse(" 127.0.0.1:5000\n").join()).isEqualTo(PeerAddress.of("127.0.0.1", 5000));
    }

    @Test
    void whenTheAddressIsLocalhostThenTheFutureFailsSuggesting127001() {
        assertThatExceptionOfType(CompletionException.class)
            .isThrownBy(() -> CupnetTemplate.parse("localhost:5000").join())
            .withCauseInstanceOf(IllegalArgumentException.class)
            .withMessageContaining("'localhost:5000'")
            .withMessageContaining("write 127.0.0.1 instead of localhost");
    }

    @Test
    void whenTheNodeIsNotStartedThenEverySendFailsThroughTheFuture() {
        PendingReplies replies = new PendingReplies();
        CupnetTemplate template = new CupnetTemplate(new CupnetServer(() -> null, Duration.ZERO),
                new SimplePayloadConverter(), replies);

        assertThat(template.send("127.0.0.1:5000", 7, "body")).isCompletedExceptionally();
        assertThat(template.sendAndAwaitAck("nonsense", 7, "body")).isCompletedExceptionally();
        assertThat(template.request("127.0.0.1:5000", 7, "body", Duration.ofSeconds(1))).isCompletedExceptionally();
        replies.close();
    }

}
