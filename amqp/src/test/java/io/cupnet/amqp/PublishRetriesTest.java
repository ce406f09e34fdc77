package io.cupnet.amqp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import io.cupnet.DeliveryException.Reason;
import io.cupnet.amqp.PublishRetries.Attempts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PublishRetriesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    private final List<String> failures = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopTimer() {
        this.timer.shutdownNow();
    }

    @Test
    void aLostPublishRunsAgainUntilItIsSettledAndThenWaitsNoMore() {
        PublishRetries retries = started(WAIT, 10);
        Attempts attempts = retries.begin(this::record);
        AtomicInteger runs = new AtomicInteger();
        Runnable again = new Runnable() {
            @Override
            public void run() {
                if (runs.incrementAndGet() < 3) {
                    retries.lost(attempts, "broker down", this);
                }
                else {
                    retries.settled(attempts);
                }
            }
        };

        retries.lost(attempts, "broker down", again);

        await().atMost(WAIT).until(() -> runs.get() == 3);
        assertThat(retries.size()).isZero();
        assertThat(this.failures).isEmpty();
    }

    @Test
    void aPublishDeferredBecauseAnotherJustLostTheBrokerWaitsAndRunsLater() {
        PublishRetries retries = started(WAIT, 10);
        retries.lost(retries.begin(this::record), "broker down", () -> { });
        Attempts deferred = retries.begin(this::record);
        AtomicInteger runs = new AtomicInteger();

        retries.defer(deferred, () -> {
            runs.incrementAndGet();
            retries.settled(deferred);
        });

        await().atMost(WAIT).until(() -> runs.get() == 1);
        assertThat(retries.size()).isEqualTo(1);
        assertThat(this.failures).isEmpty();
    }

    @Test
    void aPublishStillLostAtItsSendTimeoutFailsWithConnectionLostNamingTheBrokerAndTheProperty() {
        PublishRetries retries = started(Duration.ofMillis(200), 10);
        Attempts attempts = retries.begin(this::record);
        Runnable again = new Runnable() {
            @Override
            public void run() {
                retries.lost(attempts, "Connection refused", this);
            }
        };

        retries.lost(attempts, "Connection refused", again);

        await().atMost(WAIT).until(() -> !this.failures.isEmpty());
        assertThat(this.failures).singleElement().asString()
            .startsWith("CONNECTION_LOST")
            .contains("127.0.0.1:5672", "PT0.2S", "cupnet.amqp.send-timeout", "Connection refused");
        assertThat(retries.size()).isZero();
    }

    @Test
    void aPublishBeyondTheMostThatMayWaitFailsWithQueueFullAtOnce() {
        PublishRetries retries = started(WAIT, 2);
        for (int i = 0; i < 2; i++) {
            retries.lost(retries.begin(this::record), "broker down", () -> { });
        }

        retries.lost(retries.begin(this::record), "broker down", () -> { });

        assertThat(this.failures).singleElement().asString().startsWith("QUEUE_FULL").contains("2 messages");
        assertThat(retries.size()).isEqualTo(2);
    }

    @Test
    void stopFailsEveryWaitingPublishOnceWithShutdownAndALaterLossFailsAtOnce() {
        PublishRetries retries = started(WAIT, 10);
        Attempts waiting = retries.begin(this::record);
        retries.lost(waiting, "broker down", () -> { });

        retries.stop();
        retries.lost(waiting, "broker down", () -> { });
        retries.lost(retries.begin(this::record), "broker down", () -> { });

        assertThat(this.failures).hasSize(2).allSatisfy((failure) -> assertThat(failure).startsWith("SHUTDOWN"));
        assertThat(retries.size()).isZero();
    }

    private PublishRetries started(Duration sendTimeout, int maxWaiting) {
        PublishRetries retries = new PublishRetries(this.timer, sendTimeout, "127.0.0.1:5672", maxWaiting);
        retries.start();
        return retries;
    }

    private void record(Reason reason, String text) {
        this.failures.add(reason + " " + text);
    }

}
