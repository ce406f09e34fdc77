package io.cupnet.spring.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cupnet.AckTracking;
import io.cupnet.Connections;
import io.cupnet.CupMessage;
import io.cupnet.Lane;
import io.cupnet.MessageCenter;
import io.cupnet.PeerAddress;
import io.cupnet.PeerSnapshot;
import io.cupnet.PeerSnapshot.Direction;
import io.cupnet.options.CupnetOptions;
import io.cupnet.spring.core.CupnetServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The parts of a node exposed as beans: the {@link Connections} and {@link AckTracking} views, which follow the
 * current center, and the event-loop group and ack timer, which the application may supply.
 */
class CupnetViewBeansTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CupnetAutoConfiguration.class,
                CupnetObservabilityAutoConfiguration.class))
        .withPropertyValues("cupnet.server.host=127.0.0.1", "cupnet.server.port=0", "cupnet.shutdown-timeout=5s",
                "cupnet.transport.type=nio");

    @Test
    void whenTheNodeRunsThenItsViewsAndThreadPoolsAreBeansThatItUses() {
        this.runner.run((context) -> {
            MessageCenter center = context.getBean(CupnetServer.class).getMessageCenter();
            assertThat(context).hasSingleBean(Connections.class).hasSingleBean(AckTracking.class);
            assertThat(center.eventLoops())
                .isSameAs(context.getBean(CupnetAutoConfiguration.EVENT_LOOP_GROUP_BEAN_NAME));
            assertThat(center.options().ack().timer())
                .isSameAs(context.getBean(CupnetAutoConfiguration.ACK_TIMER_BEAN_NAME));
            assertThat(context.getBean(Connections.class).peers()).isEmpty();
            assertThat(context.getBean(AckTracking.class).pending()).isZero();
        });
    }

    @Test
    void whenTheContextIsStoppedAndStartedThenTheViewsFollowTheFreshCenterOnTheSameEventLoops() {
        this.runner.run((context) -> {
            ConfigurableApplicationContext source = context.getSourceApplicationContext();
            CupnetServer server = context.getBean(CupnetServer.class);
            EventLoopGroup loops = context.getBean(CupnetAutoConfiguration.EVENT_LOOP_GROUP_BEAN_NAME,
                    EventLoopGroup.class);
            Connections connections = context.getBean(Connections.class);
            AckTracking acks = context.getBean(AckTracking.class);
            MessageCenter first = server.getMessageCenter();

            source.stop();
            assertThat(loops.isShuttingDown()).isFalse();
            source.start();

            MessageCenter second = server.getMessageCenter();
            assertThat(second).isNotSameAs(first);
            assertThat(second.eventLoops()).isSameAs(loops);
            try (MessageCenter peer = new MessageCenter(
                    CupnetOptions.builder().server((s) -> s.host("127.0.0.1").port(0)).build(), (m, a) -> {
                    })) {
                peer.start();
                second.send(CupMessage.builder().to(peer.localAddress()).type(7).body("again").needAck().build())
                    .get(10, TimeUnit.SECONDS);
                assertThat(acks.acked()).isOne();
                assertThat(connections.openConnections(Direction.OUTBOUND)).isOne();
                // The peer's ack came over the connection it opened to this node: both close.
                assertThat(connections.openConnections(Direction.INBOUND)).isOne();
                assertThat(connections.closePeer(peer.localAddress())).isEqualTo(2);
            }
        });
    }

    @Test
    void whenTheApplicationSuppliesTheThreadPoolsThenTheCenterRunsOnThemAndLeavesThemRunning() {
        SuppliedThreads supplied = new SuppliedThreads();
        try {
            this.runner.withBean(SuppliedThreads.class, () -> supplied)
                .withUserConfiguration(SuppliedThreadsConfiguration.class)
                .run((context) -> {
                    MessageCenter center = context.getBean(CupnetServer.class).getMessageCenter();
                    assertThat(center.eventLoops()).isSameAs(supplied.loops);
                    assertThat(center.options().ack().timer()).isSameAs(supplied.timer);
                });
            assertThat(supplied.loops.isShuttingDown()).isFalse();
            assertThat(supplied.timer.newTimeout((timeout) -> {
            }, 1, TimeUnit.MILLISECONDS)).isNotNull();
        }
        finally {
            supplied.loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            supplied.timer.stop();
        }
    }

    @Test
    void whenTheApplicationDefinesTheViewsThenCupnetBacksOffAndTheHealthReadsThem() {
        this.runner.withUserConfiguration(FixedViewsConfiguration.class)
            .withPropertyValues("management.endpoints.web.exposure.include=cupnet")
            .run((context) -> {
                assertThat(context.getBean(Connections.class)).isInstanceOf(FixedConnections.class);
                assertThat(context.getBean(AckTracking.class)).isInstanceOf(FixedAckTracking.class);

                Health health = context.getBean(CupnetHealthIndicator.class).health();

                assertThat(health.getDetails()).containsEntry("connections", Map.of("inbound", 3, "outbound", 3))
                    .containsEntry("pendingAcks", 4)
                    .containsEntry("sendQueueDepth", Map.of("urgent", 2, "normal", 2));
                assertThat(context.getBean(CupnetEndpoint.class).node().pendingAcks()).isEqualTo(4);
            });
    }

    /** An event-loop group and a timer the test owns, as an application that shares them would. */
    static final class SuppliedThreads {

        final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

        final HashedWheelTimer timer = new HashedWheelTimer();

    }

    @Configuration(proxyBeanMethods = false)
    static class SuppliedThreadsConfiguration {

        @Bean(name = CupnetAutoConfiguration.EVENT_LOOP_GROUP_BEAN_NAME, destroyMethod = "")
        EventLoopGroup applicationLoops(SuppliedThreads supplied) {
            return supplied.loops;
        }

        @Bean(name = CupnetAutoConfiguration.ACK_TIMER_BEAN_NAME, destroyMethod = "")
        Timer applicationTimer(SuppliedThreads supplied) {
            return supplied.timer;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class FixedViewsConfiguration {

        @Bean
        Connections applicationConnections() {
            return new FixedConnections();
        }

        @Bean
        AckTracking applicationAckTracking() {
            return new FixedAckTracking();
        }

    }

    /** Views that answer fixed figures, to show who reads them. */
    static final class FixedConnections implements Connections {

        @Override
        public List<PeerSnapshot> peers() {
            return List.of();
        }

        @Override
        public int peerCount() {
            return 1;
        }

        @Override
        public int openConnections() {
            return 6;
        }

        @Override
        public int openConnections(Direction direction) {
            return 3;
        }

        @Override
        public int sendQueueDepth(Lane lane) {
            return 2;
        }

        @Override
        public boolean isReadingPaused() {
            return false;
        }

        @Override
        public int closePeer(PeerAddress peer) {
            return 0;
        }

    }

    static final class FixedAckTracking implements AckTracking {

        @Override
        public int pending() {
            return 4;
        }

        @Override
        public int pending(PeerAddress peer) {
            return 4;
        }

        @Override
        public Map<PeerAddress, Integer> pendingByPeer() {
            return Map.of();
        }

        @Override
        public long acked() {
            return 0;
        }

        @Override
        public long timedOut() {
            return 0;
        }

        @Override
        public long unreachable() {
            return 0;
        }

        @Override
        public long refused() {
            return 0;
        }

        @Override
        public long retries() {
            return 0;
        }

    }

}
