package io.cupnet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DispatchMode#IO_THREAD}: the handler runs on the receiving connection's I/O thread,
 * with need-ack frames acked, deduplicated and retried as on handler threads.
 */
class IoThreadDispatchTest {

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @Test
    void handlerRunsOnTheIoThreadAndEveryMessageArrivesInOrder() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Node receiver = this.nodes.add(Node.start((options) -> options.listener(l -> l
                .dispatch(DispatchMode.IO_THREAD)),
                (message, ack) -> threads.add(describe(Thread.currentThread()))));
        Node sender = this.nodes.add(Node.start((options) -> options
                .send(s -> s.overflowPolicy(OverflowPolicy.WAIT).overflowWait(Duration.ofSeconds(30)))));

        List<CompletableFuture<DeliveryResult>> futures = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sent.add("m" + i);
            futures.add(sender.center.send(sender.message(receiver, "m" + i).needAck().build()));
        }

        assertThat(futures).allSatisfy((future) -> assertThat(future.join().status())
            .isEqualTo(DeliveryResult.Status.ACKED));
        assertThat(receiver.bodies()).containsExactlyElementsOf(sent);
        assertThat(threads).allMatch((thread) -> thread.startsWith("io:cupnet-io"));
        assertThat(receiver.center.receiveQueueSize()).isZero();
    }

    @Test
    void failingHandlerIsNotAckedSoTheSenderRetriesUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        Node receiver = this.nodes.add(Node.start((options) -> options.listener(l -> l
                .dispatch(DispatchMode.IO_THREAD)),
                (message, ack) -> {
                    if (calls.incrementAndGet() < 3) {
                        throw new IllegalStateException("not yet");
                    }
                }));
        Node sender = this.nodes.add(Node.start());

        DeliveryResult result = sender.center.send(sender.message(receiver, "x").needAck().build()).join();

        assertThat(result.attempts()).isEqualTo(3);
        assertThat(receiver.bodies()).containsExactly("x");
        assertThat(receiver.center.stats().handlerFailures().sum()).isEqualTo(2);
    }

    @Test
    void manualAckGivenLaterOnAnotherThreadCompletesTheSend() {
        List<Acknowledgment> held = new CopyOnWriteArrayList<>();
        Node receiver = this.nodes.add(Node.start(
                (options) -> options.listener(l -> l.dispatch(DispatchMode.IO_THREAD)).ack(a -> a.mode(AckMode.MANUAL)),
                (message, ack) -> held.add(ack)));
        Node sender = this.nodes.add(Node.start());

        CompletableFuture<DeliveryResult> first = sender.center.send(sender.message(receiver, "a").needAck().build());
        CompletableFuture<DeliveryResult> second = sender.center.send(sender.message(receiver, "b").needAck().build());
        await().until(() -> held.size() == 2);
        assertThat(first).isNotDone();

        held.forEach(Acknowledgment::acknowledge);

        assertThat(first.join().status()).isEqualTo(DeliveryResult.Status.ACKED);
        assertThat(second.join().status()).isEqualTo(DeliveryResult.Status.ACKED);
    }

    private static String describe(Thread thread) {
        return ((thread instanceof FastThreadLocalThread) ? "io:" : "other:") + thread.getName();
    }

}
