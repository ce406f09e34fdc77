package io.cupnet;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cupnet.DeliveryException.Reason;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Start, stop and drain of a message center, and the errors its misuse gives.
 */
class LifecycleTest {

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @Test
    void startingTwiceFailsClearly() {
        Node node = this.nodes.add(Node.start());

        assertThatIllegalStateException().isThrownBy(node.center::start)
                .withMessageContaining("start() may be called once");
    }

    @Test
    void sendingBeforeStartFailsWithNotRunning() {
        MessageCenter center = new MessageCenter(Node.baseOptions().build(), (message, ack) -> {
        });

        CompletableFuture<DeliveryResult> future = center.send(message(PeerAddress.of("127.0.0.1", 9)));

        assertDeliveryFails(future, Reason.NOT_RUNNING, "call start() first");
    }

    @Test
    void sendingAfterStopFailsWithNotRunning() {
        Node peer = this.nodes.add(Node.start());
        Node node = this.nodes.add(Node.start());
        node.center.stop();

        assertDeliveryFails(node.center.send(message(peer.address())), Reason.NOT_RUNNING, "stopping");
    }

    @Test
    void bindingATakenPortFailsNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.setReuseAddress(false);
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            MessageCenter center = new MessageCenter(Node.baseOptions()
                    .server(s -> s.port(taken.getLocalPort())).build(),
                    (message, ack) -> {
                    });

