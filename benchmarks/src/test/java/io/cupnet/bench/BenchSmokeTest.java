package io.cupnet.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.cupnet.TransportType;
import io.cupnet.amqp.support.PrivateBroker;
import io.cupnet.bench.report.ScenarioResult;
import io.cupnet.bench.soak.HostileReport;
import io.cupnet.bench.soak.SoakReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Runs every scenario for a handful of messages so that the harness never rots; asserts the shape
 * of the output, never a timing.
 */
class BenchSmokeTest {

    @TempDir
    Path temp;

    @Test
    void onewayReportsBothContendersAndAResultLine() throws Exception {
        String output = run("oneway", 128);
        assertThat(output).contains("baseline:", "cupnet:", "round 1");
        assertThat(output).containsPattern("median +cupnet .* msg/s .* cpu +\\d+\\.\\d\\d us/msg");
        assertThat(output).containsPattern(
                "RESULT scenario=oneway size=128 unit=msg/s cupnet=\\d+ baseline=\\d+ ratio=\\d+\\.\\d\\d");
        assertThat(output).doesNotContain("baseline_kind");
    }

    @Test
    void onewayAgainstTunedGrpcNamesItsSettingsAndBaselineKind() throws Exception {
        Path json = this.temp.resolve("oneway-grpc.json");
        String output = run(BenchOptions.parse("--scenario", "oneway", "--baseline", "grpc", "--messages", "300",
                "--rounds", "1", "--warmup", "0", "--json", json.toString()));
        assertThat(output).contains("gRPC: the same 64-byte body", "gRPC-java", "directExecutor()",
                "client-streaming call");
        assertThat(output).containsPattern("RESULT scenario=oneway size=128 unit=msg/s cupnet=\\d+ baseline=\\d+ "
                + "ratio=\\d+\\.\\d\\d baseline_kind=grpc\\R");
        assertThat(Files.readString(json)).startsWith("{\"scenario\": \"oneway\"")
            .contains("\"baseline_kind\": \"grpc\"");
    }

    @Test
    void rttAgainstTunedGrpcReportsPercentilesAndBaselineKind() throws Exception {
        String output = run(BenchOptions.parse("--scenario", "rtt", "--baseline", "grpc", "--messages", "300",
                "--rounds", "1", "--warmup", "0"));
        assertThat(output).contains("async stub", "unary");
        assertThat(output).containsPattern("RESULT scenario=rtt size=128 unit=us p50=[\\d.]+ p99=[\\d.]+ "
                + "p999=[\\d.]+ baseline_p50=[\\d.]+ baseline_p99=[\\d.]+ ratio_p99=[\\d.]+ baseline_kind=grpc\\R");
    }

    @Test
    void grpcDefaultsRunOutOfTheBox() throws Exception {
        String oneway = run(BenchOptions.parse("--scenario", "oneway", "--baseline", "grpc", "--grpc-defaults",
                "--messages", "300", "--rounds", "1", "--warmup", "0"));
        String rtt = run(BenchOptions.parse("--scenario", "rtt", "--baseline", "grpc", "--grpc-defaults",
                "--messages", "100", "--rounds", "1", "--warmup", "0"));
        assertThat(oneway).contains("defaults: callbacks on gRPC's default executor")
            .containsPattern("RESULT scenario=oneway .* baseline_kind=grpc-defaults\\R");
        assertThat(rtt).contains("blocking stub")
            .containsPattern("RESULT scenario=rtt .* baseline_kind=grpc-defaults\\R");
    }

