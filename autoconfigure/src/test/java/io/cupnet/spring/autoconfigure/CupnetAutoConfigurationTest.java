package io.cupnet.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.cupnet.AckMode;
import io.cupnet.DispatchMode;
import io.cupnet.MessageCenter;
import io.cupnet.OverflowPolicy;
import io.cupnet.TransportType;
import io.cupnet.options.Backoff;
import io.cupnet.options.CupnetOptions;
import io.cupnet.options.SocketOptions;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.core.CupnetServer;
import io.cupnet.spring.core.CupnetTemplate;
import io.cupnet.spring.core.JacksonPayloadConverter;
import io.cupnet.spring.core.PayloadConverter;
import io.cupnet.spring.core.SimplePayloadConverter;
import io.cupnet.spring.listener.CupnetErrorHandler;
import io.cupnet.spring.listener.ErrorAction;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLoggingListener;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CupnetAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CupnetAutoConfiguration.class))
        .withPropertyValues("cupnet.server.port=0");

    @Test
    void whenNothingIsSetThenOptionsEqualCoreDefaults() {
        this.runner.run((context) -> {
            CupnetOptions options = context.getBean(CupnetOptions.class);
            CupnetOptions defaults = CupnetOptions.defaults();
            assertThat(options).usingRecursiveComparison()
                .ignoringFields("server.port", "listener.executor")
                .isEqualTo(defaults);
            assertThat(new CupnetProperties().getServer().getPort()).isEqualTo(defaults.server().port());
        });
    }

    @Test
    void whenEveryPropertyGroupIsSetThenOptionsCarryTheValues() {
        this.runner.withPropertyValues("cupnet.server.host=127.0.0.1", "cupnet.server.advertised-host=127.0.0.2",
                "cupnet.transport.type=NIO", "cupnet.transport.io-threads=2", "cupnet.transport.max-frame-size=1MB",
                "cupnet.socket.keep-alive=false", "cupnet.socket.keep-alive-idle=7s",
                "cupnet.socket.keep-alive-interval=8s", "cupnet.socket.keep-alive-count=9",
                "cupnet.socket.linger=2s", "cupnet.socket.quick-ack=false", "cupnet.socket.no-delay=false",
                "cupnet.socket.reuse-address=false", "cupnet.socket.backlog=64", "cupnet.send.queue-capacity=50",
                "cupnet.send.overflow-policy=WAIT", "cupnet.send.overflow-wait=250ms",
                "cupnet.send.delivery-timeout=5s", "cupnet.receive.high-watermark=100",
                "cupnet.receive.low-watermark=10", "cupnet.ack.retry-interval=200ms", "cupnet.ack.timeout=4s",
                "cupnet.ack.mode=MANUAL", "cupnet.ack.dedup-window=77", "cupnet.connect.timeout=1500ms",
                "cupnet.connect.backoff.initial=50ms", "cupnet.connect.backoff.max=2s",
                "cupnet.connect.backoff.multiplier=1.5", "cupnet.connect.backoff.jitter=0.1",
                "cupnet.listener.concurrency=3", "cupnet.listener.dispatch=io-thread", "cupnet.shutdown-timeout=5s", "cupnet.server.max-connections=12",
                "cupnet.server.allowed-peers=10.0.0.0/8,fd00::/8", "cupnet.connection.idle-timeout=5m",
                "cupnet.connection.first-frame-timeout=3s", "cupnet.ack.max-pending=900",
                "cupnet.ack.max-pending-per-peer=90")
            .run((context) -> {
                CupnetOptions options = context.getBean(CupnetOptions.class);
                assertThat(options.server().advertisedHost()).isEqualTo("127.0.0.2");
                assertThat(options.transport().type()).isEqualTo(TransportType.NIO);
                assertThat(options.transport().ioThreads()).isEqualTo(2);
                assertThat(options.transport().maxFrameSize()).isEqualTo(1024 * 1024);
                assertThat(options.socket()).isEqualTo(new SocketOptions(false, false, 64, false,
                        Duration.ofSeconds(7), Duration.ofSeconds(8), 9, Duration.ofSeconds(2), false));
                assertThat(options.send().queueCapacity()).isEqualTo(50);
                assertThat(options.send().overflowPolicy()).isEqualTo(OverflowPolicy.WAIT);
                assertThat(options.send().overflowWait()).isEqualTo(Duration.ofMillis(250));
                assertThat(options.send().deliveryTimeout()).isEqualTo(Duration.ofSeconds(5));
                assertThat(options.receive().highWatermark()).isEqualTo(100);
                assertThat(options.receive().lowWatermark()).isEqualTo(10);
                assertThat(options.ack().retryInterval()).isEqualTo(Duration.ofMillis(200));
                assertThat(options.ack().timeout()).isEqualTo(Duration.ofSeconds(4));
                assertThat(options.ack().mode()).isEqualTo(AckMode.MANUAL);
                assertThat(options.ack().dedupWindow()).isEqualTo(77);
                assertThat(options.connect().timeout()).isEqualTo(Duration.ofMillis(1500));
                assertThat(options.connect().backoff()).isEqualTo(new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2),
                        1.5, 0.1));
                assertThat(options.listener().concurrency()).isEqualTo(3);
                assertThat(options.listener().dispatch()).isEqualTo(DispatchMode.IO_THREAD);
                assertThat(options.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
                assertThat(options.server().maxConnections()).isEqualTo(12);
                assertThat(options.server().allowedPeers()).containsExactly("10.0.0.0/8", "fd00::/8");
                assertThat(options.connection().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
                assertThat(options.connection().firstFrameTimeout()).isEqualTo(Duration.ofSeconds(3));
                assertThat(options.ack().maxPending()).isEqualTo(900);
                assertThat(options.ack().maxPendingPerPeer()).isEqualTo(90);
            });
    }

    @Test
    void whenReceiveWatermarksInBytesAreSetThenOptionsCarryThemInBytesBeyondTheIntRange() {
        this.runner.withPropertyValues("cupnet.receive.high-watermark-bytes=8GB",
                "cupnet.receive.low-watermark-bytes=512MB").run((context) -> {
                    CupnetOptions options = context.getBean(CupnetOptions.class);
                    assertThat(options.receive().highWatermarkBytes()).isEqualTo(8L * 1024 * 1024 * 1024);
                    assertThat(options.receive().lowWatermarkBytes()).isEqualTo(512L * 1024 * 1024);
                });
    }

    @Test
    void whenReceiveWatermarksInBytesAreNotSetThenTheyAreCoresDefaults() {
        this.runner.run((context) -> {
            CupnetOptions options = context.getBean(CupnetOptions.class);
            assertThat(options.receive().highWatermarkBytes())
                .isEqualTo(CupnetOptions.defaults().receive().highWatermarkBytes());
            assertThat(options.receive().lowWatermarkBytes())
                .isEqualTo(CupnetOptions.defaults().receive().lowWatermarkBytes());
        });
    }

    @Test
    void whenTheLowWatermarkInBytesIsNotBelowTheHighOneThenStartupFailsNamingBothProperties() {
        assertStartupFails("cupnet.receive.low-watermark-bytes=64MB", "cupnet.receive.low-watermark-bytes",
                "below cupnet.receive.high-watermark-bytes (67108864)");
    }

    @Test
    void whenHeartbeatPropertiesAreSetThenOptionsCarryThem() {
        this.runner.withPropertyValues("cupnet.heartbeat.interval=2s", "cupnet.heartbeat.misses=5").run((context) -> {
            CupnetOptions options = context.getBean(CupnetOptions.class);
            assertThat(options.heartbeat().interval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(options.heartbeat().misses()).isEqualTo(5);
        });
    }

    @Test
    void whenHeartbeatMissesIsZeroThenStartupFailsNamingTheProperty() {
        assertStartupFails("cupnet.heartbeat.misses=0", "cupnet.heartbeat.misses", "at least 1");
    }

    @Test
    void whenPortIsZeroThenServerStartsOnAFreePort() {
        this.runner.run((context) -> {
            MessageCenter center = context.getBean(CupnetServer.class).getMessageCenter();
            assertThat(center.state()).isEqualTo(MessageCenter.State.RUNNING);
            assertThat(center.port()).isPositive();
            assertThat(context.getBean(CupnetTemplate.class).localAddress().port()).isEqualTo(center.port());
        });
    }

    @Test
    void whenACustomizerIsDefinedThenItChangesTheOptions() {
        this.runner.withBean(CupnetOptionsCustomizer.class, () -> (builder) -> builder.send(s -> s.queueCapacity(7)))
            .run((context) -> assertThat(context.getBean(CupnetOptions.class).send().queueCapacity()).isEqualTo(7));
    }

    @Test
    void whenTheUserDefinesBeansThenAutoConfigurationBacksOff() {
        this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
            assertThat(context.getBean(CupnetOptions.class)).isSameAs(context.getBean("userOptions"));
            assertThat(context.getBean(PayloadConverter.class)).isSameAs(context.getBean("userConverter"));
            assertThat(context.getBean(CupnetErrorHandler.class)).isSameAs(context.getBean("userErrorHandler"));
            assertThat(context.getBean(CupnetServer.class).getMessageCenter().options().send().queueCapacity())
                .isEqualTo(3);
        });
    }

    @Test
    void whenJacksonIsPresentThenBodiesAreConvertedWithTheContextsJsonMapper() {
        this.runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
            .withInitializer(ConditionEvaluationReportLoggingListener.forLogLevel(LogLevel.INFO))
            .run((context) -> {
                assertThat(context.getBean(PayloadConverter.class)).isInstanceOf(JacksonPayloadConverter.class);
                assertThat(context.getBean(PayloadConverter.class).toBody(Map.of("a", 1))).asString()
                    .isEqualTo("{\"a\":1}");
            });
    }

    @Test
    void whenServerIsDisabledThenNoCupnetBeansExist() {
        this.runner.withPropertyValues("cupnet.server.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(CupnetServer.class)
                .doesNotHaveBean(CupnetTemplate.class));
    }

    @Test
    void whenPortIsOutOfRangeThenStartupFailsNamingTheProperty() {
        assertStartupFails("cupnet.server.port=70000", "cupnet.server.port", "between 0 and 65535");
    }

    @Test
    void whenWatermarksAreInvertedThenStartupFailsNamingTheProperty() {
        assertStartupFails("cupnet.receive.low-watermark=20000", "cupnet.receive.low-watermark",
                "below cupnet.receive.high-watermark");
    }

    @Test
    void whenAdvertisedHostIsNotIpv4ThenStartupFailsNamingTheProperty() {
        assertStartupFails("cupnet.server.advertised-host=node-a.example", "cupnet.server.advertised-host",
                "IPv4");
    }

    @Test
    void whenAckTimeoutIsZeroThenStartupFailsNamingTheProperty() {
        assertStartupFails("cupnet.ack.timeout=0s", "cupnet.ack.timeout", "a positive duration");
    }

    @Test
    void whenAnAllowedPeerIsNotACidrRangeThenStartupFailsNamingTheProperty() {
        assertStartupFails("cupnet.server.allowed-peers=10.0.0.0/8,peers.example.com", "cupnet.server.allowed-peers",
                "CIDR ranges such as 10.0.0.0/8 or fd00::/8");
    }

    @Test
    void whenALimitIsZeroThenStartupFailsNamingTheProperty() {
        assertStartupFails("cupnet.server.max-connections=0", "cupnet.server.max-connections", "at least 1");
        assertStartupFails("cupnet.ack.max-pending-per-peer=0", "cupnet.ack.max-pending-per-peer", "at least 1");
    }

    @Test
    void whenIdleTimeoutIsNegativeThenStartupFailsNamingTheProperty() {
        assertStartupFails("cupnet.connection.idle-timeout=-1s", "cupnet.connection.idle-timeout",
                "a positive duration, or zero to disable it");
    }

    @Test
    void whenVirtualThreadsAreAskedOnJava17ThenStartupFailsOrUsesThem() {
        this.runner.withPropertyValues("cupnet.listener.virtual-threads=true").run((context) -> {
            if (Runtime.version().feature() < 21) {
                assertThat(context).hasFailed();
                assertThat(invalidProperty(context.getStartupFailure()))
                    .hasMessageContaining("cupnet.listener.virtual-threads");
            }
            else {
                assertThat(context).hasNotFailed();
            }
        });
    }

    @Test
    void whenTwoListenersClaimOneTypeThenStartupFailsNamingBothMethods() {
        this.runner.withUserConfiguration(ClashingListeners.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("Message type 7")
                .hasMessageContaining("ClashingListeners.first(String)")
                .hasMessageContaining("ClashingListeners.second(byte[])");
        });
    }

    @Test
    void whenListenersRunOnTheIoThreadThenPlainListenersStart() {
        this.runner.withPropertyValues("cupnet.listener.dispatch=io-thread")
            .withUserConfiguration(ClashFreeListener.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(MessageCenter.class).options().listener().dispatch())
                    .isEqualTo(DispatchMode.IO_THREAD);
            });
    }

    @Test
    void whenListenersRunOnTheIoThreadThenOneThatWaitsFailsStartupNamingIt() {
        this.runner.withPropertyValues("cupnet.listener.dispatch=io-thread")
            .withUserConfiguration(WaitingListeners.class)
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).hasMessageContaining("cupnet.listener.dispatch")
                    .hasMessageContaining("WaitingListeners.batch(List)")
                    .hasMessageContaining("WaitingListeners.later(String)");
            });
    }

    @Test
    void whenTheContextClosesThenNoCupnetThreadIsLeft() {
        this.runner.withUserConfiguration(ClashFreeListener.class).run((context) -> {
            assertThat(cupnetThreads()).isNotEmpty();
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(cupnetThreads()).isEmpty());
    }

    private void assertStartupFails(String property, String name, String requirement) {
        this.runner.withPropertyValues(property).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(invalidProperty(context.getStartupFailure())).isNotNull()
                .hasMessageContaining(name)
                .hasMessageContaining(requirement);
        });
    }

    private static Throwable invalidProperty(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof InvalidCupnetPropertyException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Set<String> cupnetThreads() {
        return Thread.getAllStackTraces()
            .keySet()
            .stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter((name) -> name.startsWith("cupnet-"))
            .collect(Collectors.toSet());
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        @Bean
        CupnetOptions userOptions() {
            return CupnetOptions.builder().server(s -> s.port(0)).send(s -> s.queueCapacity(3)).build();
        }

        @Bean
        PayloadConverter userConverter() {
            return new SimplePayloadConverter();
        }

        @Bean
        CupnetErrorHandler userErrorHandler() {
            return (message, error) -> ErrorAction.ACKNOWLEDGE;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ClashingListeners {

        @MessageListener(types = 7)
        void first(String body) {
        }

        @MessageListener(types = { 9, 7 })
        void second(byte[] body) {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class WaitingListeners {

        @MessageListener(types = 8, batch = true, batchSize = "5")
        void batch(List<String> bodies) {
        }

        @MessageListener(types = 9)
        CompletableFuture<Void> later(String body) {
            return CompletableFuture.completedFuture(null);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ClashFreeListener {

        @MessageListener(types = 7)
        void first(String body) {
        }

    }

}
