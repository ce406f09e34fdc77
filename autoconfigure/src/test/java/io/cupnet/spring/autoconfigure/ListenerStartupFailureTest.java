package io.cupnet.spring.autoconfigure;

import java.net.InetSocketAddress;
import java.util.List;

import io.cupnet.PeerAddress;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.listener.ListenerConfigurationException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code @MessageListener} is checked when the context starts, and a listener that
 * cannot work fails the start-up with Boot's failure report naming the method and the fix.
 */
class ListenerStartupFailureTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CupnetAutoConfiguration.class))
        .withPropertyValues("cupnet.server.port=0");

    @Test
    void whenAParameterIsAnInetSocketAddressThenTheReportSuggestsPeerAddress() {
        this.runner.withUserConfiguration(SocketAddressListener.class).run((context) -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("Parameter 1 (InetSocketAddress sender)")
                .contains("SocketAddressListener.bad(String, InetSocketAddress)");
            assertThat(analysis.getAction()).contains("io.cupnet.PeerAddress").contains("Supported:");
        });
    }

    @Test
    void whenAListenerHasTwoBodiesThenTheReportNamesBoth() {
        this.runner.withUserConfiguration(TwoBodiesListener.class).run((context) -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("Parameter 1 (Integer count)")
                .contains("0 (String text) is already the body");
            assertThat(analysis.getAction()).contains("@Header");
        });
    }

    @Test
    void whenAHeaderIsUnknownThenTheReportListsTheCupnetHeaders() {
        this.runner.withUserConfiguration(UnknownHeaderListener.class).run((context) -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("header 'kafka_topic'");
            assertThat(analysis.getAction()).contains("cupnet_flags");
        });
    }

    @Test
    void whenTwoListenersClaimOneTypeThenTheReportNamesBothMethods() {
        this.runner.withUserConfiguration(ClashingListeners.class).run((context) -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("Message type 7 is claimed by two")
                .contains("ClashingListeners.first(String)")
                .contains("ClashingListeners.second(byte[])");
            assertThat(analysis.getAction()).contains("Remove type 7 from one of them");
        });
    }

    @Test
    void whenABatchListenerReturnsAValueThenTheReportSaysItCannotReply() {
        this.runner.withUserConfiguration(ReplyingBatchListener.class).run((context) -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("ReplyingBatchListener.batch(List)")
                .contains("returns String");
            assertThat(analysis.getAction()).contains("return void");
        });
    }

    @Test
    void whenABatchListenerTakesNoListThenTheReportAsksForOne() {
        this.runner.withUserConfiguration(BatchWithoutList.class).run((context) -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("batch listener without a List parameter");
            assertThat(analysis.getAction()).contains("List<CupMessage>");
        });
    }

    @Test
    void whenABatchListenerTakesThePeerAddressThenTheReportPointsToItsMessages() {
        this.runner.withUserConfiguration(BatchWithSender.class).run((context) -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("differs per message of a batch");
            assertThat(analysis.getAction()).contains("List<CupMessage>");
        });
    }

    @Test
    void whenAConcurrencyLimitRunsOnTheIoThreadThenTheReportNamesTheProperty() {
        this.runner.withPropertyValues("cupnet.listener.dispatch=io-thread")
            .withUserConfiguration(LimitedListener.class)
            .run((context) -> {
                FailureAnalysis analysis = analysis(context);
                assertThat(analysis.getDescription()).contains("cupnet.listener.dispatch is io-thread")
                    .contains("LimitedListener.limited(String)");
                assertThat(analysis.getAction()).contains("cupnet.listener.dispatch=handler-threads");
            });
    }

    @Test
    void whenAPlaceholderIsNotANumberThenTheReportShowsWhatItResolvedTo() {
        this.runner.withPropertyValues("orders.concurrency=many")
            .withUserConfiguration(PlaceholderListener.class)
            .run((context) -> {
                FailureAnalysis analysis = analysis(context);
                assertThat(analysis.getDescription()).contains("concurrency '${orders.concurrency}'")
                    .contains("resolved to 'many'");
                assertThat(analysis.getAction()).contains("a whole number");
            });
    }

    private static FailureAnalysis analysis(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable cause = context.getStartupFailure();
        while (cause != null && !(cause instanceof ListenerConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(ListenerConfigurationException.class);
        FailureAnalysis analysis = new ListenerConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).isNotNull();
        return analysis;
    }

    @Configuration(proxyBeanMethods = false)
    static class SocketAddressListener {

        @MessageListener(types = 7)
        void bad(String order, InetSocketAddress sender) {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class TwoBodiesListener {

        @MessageListener(types = 7)
        void bad(String text, Integer count) {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UnknownHeaderListener {

        @MessageListener(types = 7)
        void bad(String text, @Header("kafka_topic") String topic) {
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
    static class ReplyingBatchListener {

        @MessageListener(types = 7, batch = true)
        String batch(List<String> bodies) {
            return "done";
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class BatchWithoutList {

        @MessageListener(types = 7, batch = true)
        void batch(String body) {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class BatchWithSender {

        @MessageListener(types = 7, batch = true)
        void batch(List<String> bodies, PeerAddress sender) {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class LimitedListener {

        @MessageListener(types = 7, concurrency = "2")
        void limited(String body) {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class PlaceholderListener {

        @MessageListener(types = 7, concurrency = "${orders.concurrency}")
        void limited(String body) {
        }

    }

}
