package io.cupnet.spring.listener;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The bounded queue of a listener's own threads: a full queue makes the routing thread wait
 * for room, for at most its wait bound.
 */
class ListenerThreadsTest {

    private final CountDownLatch running = new CountDownLatch(1);

    private final CountDownLatch release = new CountDownLatch(1);

    private final ListenerThreads threads = new ListenerThreads(endpoint(), 1);

    @AfterEach
    void stop() {
        this.release.countDown();
        this.threads.close();
    }

    @Test
    void whenTheQueueStaysFullThenTheCallIsRefusedNamingTheSettingsToRaise() throws Exception {
        fillQueue();

        assertThatIllegalStateException().isThrownBy(() -> this.threads.execute(() -> {
        }, Duration.ofMillis(20)))
            .withMessageContaining("Jobs.handle(String)")
            .withMessageContaining("1 messages waiting for its 1 thread(s)")
            .withMessageContaining("cupnet.listener.queue-capacity");
    }

    @Test
    void whenTheQueueIsFullThenTheCallWaitsForRoomAndRunsOnceThereIsSome() throws Exception {
        fillQueue();
        CountDownLatch ran = new CountDownLatch(1);

        CompletableFuture<Void> queued = new CompletableFuture<>();
        Thread router = new Thread(() -> {
            try {
                this.threads.execute(ran::countDown, Duration.ofSeconds(30));
                queued.complete(null);
            }
            catch (InterruptedException | RuntimeException ex) {
                queued.completeExceptionally(ex);
            }
        });
        router.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> router.getState() == Thread.State.TIMED_WAITING);
        assertThat(queued).isNotDone();

        this.release.countDown();

        queued.get(10, TimeUnit.SECONDS);
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Holds the one thread in a call and puts one more call in the queue of one. */
    private void fillQueue() throws InterruptedException {
        this.threads.execute(() -> {
            this.running.countDown();
            awaitRelease();
        }, Duration.ofSeconds(1));
        assertThat(this.running.await(10, TimeUnit.SECONDS)).isTrue();
        this.threads.execute(this::awaitRelease, Duration.ofSeconds(1));
    }

    private void awaitRelease() {
        try {
            this.release.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static ListenerEndpoint endpoint() {
        try {
            return new ListenerEndpoint(new Jobs(), Jobs.class.getDeclaredMethod("handle", String.class),
                    new int[] { 7 }, false, -1, 1);
        }
        catch (NoSuchMethodException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static class Jobs {

        void handle(String body) {
        }

    }

}
