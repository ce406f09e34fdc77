package io.cupnet.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard in {@code grafana/cupnet.json} is importable against any Prometheus
 * data source and charts every cupnet metric family, of both transports.
 */
class GrafanaDashboardTest {

    private static final List<String> FAMILIES = List.of("cupnet_messages_sent_total",
            "cupnet_messages_received_total", "cupnet_bytes_sent_total", "cupnet_bytes_received_total",
            "cupnet_frames_rejected_total", "cupnet_connections_open", "cupnet_connections_opened_total",
            "cupnet_connections_closed_total", "cupnet_connect_failures_total", "cupnet_reconnects_total",
            "cupnet_send_queue_depth", "cupnet_receive_queue_depth", "cupnet_reads_paused",
            "cupnet_reads_pauses_total", "cupnet_ack_pending", "cupnet_ack_latency_seconds_bucket",
            "cupnet_ack_retries_total", "cupnet_ack_timeouts_total", "cupnet_ack_unmatched_total",
            "cupnet_dedup_hits_total", "cupnet_tls_handshake_failures_total", "cupnet_connections_dropped_total",
            "cupnet_ack_refused_total", "cupnet_ack_rejected_total", "cupnet_listener_invocations_seconds_count", "cupnet_executor_active_threads",
            "netty_eventexecutor_tasks_pending", "cupnet_amqp_confirms_total", "cupnet_amqp_returns_total",
            "cupnet_amqp_redeliveries_total", "cupnet_amqp_dead_lettered_total", "cupnet_amqp_connection_open",
            "cupnet_messages_handled_seconds_count");

    private final JsonNode dashboard = JsonMapper.builder()
        .build()
        .readTree(Files.readString(Path.of("grafana/cupnet.json")));

    GrafanaDashboardTest() throws Exception {
    }

    @Test
    void theDataSourceIsAVariableOfTypePrometheus() {
        assertThat(this.dashboard.get("templating").get("list")).anySatisfy((variable) -> {
            assertThat(variable.get("name").asString()).isEqualTo("datasource");
            assertThat(variable.get("type").asString()).isEqualTo("datasource");
            assertThat(variable.get("query").asString()).isEqualTo("prometheus");
        });
        assertThat(targets()).isNotEmpty()
            .allSatisfy((target) -> assertThat(target.get("datasource").get("uid").asString())
                .isEqualTo("${datasource}"));
    }

    @Test
    void everyMetricFamilyIsCharted() {
        String expressions = String.join("\n",
                targets().stream().map((target) -> target.get("expr").asString()).toList());

        assertThat(FAMILIES).allSatisfy((family) -> assertThat(expressions).contains(family));
        assertThat(expressions).contains("histogram_quantile(0.5, ", "histogram_quantile(0.99, ");
    }

    @Test
    void theTransportIsAVariableAndTheMessagePanelsChartEachTransport() {
        assertThat(this.dashboard.get("templating").get("list")).anySatisfy((variable) -> {
            assertThat(variable.get("name").asString()).isEqualTo("transport");
            assertThat(variable.get("definition").asString()).contains("transport");
        });
        List<String> messageExpressions = targets().stream()
            .map((target) -> target.get("expr").asString())
            .filter((expr) -> expr.contains("cupnet_messages_sent_total")
                    || expr.contains("cupnet_messages_received_total"))
            .toList();
        assertThat(messageExpressions).isNotEmpty()
            .allSatisfy((expr) -> assertThat(expr).contains("transport=~\"$transport\"").contains("by (transport"));
    }

    private List<JsonNode> targets() {
        List<JsonNode> targets = new ArrayList<>();
        for (JsonNode panel : this.dashboard.get("panels")) {
            if (panel.has("targets")) {
                panel.get("targets").forEach(targets::add);
            }
        }
        return targets;
    }

}
