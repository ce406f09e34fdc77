package io.cupnet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import io.cupnet.options.CupnetOptions;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two message centers in one JVM exchanging plain messages over real loopback sockets.
 */
class TwoNodeMessagingTest {

    private static final int COUNT = 10_000;

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @Test
    void tenThousandMessagesEachWayArriveCompleteAndInOrder() {
        // Senders wait for room as long as the test does, so a loaded machine slows the run but does not fail it.
        UnaryOperator<CupnetOptions.Builder> waiting = (options) -> options
                .send(s -> s.overflowPolicy(OverflowPolicy.WAIT).overflowWait(Duration.ofSeconds(30)));
        Node a = this.nodes.add(Node.start(waiting));
        Node b = this.nodes.add(Node.start(waiting));

        CompletableFuture<Void> aToB = CompletableFuture.runAsync(() -> sendNumbered(a, b, "a"));
        CompletableFuture<Void> bToA = CompletableFuture.runAsync(() -> sendNumbered(b, a, "b"));
        CompletableFuture.allOf(aToB, bToA).join();

        await().atMost(Duration.ofSeconds(30)).until(() -> a.received.size() == COUNT && b.received.size() == COUNT);
        assertThat(b.bodies()).containsExactlyElementsOf(numbered("a"));
        assertThat(a.bodies()).containsExactlyElementsOf(numbered("b"));
        assertThat(b.received).allSatisfy((message) -> assertThat(message.from()).isEqualTo(a.address()));
    }

    @Test
    void urgentFramesOvertakeABacklogOfNormalOnes() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Node receiver = this.nodes.add(Node.start());
        receiver.onMessage((message, ack) -> {
            handling.countDown();
            release.await(30, TimeUnit.SECONDS);
        });
        Node sender = this.nodes.add(Node.start());
        sender.center.send(sender.message(receiver, "normal-0").build()).join();
        assertThat(handling.await(10, TimeUnit.SECONDS)).isTrue();

        List<CompletableFuture<DeliveryResult>> sent = new ArrayList<>();
        for (int i = 1; i < 100; i++) {
            sent.add(sender.center.send(sender.message(receiver, "normal-" + i).build()));
        }
        sent.add(sender.center.send(sender.message(receiver, "urgent").urgent().build()));
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        // The first normal frame is held by the handler; the rest wait in the receive queue.
        await().until(() -> receiver.center.receiveQueueSize() == 100);
        assertThat(receiver.received).isEmpty();
        release.countDown();

        await().until(() -> receiver.received.size() == 101);
        assertThat(receiver.bodies().get(0)).isEqualTo("normal-0");
        assertThat(receiver.bodies().get(1)).isEqualTo("urgent");
        assertThat(receiver.bodies().subList(2, 101))
            .containsExactlyElementsOf(IntStream.range(1, 100).mapToObj((i) -> "normal-" + i).toList());
    }

    @Test
    void senderReusesOneConnectionPerPeer() {
        Node receiver = this.nodes.add(Node.start());
        Node sender = this.nodes.add(Node.start());

        for (int i = 0; i < 50; i++) {
            sender.center.send(sender.message(receiver, "m" + i).build()).join();
        }

        await().until(() -> receiver.received.size() == 50);
        assertThat(sender.center.stats().connectionsOpened().sum()).isEqualTo(1);
        assertThat(receiver.center.stats().connectionsOpened().sum()).isEqualTo(1);
    }

    @Test
    void sentMessageKeepsItsSubEndpointsAndType() {
        Node receiver = this.nodes.add(Node.start());
        Node sender = this.nodes.add(Node.start());

        DeliveryResult result = sender.center
            .send(CupMessage.builder()
                .to(receiver.address().withSubEndpoint(3, 4))
                .from(sender.address().withSubEndpoint(5, 6))
                .type(4242)
                .body("hi")
                .build())
            .join();

        await().until(() -> receiver.received.size() == 1);
        CupMessage received = receiver.received.get(0);
        assertThat(received.uniqId()).isEqualTo(result.uniqId());
        assertThat(received.type()).isEqualTo(4242);
        assertThat(received.to()).isEqualTo(receiver.address().withSubEndpoint(3, 4));
        assertThat(received.from()).isEqualTo(sender.address().withSubEndpoint(5, 6));
        assertThat(result.status()).isEqualTo(DeliveryResult.Status.SENT);
    }

    private static void sendNumbered(Node from, Node to, String prefix) {
        List<CompletableFuture<DeliveryResult>> futures = new ArrayList<>(COUNT);
        for (String body : numbered(prefix)) {
            futures.add(from.center.send(from.message(to, body).build()));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    }

    private static List<String> numbered(String prefix) {
        return IntStream.range(0, COUNT).mapToObj((i) -> prefix + "-" + i).toList();
    }

}
