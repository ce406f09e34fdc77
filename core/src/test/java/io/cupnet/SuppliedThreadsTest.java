package io.cupnet;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.HashedWheelTimer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * An event-loop group and an ack timer supplied through the options: used by the center, and left running when it
 * terminates, so that the next center can use them.
 */
class SuppliedThreadsTest {

    @RegisterExtension
    final Nodes nodes = new Nodes();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    private final HashedWheelTimer timer = new HashedWheelTimer(5, TimeUnit.MILLISECONDS);

    @AfterEach
    void stopThreads() {
        this.timer.stop();
        this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    @Test
    void suppliedEventLoopGroupAndTimerRunTheCenterAndOutliveIt() {
        Node receiver = this.nodes.add(Node.start());
        Node first = Node.start((options) -> options.transport(t -> t.eventLoopGroup(this.group))
            .ack(a -> a.timer(this.timer)));

        assertThat(first.center.eventLoops()).isSameAs(this.group);
        assertThat(first.center.send(first.message(receiver, "first").needAck().build()))
            .succeedsWithin(Duration.ofSeconds(10));
        first.close();

        assertThat(this.group.isShuttingDown()).isFalse();
        await().until(() -> this.timer.pendingTimeouts() == 0);
        Node second = this.nodes.add(Node.start((options) -> options.transport(t -> t.eventLoopGroup(this.group))
            .ack(a -> a.timer(this.timer))));
        assertThat(second.center.send(second.message(receiver, "second").needAck().build()))
            .succeedsWithin(Duration.ofSeconds(10));
        assertThat(receiver.bodies()).contains("first", "second");
    }

    @Test
    void suppliedGroupOfAnotherTransportThanTheOneAskedForFailsTheStart() {
        assertThatIllegalStateException()
            .isThrownBy(() -> Node.start((options) -> options
                .transport(t -> t.eventLoopGroup(this.group).type(TransportType.EPOLL))))
            .withMessageContaining("runs nio, but option transport.type is EPOLL");
        assertThat(this.group.isShuttingDown()).isFalse();
    }

    @Test
    void suppliedGroupThatIsShutDownFailsTheStartNamingTheOption() {
        EventLoopGroup stopped = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        stopped.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();

        assertThatIllegalStateException()
            .isThrownBy(() -> Node.start((options) -> options.transport(t -> t.eventLoopGroup(stopped))))
            .withMessageContaining("option transport.eventLoopGroup")
            .withMessageContaining("is shut down");
    }

}
