package io.cupnet.spring.autoconfigure;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.cupnet.CupMessage;
import io.cupnet.MessageCenter;
import io.cupnet.options.CupnetOptions;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.core.CupnetPortInUseException;
import io.cupnet.spring.core.CupnetServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cupnet server's lifecycle as a Boot user meets it: a taken port, stop and start of the
 * context, the drain callback, and beans that stay out of the application's way.
 */
class CupnetLifecycleTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CupnetAutoConfiguration.class))
        .withPropertyValues("cupnet.server.host=127.0.0.1", "cupnet.server.port=0", "cupnet.shutdown-timeout=5s");

    @Test
    void whenThePortIsTakenThenTheReportNamesItAndHowToChangeIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            this.runner.withPropertyValues("cupnet.server.port=" + taken.getLocalPort()).run((context) -> {
                assertThat(context).hasFailed();
                Throwable cause = context.getStartupFailure();
                while (cause != null && !(cause instanceof CupnetPortInUseException)) {
                    cause = cause.getCause();
                }
                assertThat(cause).isInstanceOf(CupnetPortInUseException.class);
                FailureAnalysis analysis = new CupnetPortInUseFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription())
                    .isEqualTo("The cupnet server could not start: port " + taken.getLocalPort()
                            + " on 127.0.0.1 is already in use.");
                assertThat(analysis.getAction()).contains("cupnet.server.port").contains("0 picks a free one");
            });
        }
    }

    @Test
    void whenTheContextIsStoppedAndStartedThenAFreshCenterRunsAndHandlesMessages() {
        this.runner.withUserConfiguration(Listener.class).run((context) -> {
            ConfigurableApplicationContext source = context.getSourceApplicationContext();
            CupnetServer server = context.getBean(CupnetServer.class);
            MessageCenter first = server.getMessageCenter();

            source.stop();
            assertThat(first.state()).isEqualTo(MessageCenter.State.TERMINATED);
            source.start();

            MessageCenter second = server.getMessageCenter();
            assertThat(second).isNotSameAs(first);
            assertThat(second.state()).isEqualTo(MessageCenter.State.RUNNING);
            try (MessageCenter peer = new MessageCenter(
                    CupnetOptions.builder().server((s) -> s.host("127.0.0.1").port(0)).build(), (m, a) -> {
                    })) {
                peer.start();
                peer.send(CupMessage.builder().to(second.localAddress()).type(7).body("again").needAck().build())
                    .get(10, TimeUnit.SECONDS);
            }
            assertThat(context.getBean(Listener.class).last.get()).isEqualTo("again");
        });
    }

    @Test
    void whenStoppedWithACallbackThenItRunsOnceTheDrainFinished() {
        this.runner.run((context) -> {
            CupnetServer server = context.getBean(CupnetServer.class);
            AtomicReference<MessageCenter.State> stateAtCallback = new AtomicReference<>();
            CountDownLatch called = new CountDownLatch(1);

            server.stop(() -> {
                stateAtCallback.set(server.getMessageCenter().state());
                called.countDown();
            });

            assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stateAtCallback.get()).isEqualTo(MessageCenter.State.TERMINATED);
            assertThat(server.isRunning()).isFalse();
        });
    }

    @Test
    void whenTheApplicationAutowiresAnExecutorThenItGetsItsOwnNotCupnets() {
        this.runner.withUserConfiguration(ExecutorUser.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ExecutorUser.class).executor).isSameAs(context.getBean("applicationExecutor"));
            assertThat(context).hasBean(CupnetAutoConfiguration.LISTENER_EXECUTOR_BEAN_NAME);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Listener {

        final AtomicReference<String> last = new AtomicReference<>();

        @MessageListener(types = 7)
        void take(String body) {
            this.last.set(body);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ExecutorUser {

        final Executor executor;

        ExecutorUser(Executor executor) {
            this.executor = executor;
        }

        @Bean
        static Executor applicationExecutor() {
            return Runnable::run;
        }

    }

}
