package io.cupnet.amqp;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.cupnet.DeliveryException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The publisher thread, on a template whose {@code invoke} scopes are counted instead of opening channels. */
class ChannelPublisherTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ScopeCountingTemplate template = new ScopeCountingTemplate();

    private final List<String> events = new CopyOnWriteArrayList<>();

    private final CountDownLatch release = new CountDownLatch(1);

    private ChannelPublisher publisher;

    @AfterEach
    void stop() {
        this.release.countDown();
        if (this.publisher != null) {
            this.publisher.stop();
        }
    }

    @Test
    void aFullQueueRefusesATaskAtOnceWithQueueFullNamingTheLimit() {
        this.publisher = started(2);
        holdThePublisherThread();
        this.publisher.submit(task("a"));
        this.publisher.submit(task("b"));

        this.publisher.submit(task("c"));

        assertThat(this.events).containsExactly("refused c QUEUE_FULL: 2 messages already wait for the publisher "
                + "thread of the broker transport, the most it holds; send again later");
        this.release.countDown();
        await().atMost(WAIT).until(() -> this.events.size() == 4);
        assertThat(this.events).endsWith("published hold", "published a", "published b");
    }

    @Test
    void theTasksOfOneThreadArePublishedInTheirOrderAndThoseQueuedTogetherShareOneScope() {
        this.publisher = started(ChannelPublisher.MAX_QUEUED);
        holdThePublisherThread();
        List<String> expected = new ArrayList<>(List.of("published hold"));
        for (int i = 0; i < 1000; i++) {
            this.publisher.submit(task("m" + i));
            expected.add("published m" + i);
        }

        this.release.countDown();

        await().atMost(WAIT).until(() -> this.events.size() == expected.size());
        assertThat(this.events).containsExactlyElementsOf(expected);
        assertThat(this.template.opened).hasValue(1);
    }

    @Test
    void theScopeEndsWhenTheQueueIdlesAndTheNextTaskOpensAnother() {
        this.publisher = started(ChannelPublisher.MAX_QUEUED);
        this.publisher.submit(task("a"));
        await().atMost(WAIT).until(() -> this.template.closed.get() == 1);

        this.publisher.submit(task("b"));

        await().atMost(WAIT).until(() -> this.template.closed.get() == 2);
        assertThat(this.events).containsExactly("published a", "published b");
        assertThat(this.template.opened).hasValue(2);
    }

    @Test
    void aPublishThatLosesItsChannelIsLostOnceAndTheRestGoOutInANewScope() {
        this.publisher = started(ChannelPublisher.MAX_QUEUED);
        holdThePublisherThread();
        this.publisher.submit(task("a"));
        this.publisher.submit(new RecordingTask("b") {

            @Override
            public void publish(RabbitOperations operations) {
                throw new AmqpIOException(new IOException("channel closed"));
            }

        });
        this.publisher.submit(task("c"));

        this.release.countDown();

        await().atMost(WAIT).until(() -> this.events.size() == 4);
        assertThat(this.events).containsExactly("published hold", "published a",
                "lost b: java.io.IOException: channel closed", "published c");
        assertThat(this.template.opened).hasValue(2);
    }

    @Test
    void whileNoChannelCanBeOpenedEveryTaskTakenIsLostExactlyOnce() {
        this.template.refusal = new AmqpConnectException(new ConnectException("Connection refused"));
        this.publisher = started(ChannelPublisher.MAX_QUEUED);

        for (int i = 0; i < 5; i++) {
            this.publisher.submit(task("m" + i));
        }

        await().atMost(WAIT).until(() -> this.events.size() == 5);
        assertThat(this.events).containsExactly("lost m0: java.net.ConnectException: Connection refused",
                "lost m1: java.net.ConnectException: Connection refused",
                "lost m2: java.net.ConnectException: Connection refused",
                "lost m3: java.net.ConnectException: Connection refused",
                "lost m4: java.net.ConnectException: Connection refused");
        assertThat(this.template.opened).hasValue(0);
    }

    @Test
    void aTaskThatDefersItselfIsNotPublished() {
        this.publisher = started(ChannelPublisher.MAX_QUEUED);

        this.publisher.submit(new RecordingTask("a") {

            @Override
            public boolean deferred() {
                ChannelPublisherTest.this.events.add("deferred a");
                return true;
            }

        });
        this.publisher.submit(task("b"));

        await().atMost(WAIT).until(() -> this.events.size() == 2);
        assertThat(this.events).containsExactly("deferred a", "published b");
    }

    @Test
    void stopRefusesQueuedSendsWithShutdownOncePublishesQueuedAcksAndEndsTheThread() throws Exception {
        this.publisher = started(ChannelPublisher.MAX_QUEUED);
        Thread publisherThread = holdThePublisherThread();
        this.publisher.submit(task("send"));
        this.publisher.submit(ackTask("ack"));
        Thread stopper = new Thread(this.publisher::stop);

        stopper.start();
        await().atMost(WAIT).until(() -> !this.publisher.isRunning());
        this.publisher.submit(task("late"));
        this.release.countDown();
        stopper.join(WAIT.toMillis());

        assertThat(stopper.isAlive()).isFalse();
        assertThat(publisherThread.isAlive()).isFalse();
        assertThat(this.events).containsExactly("refused late SHUTDOWN: the broker transport is stopped",
                "published hold", "refused send SHUTDOWN: the broker transport stopped before the message was "
                        + "published", "published ack");
        assertThat(this.publisher.size()).isZero();
    }

    @Test
    void stopRefusesWhatTheThreadDidNotReachWithinItsDrainTimeOnceAndTheThreadEndsAfterItsTask() throws Exception {
        this.publisher = new ChannelPublisher(this.template, ChannelPublisher.MAX_QUEUED, Duration.ofMillis(100));
        this.publisher.start();
        CountDownLatch interrupted = new CountDownLatch(1);
        this.publisher.submit(new RecordingTask("stuck") {

            @Override
            public void publish(RabbitOperations operations) {
                ChannelPublisherTest.this.events.add("taken stuck");
                try {
                    Thread.sleep(WAIT.toMillis());
                }
                catch (InterruptedException ex) {
                    interrupted.countDown();
                    throw new AmqpIOException(new IOException("interrupted"));
                }
            }

        });
        await().atMost(WAIT).until(() -> this.events.contains("taken stuck"));
        this.publisher.submit(ackTask("ack"));

        this.publisher.stop();

        assertThat(interrupted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        await().atMost(WAIT).until(() -> this.events.size() == 3);
        assertThat(this.events).containsExactlyInAnyOrder("taken stuck",
                "refused ack SHUTDOWN: the broker transport stopped before the message was published",
                "lost stuck: java.io.IOException: interrupted");
    }

    @Test
    void aStoppedPublisherStartsAgainWithANewThread() {
        this.publisher = started(ChannelPublisher.MAX_QUEUED);
        this.publisher.stop();

        this.publisher.start();
        this.publisher.submit(task("a"));

        await().atMost(WAIT).until(() -> this.events.size() == 1);
        assertThat(this.events).containsExactly("published a");
    }

    private ChannelPublisher started(int maxQueued) {
        ChannelPublisher started = new ChannelPublisher(this.template, maxQueued);
        started.start();
        return started;
    }

    /** Submits a task whose publish waits for {@link #release}; returns once the publisher thread runs it. */
    private Thread holdThePublisherThread() {
        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch taken = new CountDownLatch(1);
        this.publisher.submit(new RecordingTask("hold") {

            @Override
            public void publish(RabbitOperations operations) {
                thread.set(Thread.currentThread());
                taken.countDown();
                try {
                    ChannelPublisherTest.this.release.await();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                super.publish(operations);
            }

        });
        await().atMost(WAIT).until(() -> taken.getCount() == 0 && this.publisher.size() == 0);
        return thread.get();
    }

    private RecordingTask task(String name) {
        return new RecordingTask(name);
    }

    private RecordingTask ackTask(String name) {
        return new RecordingTask(name) {

            @Override
            public boolean publishesOnStop() {
                return true;
            }

        };
    }

    /** Records how each task ended. */
    private class RecordingTask implements ChannelPublisher.Task {

        private final String name;

        RecordingTask(String name) {
            this.name = name;
        }

        @Override
        public void publish(RabbitOperations operations) {
            assertThat(operations).isSameAs(ChannelPublisherTest.this.template);
            ChannelPublisherTest.this.events.add("published " + this.name);
        }

        @Override
        public void lost(RuntimeException cause) {
            ChannelPublisherTest.this.events.add("lost " + this.name + ": " + cause.getMessage());
        }

        @Override
        public void refused(Reason reason, String text) {
            ChannelPublisherTest.this.events.add("refused " + this.name + " " + reason + ": " + text);
        }

    }

    /** Runs each scope's callback on itself, counting scopes; refuses to open one while {@link #refusal} is set. */
    private static final class ScopeCountingTemplate extends RabbitTemplate {

        private final AtomicInteger opened = new AtomicInteger();

        private final AtomicInteger closed = new AtomicInteger();

        private volatile RuntimeException refusal;

        @Override
        public <T> T invoke(OperationsCallback<T> action, com.rabbitmq.client.ConfirmCallback acks,
                com.rabbitmq.client.ConfirmCallback nacks) {
            if (this.refusal != null) {
                throw this.refusal;
            }
            this.opened.incrementAndGet();
            try {
                return action.doInRabbit(this);
            }
            finally {
                this.closed.incrementAndGet();
            }
        }

    }

}
