package io.cupnet.spring.autoconfigure;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cupnet.CupMessage;
import io.cupnet.MessageCenter;
import io.cupnet.metrics.CupnetMetrics;
import io.cupnet.options.CupnetOptions;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.core.CupnetServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class CupnetObservabilityAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CupnetAutoConfiguration.class,
                CupnetObservabilityAutoConfiguration.class))
        .withPropertyValues("cupnet.server.host=127.0.0.1", "cupnet.server.port=0", "cupnet.shutdown-timeout=5s");

    private final ApplicationContextRunner withMetrics = this.runner.withConfiguration(AutoConfigurations.of(
            MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class));

    @Test
    void whenThereIsNoMeterRegistryThenTheMetricsBackOff() {
        this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CupnetMetrics.class));
    }

    @Test
    void whenMicrometerIsNotOnTheClasspathThenTheMetricsBackOff() {
        this.runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CupnetMetrics.class));
    }

    @Test
    void whenAMeterRegistryIsDefinedThenCupnetMetricsIsDefined() {
        this.runner.withBean(SimpleMeterRegistry.class)
            .run((context) -> assertThat(context).hasSingleBean(CupnetMetrics.class));
    }

    @Test
    void whenSpringBootBindsTheMetersThenTheNodeAndItsExecutorsAreMeasured() {
        this.withMetrics.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("cupnet.ack.pending").gauge().value()).isZero();
            assertThat(registry.get("cupnet.connections.open").tags("direction", "inbound").gauge().value()).isZero();
            assertThat(registry.get("cupnet.executor.pool.size").tags("name", "handler").gauge().value()).isOne();
            assertThat(registry.find("netty.eventexecutor.tasks.pending").gauges()).isNotEmpty();
        });
    }

    @Test
    void whenAListenerRunsThenItsInvocationIsTimedUnderItsName() {
        this.withMetrics.withUserConfiguration(Listener.class).run((context) -> {
            try (MessageCenter peer = new MessageCenter(CupnetOptions.builder()
                    .server(s -> s.host("127.0.0.1").port(0)).build(),
                    (message, ack) -> {
                    })) {
                peer.start();
                MessageCenter node = context.getBean(CupnetServer.class).getMessageCenter();
                peer.send(CupMessage.builder().to(node.localAddress()).type(7).body("hi").needAck().build())
                    .get(10, TimeUnit.SECONDS);
            }
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            await().untilAsserted(() -> assertThat(registry.get("cupnet.listener.invocations")
                .tags("listener", "Listener.onSeven(String)", "result", "success")
                .timer()
                .count()).isOne());
            assertThat(registry.get("cupnet.messages.received").tags("type", "7", "result", "accepted")
                .functionCounter()
                .count()).isOne();
            assertThat(registry.find("cupnet.listener.invocations").tag("listener", "handler").timers()).isEmpty();
        });
    }

    @Test
    void whenPerPeerMetricsAreAskedThenTheGaugesCarryAPeerTag() {
        this.withMetrics.withPropertyValues("cupnet.metrics.per-peer=true", "cupnet.metrics.max-peers=5")
            .run((context) -> assertThat(context.getBean(MeterRegistry.class)
                .get("cupnet.connections.open")
                .tags("peer", "other", "direction", "outbound")
                .gauge()
                .value()).isZero());
    }

    @Test
    void whenMaxPeersIsZeroThenStartupFailsNamingTheProperty() {
        this.withMetrics.withPropertyValues("cupnet.metrics.max-peers=0").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(InvalidCupnetPropertyException.class)
                .hasMessageContaining("cupnet.metrics.max-peers");
        });
    }

    @Test
    void whenTheHealthIndicatorIsDisabledThenItIsNotDefined() {
        this.runner.withPropertyValues("management.health.cupnet.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CupnetHealthIndicator.class));
    }

    @Test
    void whenSpringBootHealthIsNotOnTheClasspathThenTheIndicatorBacksOff() {
        this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CupnetHealthIndicator.class));
    }

    @Test
    void whenTheNodeRunsThenItsHealthIsUpWithItsAddressesAndLoad() {
        this.runner.run((context) -> {
            Health health = context.getBean(CupnetHealthIndicator.class).health();
            MessageCenter center = context.getBean(CupnetServer.class).getMessageCenter();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("state", "RUNNING")
                .containsEntry("address", center.localAddress().toString())
                .containsEntry("boundAddress", "127.0.0.1:" + center.port())
                .containsEntry("connections", Map.of("inbound", 0, "outbound", 0))
                .containsEntry("pendingAcks", 0)
                .containsEntry("sendQueueDepth", Map.of("urgent", 0, "normal", 0))
                .containsEntry("receiveQueueDepth", 0)
                .containsEntry("readsPaused", false);
        });
    }

    @Test
    void whenTheEndpointIsExposedThenItListsTheNode() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=cupnet").run((context) -> {
            CupnetEndpoint endpoint = context.getBean(CupnetEndpoint.class);
            CupnetEndpoint.NodeDescriptor node = endpoint.node();
            assertThat(node.state()).isEqualTo("RUNNING");
            assertThat(node.address()).isEqualTo(context.getBean(CupnetServer.class)
                .getMessageCenter()
                .localAddress()
                .toString());
            assertThat(node.peers()).isEmpty();
            assertThat(endpoint.closePeer("127.0.0.1:1").closedConnections()).isZero();
            assertThatExceptionOfType(InvalidEndpointRequestException.class)
                .isThrownBy(() -> endpoint.closePeer("nowhere"))
                .withMessageContaining("nowhere");
        });
    }

    @Test
    void whenTheEndpointIsNotExposedThenItBacksOff() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(CupnetEndpoint.class));
    }

    @Test
    void whenTheActuatorIsNotOnTheClasspathThenTheEndpointBacksOff() {
        this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
            .withPropertyValues("management.endpoints.web.exposure.include=cupnet")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CupnetEndpoint.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class Listener {

        @MessageListener(types = 7)
        void onSeven(String body) {
        }

    }

}
