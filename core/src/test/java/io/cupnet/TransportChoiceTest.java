package io.cupnet;


import io.cupnet.internal.transport.NettyTransport;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Both Netty transports carry messages with every socket option applied, and a peer's
 * connections can be closed together.
 */
class TransportChoiceTest {

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @ParameterizedTest
    @EnumSource(TransportType.class)
    void needAckMessageTravelsOverEachTransport(TransportType type) {
        boolean available = type != TransportType.EPOLL || Epoll.isAvailable();
        assumeTrue(available, "epoll is not available on this machine");
        Node receiver = this.nodes.add(Node.start((options) -> options.transport(t -> t.type(type))));
        Node sender = this.nodes.add(Node.start((options) -> options.transport(t -> t.type(type))));

        DeliveryResult result = sender.center.send(sender.message(receiver, "over " + type).needAck().build()).join();

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.ACKED);
        assertThat(receiver.bodies()).containsExactly("over " + type);
    }

    @Test
    void autoChoosesEpollWhenItIsAvailable() {
        assertThat(NettyTransport.choose(TransportType.AUTO).isEpoll()).isEqualTo(Epoll.isAvailable());
        assertThat(NettyTransport.choose(TransportType.NIO).name()).isEqualTo("nio");
    }

    @Test
    void closingAPeerClosesItsInboundAndOutboundConnections() {
        Node a = this.nodes.add(Node.start());
        Node b = this.nodes.add(Node.start());
        // a -> b with need-ack: b answers over its own connection to a, so each side has two connections.
        a.center.send(a.message(b, "hello").needAck().build()).join();
        await().until(() -> b.center.openConnections() == 2 && a.center.openConnections() == 2);

        int closed = b.center.closePeer(a.address());

        assertThat(closed).isEqualTo(2);
        await().until(() -> b.center.openConnections() == 0);
        a.center.send(a.message(b, "again").needAck().build()).join();
        assertThat(b.bodies()).containsExactly("hello", "again");
    }

}