            assertThatIllegalStateException().isThrownBy(center::start)
                .withMessageContaining("Cannot bind cupnet to 127.0.0.1:" + taken.getLocalPort());
            assertThat(center.state()).isEqualTo(MessageCenter.State.FAILED);
        }
    }

    @Test
    void wildcardHostWithoutAdvertisedHostFailsAtStart() {
        MessageCenter center = new MessageCenter(Node.baseOptions().server(s -> s.host("0.0.0.0"))
                .build(), (message, ack) -> {
        });

        assertThatIllegalStateException().isThrownBy(center::start).withMessageContaining("server.advertisedHost");
    }

    @Test
    void advertisedHostIsPutInFrom() {
        Node receiver = this.nodes.add(Node.start());
        Node sender = this.nodes.add(Node.start((options) -> options.server(s -> s.host("0.0.0.0")
                .advertisedHost("127.0.0.1"))));

        sender.center.send(sender.message(receiver, "x").build()).join();

        await().until(() -> receiver.received.size() == 1);
        assertThat(receiver.received.get(0).from()).isEqualTo(PeerAddress.of("127.0.0.1", sender.center.port()));
    }

    @Test
    void sendingToItselfIsRefused() {
        Node node = this.nodes.add(Node.start());

        assertDeliveryFails(node.center.send(message(node.address())), Reason.INVALID_MESSAGE, "this node itself");
    }

    @Test
    void messageLargerThanTheMaximumFrameIsRefused() {
        Node peer = this.nodes.add(Node.start());
        Node node = this.nodes.add(Node.start((options) -> options.transport(t -> t.maxFrameSize(1024))));

        CupMessage big = CupMessage.builder().to(peer.address()).type(7).body(new byte[2000]).build();

        assertDeliveryFails(node.center.send(big), Reason.INVALID_MESSAGE, "exceeds the maximum frame length 1024");
    }

    @Test
    void fullSendQueueFailsAtOnceWithQueueFull() {
        Node node = this.nodes.add(Node.start((options) -> options
                .send(s -> s.queueCapacity(2).deliveryTimeout(Duration.ofMillis(300)))));
        PeerAddress nobody = unusedAddress();

        node.center.send(message(nobody));
        node.center.send(message(nobody));

        assertDeliveryFails(node.center.send(message(nobody)), Reason.QUEUE_FULL, "is full (2 frames)");
    }

    @Test
    void plainMessageToAPeerThatNeverStartsFailsWithPeerUnreachable() {
        Node node = this.nodes.add(Node.start((options) -> options
                .send(s -> s.deliveryTimeout(Duration.ofMillis(300)))));

        CompletableFuture<DeliveryResult> future = node.center.send(message(unusedAddress()));

        assertThat(future).failsWithin(Duration.ofSeconds(10));
        assertDeliveryFails(future, Reason.PEER_UNREACHABLE, "could not connect");
        assertThat(node.center.stats().connectFailures().sum()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void needAckMessageToAPeerThatNeverStartsFailsWithPeerUnreachableAtTheDeliveryTimeout() {
        Node node = this.nodes.add(Node.start((options) -> options
                .send(s -> s.deliveryTimeout(Duration.ofMillis(300)))));

        CompletableFuture<DeliveryResult> future = node.center.send(needAck(unusedAddress()));

        assertDeliveryFails(future, Reason.PEER_UNREACHABLE, "could not connect");
        assertThat(node.center.pendingAcks()).isZero();
        assertThat(node.center.stats().ackTimeouts().sum()).isZero();
    }

    @Test
    void needAckMessageToAPeerThatNeverStartsFailsWithPeerUnreachableAtTheAckTimeoutWhenThatComesFirst() {
        Node node = this.nodes.add(Node.start((options) -> options.ack(a -> a.timeout(Duration.ofMillis(300)))));

        CompletableFuture<DeliveryResult> future = node.center.send(needAck(unusedAddress()));

        assertDeliveryFails(future, Reason.PEER_UNREACHABLE, "could not connect");
        assertThat(node.center.pendingAcks()).isZero();
        assertThat(node.center.stats().ackTimeouts().sum()).isZero();
    }

    @Test
    void needAckMessageNeverWrittenFailsWithPeerUnreachableAndTheConnectErrorWhenBothTimeoutsAreEqual() {
        Node node = this.nodes.add(Node.start((options) -> options
                .send(s -> s.deliveryTimeout(Duration.ofSeconds(1)))
                .ack(a -> a.timeout(Duration.ofSeconds(1)))));
        PeerAddress nobody = unusedAddress();

        CompletableFuture<DeliveryResult> future = node.center.send(needAck(nobody));

        assertThat(future).failsWithin(Duration.ofSeconds(10))
            .withThrowableThat()
            .havingCause()
            .isInstanceOfSatisfying(DeliveryException.class, (ex) -> {
                assertThat(ex.reason()).isEqualTo(Reason.PEER_UNREACHABLE);
                assertThat(ex.getCause()).isInstanceOf(ConnectException.class);
                assertThat(ex.getMessage()).contains("could not connect to " + nobody)
                    .contains(ex.getCause().getMessage());
            });
        assertThat(node.center.pendingAcks()).isZero();
        assertThat(node.center.stats().ackTimeouts().sum()).isZero();
    }

    @Test
    void gracefulStopCompletesEveryFutureAndHandlesWhatWasReceived() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        Node receiver = this.nodes.add(Node.start((options) -> options, (message, ack) -> {
            handling.countDown();
            Thread.sleep(1);
        }));
        // Resends would count as frames read: none before the test has seen every frame once, even on a busy machine.
        Node sender = this.nodes.add(Node.start((options) -> options
                .send(s -> s.overflowPolicy(OverflowPolicy.WAIT).overflowWait(Duration.ofSeconds(30)))
                .ack(a -> a.retryInterval(Duration.ofSeconds(8)).timeout(Duration.ofSeconds(30)))));
        Map<String, CompletableFuture<DeliveryResult>> needAcks = new LinkedHashMap<>();
        List<CompletableFuture<DeliveryResult>> plain = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            plain.add(sender.center.send(sender.message(receiver, "p" + i).build()));
            needAcks.put("n" + i, sender.center.send(sender.message(receiver, "n" + i).needAck().build()));
        }
        assertThat(handling.await(10, TimeUnit.SECONDS)).isTrue();
        // Stop once every frame was read: the sender can write nothing to a receiver that has shut down.
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.center.stats().messagesReceived().sum() == 1000);

        boolean receiverClean = receiver.center.awaitTermination(Duration.ofSeconds(20));
        sender.center.awaitTermination(Duration.ofSeconds(1));

        assertThat(receiverClean).isTrue();
        assertThat(receiver.center.receiveQueueSize()).isZero();
        assertThat(plain).allSatisfy((future) -> assertThat(future).isCompleted());
        assertThat(needAcks.values()).allSatisfy(LifecycleTest::completesOrFailsWithAReason);
        List<String> acked = needAcks.entrySet()
            .stream()
            .filter((entry) -> !entry.getValue().isCompletedExceptionally())
            .map(Map.Entry::getKey)
            .toList();
        assertThat(receiver.bodies()).containsAll(acked);
    }

    private static void completesOrFailsWithAReason(CompletableFuture<DeliveryResult> future) {
        assertThat(future).isDone();
        if (future.isCompletedExceptionally()) {
            assertThat(future).failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(DeliveryException.class, (ex) -> assertThat(ex.reason())
                    .isIn(Reason.SHUTDOWN, Reason.ACK_TIMEOUT));
        }
    }

    @Test
    void aNeedAckSendWhoseUniqIdIsStillPendingFailsAtOnceAndLeavesNothingInFlight() {
        Node node = this.nodes.add(Node.start((options) -> options.ack(a -> a.timeout(Duration.ofSeconds(30)))
            .send(s -> s.deliveryTimeout(Duration.ofSeconds(30)))));
        PeerAddress nobody = unusedAddress();
        CupMessage first = needAck(nobody).withUniqId(UniqId.of(42));
        CompletableFuture<DeliveryResult> pending = node.center.send(first);

        assertDeliveryFails(node.center.send(first.withUniqId(UniqId.of(42))), Reason.DUPLICATE_UNIQ_ID,
                "uniq id " + UniqId.of(42) + " to " + nobody + " is still waiting for its ack");
        assertThat(node.center.pendingAcks()).isEqualTo(1);
        node.center.awaitTermination(Duration.ofSeconds(5));
        assertDeliveryFails(pending, Reason.SHUTDOWN, "shut down");
    }

    @Test
    void closingOnTheCentersOwnIoThreadFailsAtOnceInsteadOfWaitingForItself() throws Exception {
        Node node = this.nodes.add(Node.start());

        CompletableFuture<Void> closed = new CompletableFuture<>();
        node.center.eventLoops().next().execute(() -> {
            try {
                node.center.close();
                closed.complete(null);
            }
            catch (RuntimeException ex) {
                closed.completeExceptionally(ex);
            }
        });

        assertThat(closed).failsWithin(Duration.ofSeconds(10))
            .withThrowableThat()
            .havingCause()
            .isInstanceOf(IllegalStateException.class)
            .withMessageContaining("cannot be closed or awaited on its own I/O thread")
            .withMessageContaining("call stop() there, or close() from another thread");
        assertThat(node.center.state()).isEqualTo(MessageCenter.State.RUNNING);
    }

    @Test
    void shutdownDeadlineFailsWhatIsLeftWithShutdown() {
        Node node = this.nodes.add(Node.start((options) -> options.send(s -> s.queueCapacity(10))));
        PeerAddress nobody = unusedAddress();
        List<CompletableFuture<DeliveryResult>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            futures.add(node.center.send(message(nobody)));
        }

        boolean clean = node.center.awaitTermination(Duration.ofMillis(200));

        assertThat(clean).isFalse();
        assertThat(futures).allSatisfy((future) -> assertDeliveryFails(future, Reason.SHUTDOWN, "shut down"));
    }

    private static CupMessage message(PeerAddress to) {
        return CupMessage.builder().to(to).type(7).body("x").build();
    }

    private static CupMessage needAck(PeerAddress to) {
        return CupMessage.builder().to(to).type(7).body("x").needAck().build();
    }

    private static PeerAddress unusedAddress() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return PeerAddress.of("127.0.0.1", socket.getLocalPort());
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void assertDeliveryFails(CompletableFuture<DeliveryResult> future, Reason reason, String text) {
        assertThat(future).failsWithin(Duration.ofSeconds(10))
            .withThrowableThat()
            .havingCause()
            .isInstanceOfSatisfying(DeliveryException.class, (ex) -> {
                assertThat(ex.reason()).isEqualTo(reason);
                assertThat(ex.getMessage()).contains(text);
            });
    }

}
