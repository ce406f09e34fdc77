package io.cupnet;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import io.cupnet.internal.transport.NettyTransport;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
    @SuppressWarnings({ "unchecked", "rawtypes" })
    void withoutTheEpollClassesAutoChoosesNioAndEpollNamesTheMissingJar() throws Exception {
        // As in an application that did not add netty-transport-native-epoll: core's epoll dependencies are optional.
        ClassLoader loader = new WithoutEpoll(getClass().getClassLoader());
        Class<?> type = loader.loadClass(TransportType.class.getName());
        Class<?> transport = loader.loadClass("io.cupnet.internal.transport.NettyTransport");
        Method choose = transport.getMethod("choose", type);

        Object auto = choose.invoke(null, Enum.valueOf((Class) type, "AUTO"));
        assertThat(transport.getMethod("name").invoke(auto)).isEqualTo("nio");
        assertThat(((Class<?>) transport.getMethod("channelClass").invoke(auto)).getSimpleName())
                .isEqualTo("NioSocketChannel");
        assertThat(((Class<?>) transport.getMethod("serverChannelClass").invoke(auto)).getSimpleName())
                .isEqualTo("NioServerSocketChannel");
        Object group = transport.getMethod("newEventLoopGroup", int.class, String.class).invoke(auto, 1, "no-epoll");
        group.getClass().getMethod("shutdownGracefully").invoke(group);

        assertThatThrownBy(() -> choose.invoke(null, Enum.valueOf((Class) type, "EPOLL")))
                .isInstanceOf(InvocationTargetException.class)
                .cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("io.netty:netty-transport-native-epoll");
        assertThatThrownBy(() -> loader.loadClass(Epoll.class.getName())).isInstanceOf(ClassNotFoundException.class);
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

    /**
     * Loads cupnet's and Netty's classes itself, from the test class path, with Netty's epoll
     * package missing as when {@code netty-transport-classes-epoll} is not on the class path.
     */
    private static final class WithoutEpoll extends ClassLoader {

        WithoutEpoll(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.netty.channel.epoll.")) {
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith("io.cupnet.") && !name.startsWith("io.netty.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                }
                catch (IOException ex) {
                    throw new ClassNotFoundException(name, ex);
                }
            }
        }

    }

}
