package io.cupnet.spring.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PendingRepliesTest {

    private static final PeerAddress PEER = PeerAddress.of("127.0.0.1", 5000);

    private final PendingReplies replies = new PendingReplies();

    @AfterEach
    void close() {
        this.replies.close();
    }

    @Test
    void whenTheReplyArrivesThenItsTimeoutIsCancelledAndNothingIsHeld() {
        CompletableFuture<CupMessage> reply = this.replies.register(PEER, UniqId.of(1), Duration.ofMinutes(10));
        assertThat(this.replies.scheduledTimeouts()).isOne();

        boolean completed = this.replies.complete(CupMessage.builder().from(PEER).to(PEER).type(2).uniqId(UniqId.of(1))
            .body("answer").build());

        assertThat(completed).isTrue();
        assertThat(reply).isCompleted();
        assertThat(this.replies.scheduledTimeouts()).isZero();
        assertThat(this.replies.size()).isZero();
    }

    @Test
    void whenTheRequestWasNotWrittenThenTheTimeoutSaysSo() {
        CompletableFuture<CupMessage> reply = this.replies.register(PEER, UniqId.of(2), Duration.ofMillis(20),
                new CompletableFuture<>());

        assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
            .withCauseInstanceOf(TimeoutException.class)
            .withMessageContaining("not written yet")
            .withMessageContaining("127.0.0.1:5000");
        assertThat(this.replies.size()).isZero();
    }

    @Test
    void whenTheRequestWasWrittenThenTheTimeoutSaysNoReplyCameBack() {
        CompletableFuture<CupMessage> reply = this.replies.register(PEER, UniqId.of(3), Duration.ofMillis(20),
                CompletableFuture.completedFuture(null));

        assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
            .withMessageContaining("the request was written, but no reply came back");
    }

}
