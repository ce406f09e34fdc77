package io.cupnet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Need-ack delivery between two message centers: acks, retries, timeouts, dedup and
 * a receiver restarted mid-stream.
 */
class NeedAckDeliveryTest {

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @Test
    void needAckMessageCompletesWhenTheReceiverAcksIt() {
        Node receiver = this.nodes.add(Node.start());
        Node sender = this.nodes.add(Node.start());

        DeliveryResult result = sender.center.send(sender.message(receiver, "job").needAck().build()).join();

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.ACKED);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(receiver.bodies()).containsExactly("job");
        assertThat(sender.center.pendingAcks()).isZero();
    }

    @Test
    void ackThatNeverComesFailsTheFutureOnceAfterCountedRetries() {
        Node receiver = this.nodes.add(Node.start());
        receiver.onMessage((message, ack) -> {
            throw new IllegalStateException("handler always fails");
        });
        Node sender = this.nodes.add(Node.start((options) -> options.ack(a -> a.timeout(Duration.ofMillis(1000)))));

        CompletableFuture<DeliveryResult> future = sender.center.send(sender.message(receiver, "x").needAck().build());

        assertThat(future).failsWithin(Duration.ofSeconds(10))
            .withThrowableThat()
            .havingCause()
            .isInstanceOfSatisfying(DeliveryException.class,
                    (ex) -> assertThat(ex.reason()).isEqualTo(DeliveryException.Reason.ACK_TIMEOUT));
        assertThat(sender.center.stats().ackTimeouts().sum()).isEqualTo(1);
        assertThat(sender.center.stats().ackRetries().sum()).isGreaterThanOrEqualTo(2);
        assertThat(receiver.center.stats().handlerFailures().sum()).isGreaterThanOrEqualTo(3);
        assertThat(sender.center.pendingAcks()).isZero();
    }

    @Test
    void failingHandlerIsRetriedUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        Node receiver = this.nodes.add(Node.start());
        receiver.onMessage((message, ack) -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
        });
        Node sender = this.nodes.add(Node.start());

        DeliveryResult result = sender.center.send(sender.message(receiver, "x").needAck().build()).join();

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.ACKED);
        assertThat(result.attempts()).isGreaterThanOrEqualTo(3);
        assertThat(receiver.bodies()).containsExactly("x");
    }

    @Test
    void resentFrameIsAckedAgainButHandledOnce() {
        Node receiver = this.nodes.add(Node.start());
        // Slower than two retry intervals: copies arrive while the first is being handled.
        receiver.onMessage((message, ack) -> Thread.sleep(700));
        Node sender = this.nodes.add(Node.start());

        DeliveryResult result = sender.center.send(sender.message(receiver, "slow").needAck().build()).join();

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.ACKED);
        assertThat(receiver.bodies()).containsExactly("slow");
        assertThat(receiver.center.stats().dedupHits().sum()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void manualAckModeAcksWhenTheHandleIsUsedEvenFromAnotherThreadLater() {
        Node receiver = this.nodes.add(Node.start((options) -> options.ack(a -> a.mode(AckMode.MANUAL))));
        receiver.onMessage((message, ack) -> CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS)
            .execute(ack::acknowledge));
        Node sender = this.nodes.add(Node.start());

        DeliveryResult result = sender.center.send(sender.message(receiver, "manual").needAck().build()).join();

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.ACKED);
        assertThat(result.attempts()).isGreaterThan(1);
        assertThat(receiver.bodies()).containsExactly("manual");
    }

    @Test
    void frameRejectedLaterFromAnotherThreadIsHandledAgainWhenResent() {
        Node receiver = this.nodes.add(Node.start((options) -> options.ack(a -> a.mode(AckMode.MANUAL))));
        AtomicInteger deliveries = new AtomicInteger();
        receiver.onMessage((message, ack) -> {
            boolean first = deliveries.incrementAndGet() == 1;
            // The work fails after the handler returned on the first delivery and succeeds on the second.
            CompletableFuture.runAsync(first ? ack::reject : ack::acknowledge);
        });
        Node sender = this.nodes.add(Node.start());

        DeliveryResult result = sender.center.send(sender.message(receiver, "retry me").needAck().build()).join();

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.ACKED);
        assertThat(result.attempts()).isGreaterThanOrEqualTo(2);
        // The node records a body after its handler returned, which may be after the ack arrived.
        await().untilAsserted(() -> assertThat(receiver.bodies()).containsExactly("retry me", "retry me"));
        assertThat(receiver.center.stats().acksRejected().sum()).isEqualTo(1);
    }

    @Test
    void receiverRestartedOnTheSamePortHandlesEveryMessageExactlyOnce() {
        int total = 2_000;
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        Node first = this.nodes.add(Node.start(UnaryOperator.identity(),
                (message, ack) -> countHandled(handled, message)));
        int port = first.center.port();
        Node sender = this.nodes.add(Node.start((options) -> options
                .send(s -> s.overflowPolicy(OverflowPolicy.WAIT).overflowWait(Duration.ofSeconds(30)))
            .ack(a -> a.timeout(Duration.ofSeconds(60)))));
        PeerAddress receiverAddress = first.address();

        List<CompletableFuture<DeliveryResult>> futures = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            futures.add(sender.center.send(CupMessage.builder().to(receiverAddress).type(7).body("m" + i).needAck().build()));
            if (i == total / 2) {
                await().until(() -> !handled.isEmpty());
                first.close();
                this.nodes.add(Node.start((options) -> options.server(s -> s
                        .port(port)), (message, ack) -> countHandled(handled, message)));
            }
        }

        List<DeliveryResult> results = futures.stream().map(CompletableFuture::join).toList();

        assertThat(results).allSatisfy((result) -> assertThat(result.status()).isEqualTo(DeliveryResult.Status.ACKED));
        assertThat(handled).hasSize(total);
        Map<Integer, Long> timesHandled = handled.values()
            .stream()
            .collect(Collectors.groupingBy(AtomicInteger::get, Collectors.counting()));
        assertThat(timesHandled).containsOnlyKeys(1);
        assertThat(first.received).isNotEmpty();
        assertThat(this.nodes.get(2).received).isNotEmpty();
    }

    private static void countHandled(Map<String, AtomicInteger> handled, CupMessage message) {
        handled.computeIfAbsent(message.bodyAsString(), (key) -> new AtomicInteger()).incrementAndGet();
    }

}