    @Test
    void grpcBaselineIsRefusedOutsideOnewayAndRtt() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BenchOptions.parse("--scenario", "needack", "--baseline", "grpc"))
            .withMessageContaining("--baseline is grpc")
            .withMessageContaining("[oneway, rtt]");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BenchOptions.parse("--scenario", "oneway", "--grpc-defaults"))
            .withMessageContaining("--grpc-defaults needs --baseline grpc");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BenchOptions.parse("--scenario", "oneway", "--baseline", "thrift"))
            .withMessageContaining("netty or grpc");
    }

    @Test
    void onewayWithLargeFramesCompletes() throws Exception {
        assertThat(run("oneway", 65536)).contains("RESULT scenario=oneway size=65536 unit=msg/s");
    }

    @Test
    void needAckCountsAcknowledgedMessages() throws Exception {
        assertThat(run("needack", 128)).containsPattern("RESULT scenario=needack size=128 unit=msg/s cupnet=\\d+");
    }

    @Test
    void rttReportsPercentiles() throws Exception {
        assertThat(run("rtt", 128)).containsPattern("RESULT scenario=rtt size=128 unit=us p50=[\\d.]+ p99=[\\d.]+ "
                + "p999=[\\d.]+ baseline_p50=[\\d.]+ baseline_p99=[\\d.]+ ratio_p99=[\\d.]+");
    }

    @Test
    void listenerGoesThroughASpringContextsMessageListener() throws Exception {
        assertThat(run("listener", 128)).contains("Spring context", "@MessageListener",
                "RESULT scenario=listener size=128 unit=msg/s");
    }

    @Test
    void connectionsReportsRateAndMemoryAndWritesJson() throws Exception {
        Path json = this.temp.resolve("connections.json");
        BenchOptions bench = new BenchOptions("connections", 128, 0, 1, 20, TransportType.AUTO, 100, 1, 0, 1, 200,
                json);
        String output = run(bench);
        assertThat(output).contains("RESULT scenario=connections size=128 unit=conn/s connections=20");
        assertThat(Files.readString(json)).startsWith("{\"scenario\": \"connections\"")
            .contains("\"cupnet_bytes_per_conn\"", "\"baseline_kind\": \"netty\"");
    }

    @Test
    void peersConnectOutToListenersInAChildJvmAndReportMemoryPerPeer() throws Exception {
        BenchOptions bench = new BenchOptions("peers", 128, 0, 1, 20, TransportType.AUTO, 100, 1, 0, 1, 200, null);
        assertThat(run(bench)).contains("peers listen in a child JVM",
                "RESULT scenario=peers size=128 unit=conn/s connections=20", "cupnet_bytes_per_conn=");
    }

    @Test
    void soakRestartsReceiversAndKeepsEveryPromise() throws Exception {
        BenchOptions bench = BenchOptions.parse("--scenario", "soak", "--seconds", "0.8", "--connections", "20",
                "--receivers", "2", "--restart-every", "0.3", "--rate", "2000", "--window", "40");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SoakReport report;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            report = BenchMain.runSoak(bench, out);
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("messages sent", "duplicates handled after ack",
                "heap after GC", "direct memory", "leak detector", "VERDICT ok")
            .containsPattern("RESULT scenario=soak connections=20 seconds=0.80 sent=\\d+ acked=\\d+ .*"
                    + "dup_after_ack=0 dup_in_lifetime=0 ");
        assertThat(report.passed()).isTrue();
        assertThat(report.restarts()).isGreaterThanOrEqualTo(1);
        assertThat(report.acked()).isPositive();
    }

    @Test
    void hostileRunKeepsNormalTrafficWholeWhileSpoofedClaimsAreDroppedAndWritesJson() throws Exception {
        Path json = this.temp.resolve("hostile.json");
        BenchOptions bench = BenchOptions.parse("--scenario", "hostile", "--seconds", "1.5", "--rate", "1000",
                "--window", "100", "--json", json.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HostileReport report;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            report = BenchMain.runHostile(bench, out);
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("spoofed connections", "stalled target",
                "heap after GC", "VERDICT ok")
            .containsPattern("RESULT scenario=hostile unit=msg seconds=1.50 normal_sent=\\d+ normal_acked=\\d+ lost=0 "
                    + ".*spoofed_connections_dropped=\\d+ .*acks_dropped=\\d+ .*heap_start_mb=[\\d.]+ "
                    + "heap_end_mb=[\\d.]+");
        assertThat(report.passed()).isTrue();
        assertThat(report.normalAcked()).isPositive();
        assertThat(report.spoofedDropped()).isPositive().isEqualTo(report.spoofedConnections());
        assertThat(report.attackHandled()).isPositive();
        assertThat(Files.readString(json)).startsWith("{\"scenario\": \"hostile\", \"unit\": \"msg\"");
    }

    @Test
    void handoffProbeReportsTheMachinesWakeUpLatencyAndWritesJson() throws Exception {
        Path json = this.temp.resolve("handoff.json");
        BenchOptions bench = BenchOptions.parse("--scenario", "handoff", "--messages", "200", "--rounds", "3",
                "--warmup", "1", "--json", json.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            BenchMain.runHandoff(bench, out);
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("warm-up 1", "round 3", "(200 hand-offs)")
            .containsPattern("RESULT scenario=handoff unit=us p50=[\\d.]+ p99=[\\d.]+ p999=[\\d.]+ p9999=[\\d.]+ "
                    + "max=[\\d.]+");
        assertThat(Files.readString(json)).startsWith("{\"scenario\": \"handoff\", \"unit\": \"us\", \"p50\": ");
    }

    @Test
    void handoffIsNotAContestOfTwoContenders() {
        BenchOptions bench = BenchOptions.parse("--scenario", "handoff", "--messages", "10");
        assertThatIllegalArgumentException().isThrownBy(() -> BenchMain.run(bench, System.out))
            .withMessageContaining("runHandoff");
    }

    @Test
    void needAckRunsWithHandlersOnTheIoThread() throws Exception {
        BenchOptions bench = BenchOptions.parse("--scenario", "needack", "--messages", "300", "--rounds", "1",
                "--warmup", "0", "--window", "50", "--dispatch", "io-thread");
        assertThat(run(bench)).contains("handlers on the I/O thread", "RESULT scenario=needack size=128 unit=msg/s");
    }

    @Test
    void amqpOnewayStartsAPrivateBrokerAndComparesCupnetWithSpringAmqp() throws Exception {
        Path json = this.temp.resolve("amqp-oneway.json");
        String output = run(BenchOptions.parse("--scenario", "amqp-oneway", "--messages", "200", "--rounds", "1",
                "--warmup", "0", "--window", "50", "--json", json.toString()));
        assertThat(output).contains("message body 128 B", "broker:   RabbitMQ 3.", "private node started for this run",
                "Spring AMQP alone", "AmqpMessageSender", "non-persistent, SENT on the confirm");
        assertThat(output).containsPattern("RESULT scenario=amqp-oneway size=128 unit=msg/s cupnet=[\\d.]+ "
                + "baseline=[\\d.]+ ratio=\\d+\\.\\d\\d baseline_kind=spring-amqp\\R");
        assertThat(Files.readString(json)).startsWith("{\"scenario\": \"amqp-oneway\"")
            .contains("\"baseline_kind\": \"spring-amqp\"", "\"transport\": \"amqp\"");
    }

    @Test
    void amqpNeedAckRunsOnAnExistingBrokerAndLeavesNoQueueBehind() throws Exception {
        try (PrivateBroker broker = PrivateBroker.start()) {
            String output = run(BenchOptions.parse("--scenario", "amqp-needack", "--size", "4096", "--messages", "200",
                    "--rounds", "1", "--warmup", "0", "--window", "50", "--amqp-address",
                    "127.0.0.1:" + broker.amqpPort()));

            assertThat(output).contains("existing broker (--amqp-address)", "persistent, ACKED on the ack",
                    "an ack message to the reply queue first");
            assertThat(output).containsPattern("RESULT scenario=amqp-needack size=4096 unit=msg/s cupnet=[\\d.]+ "
                    + "baseline=[\\d.]+ ratio=\\d+\\.\\d\\d baseline_kind=spring-amqp\\R");
            await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(broker.ctl("list_queues", "name")).doesNotContain("bench"));
        }
    }

    @Test
    void brokerOptionsAreRefusedWhereTheyDoNotApply() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BenchOptions.parse("--scenario", "oneway", "--amqp-address", "localhost:5672"))
            .withMessageContaining("--amqp-address is localhost:5672");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BenchOptions.parse("--scenario", "amqp-oneway", "--amqp-address", "localhost"))
            .withMessageContaining("HOST:PORT");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BenchOptions.parse("--scenario", "amqp-needack", "--baseline", "netty"))
            .withMessageContaining("spring-amqp (or left out) for the amqp-needack scenario");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BenchOptions.parse("--scenario", "needack", "--baseline", "spring-amqp"))
            .withMessageContaining("spring-amqp runs with [amqp-oneway, amqp-needack]");
    }

    @Test
    void unknownDispatchModeIsRefusedNamingTheChoices() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BenchOptions.parse("--scenario", "oneway", "--dispatch", "inline"))
            .withMessageContaining("--dispatch is 'inline'")
            .withMessageContaining("handler-threads or io-thread");
    }

    @Test
    void commandLineIsParsed() {
        BenchOptions bench = BenchOptions.parse("--scenario", "needack", "--size", "1024", "--messages", "10",
                "--transport", "nio", "--window", "7", "--json", "out.json");
        assertThat(bench.size()).isEqualTo(1024);
        assertThat(bench.budget().messages()).isEqualTo(10);
        assertThat(bench.transport()).isEqualTo(TransportType.NIO);
        assertThat(bench.window()).isEqualTo(7);
        assertThat(bench.json()).isEqualTo(Path.of("out.json"));
    }

    private String run(String scenario, int size) throws Exception {
        return run(new BenchOptions(scenario, size, 300, 0, 1, TransportType.AUTO, 50, 1, 0, 1, 200, null));
    }

    private static String run(BenchOptions bench) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ScenarioResult result = BenchMain.run(bench, out);
            assertThat(result.baseline()).hasSize(1);
            assertThat(result.cupnet()).hasSize(1);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

}
