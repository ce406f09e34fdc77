package io.cupnet.sample;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.cupnet.DeliveryException;
import io.cupnet.sample.support.SampleNodes;
import io.cupnet.sample.support.Scrape;
import io.cupnet.spring.core.CupnetTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.core.type.TypeReference;

import static io.cupnet.sample.support.SampleApi.cupnetAddress;
import static io.cupnet.sample.support.SampleApi.get;
import static io.cupnet.sample.support.SampleApi.post;
import static io.cupnet.sample.support.SampleApi.readJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Two sample nodes exchange real messages, and what operators see of them is read over real
 * HTTP: every cupnet metric family on {@code /actuator/prometheus}, the {@code cupnet} health
 * and the {@code cupnet} endpoint.
 */
class ObservabilityTest {

    /** Every family the metrics promise, as Prometheus names them. */
    private static final List<String> FAMILIES = List.of("cupnet_messages_sent_total",
            "cupnet_messages_received_total", "cupnet_bytes_sent_total", "cupnet_bytes_received_total",
            "cupnet_frames_rejected_total", "cupnet_connections_open", "cupnet_connections_opened_total",
            "cupnet_connections_closed_total", "cupnet_connect_failures_total", "cupnet_reconnects_total",
            "cupnet_send_queue_depth", "cupnet_receive_queue_depth", "cupnet_reads_paused",
            "cupnet_receive_queue_bytes", "cupnet_reads_pauses_total", "cupnet_ack_pending", "cupnet_ack_latency_seconds_bucket",
            "cupnet_ack_latency_seconds_count", "cupnet_ack_latency_seconds_sum", "cupnet_ack_retries_total",
            "cupnet_ack_timeouts_total", "cupnet_ack_unmatched_total", "cupnet_dedup_hits_total",
            "cupnet_tls_handshake_failures_total", "cupnet_connections_dropped_total", "cupnet_ack_refused_total", "cupnet_ack_rejected_total",
            "cupnet_listener_invocations_seconds_count", "cupnet_executor_active_threads",
            "cupnet_executor_pool_size_threads", "cupnet_executor_completed_tasks_total",
            "netty_eventexecutor_tasks_pending", "netty_eventexecutor_workers");

    @RegisterExtension
    static final SampleNodes nodes = new SampleNodes("--cupnet.send.delivery-timeout=1s",
            "--cupnet.shutdown-timeout=5s");

    @Test
    void afterRealTrafficPrometheusShowsEveryCupnetFamilyAndTheCountsMoved() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(postMessage(nodes.a(), nodes.b(), 7, "need-ack " + i, true)).contains("\"status\":\"ACKED\"");
            assertThat(postMessage(nodes.a(), nodes.b(), 9, "plain " + i, false)).contains("\"status\":\"SENT\"");
        }
        sendGarbage(nodes.b());
        sendToNobody(nodes.a());

        await().untilAsserted(() -> {
            Scrape a = scrape(nodes.a());
            Scrape b = scrape(nodes.b());
            assertThat(a.families()).containsAll(FAMILIES);
            assertThat(b.families()).containsAll(FAMILIES);
            assertThat(a.sum("cupnet_messages_sent_total", "transport", "tcp", "type", "7", "result", "written"))
                .isGreaterThanOrEqualTo(3);
            assertThat(a.sum("cupnet_messages_sent_total", "type", "9", "result", "failed")).isGreaterThanOrEqualTo(1);
            assertThat(b.sum("cupnet_messages_received_total", "type", "9", "result", "accepted"))
                .isGreaterThanOrEqualTo(3);
            assertThat(a.sum("cupnet_messages_received_total", "type", "4", "result", "accepted"))
                .isGreaterThanOrEqualTo(3);
            assertThat(a.sum("cupnet_bytes_sent_total")).isPositive();
            assertThat(b.sum("cupnet_bytes_received_total")).isPositive();
            assertThat(b.sum("cupnet_frames_rejected_total", "reason", "bad_head")).isEqualTo(1);
            assertThat(a.sum("cupnet_connections_open", "direction", "outbound")).isGreaterThanOrEqualTo(1);
            assertThat(b.sum("cupnet_connections_opened_total")).isPositive();
            assertThat(a.sum("cupnet_connect_failures_total")).isPositive();
            assertThat(a.sum("cupnet_ack_latency_seconds_count")).isGreaterThanOrEqualTo(3);
            assertThat(a.sum("cupnet_ack_latency_seconds_bucket", "le", "+Inf")).isGreaterThanOrEqualTo(3);
            assertThat(b.sum("cupnet_listener_invocations_seconds_count", "listener",
                    "EchoListener.echo(CupMessage, String)", "result", "success")).isGreaterThanOrEqualTo(3);
            assertThat(a.sum("cupnet_executor_pool_size_threads", "name", "handler")).isPositive();
            assertThat(a.sum("netty_eventexecutor_workers")).isPositive();
        });
    }

    @Test
    void theCupnetEndpointListsThePeerAndAWriteClosesItsConnections() throws Exception {
        postMessage(nodes.a(), nodes.b(), 9, "before closing", false);
        String peerB = cupnetAddress(nodes.b());
        assertThat(peers(nodes.a())).anySatisfy((row) -> assertThat(row).containsEntry("peer", peerB)
            .containsEntry("direction", "OUTBOUND")
            .containsEntry("state", "CONNECTED")
            .containsKeys("queueDepth", "lastActivity", "remoteAddress"));

        HttpResponse<String> closed = post(nodes.a(), "/actuator/cupnet/" + peerB, HttpRequest.BodyPublishers.noBody());

        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(readJson(closed.body(), new TypeReference<Map<String, Object>>() {
        })).containsEntry("peer", peerB).hasEntrySatisfying("closedConnections",
                (count) -> assertThat((Integer) count).isPositive());
        await().untilAsserted(() -> assertThat(peers(nodes.a())).anySatisfy((row) -> assertThat(row)
            .containsEntry("peer", peerB)
            .containsEntry("direction", "OUTBOUND")
            .containsEntry("state", "DISCONNECTED")));
        postMessage(nodes.a(), nodes.b(), 9, "after closing", false);
        Scrape a = scrape(nodes.a());
        assertThat(a.sum("cupnet_reconnects_total")).isPositive();
        assertThat(a.sum("cupnet_connections_closed_total")).isPositive();
    }

    @Test
    void anInvalidPeerAddressIsABadRequest() throws Exception {
        HttpResponse<String> response = post(nodes.a(), "/actuator/cupnet/nowhere",
                HttpRequest.BodyPublishers.noBody());

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void theHealthOfTheNodeIsUpWithItsAddressesAndLoad() throws Exception {
        Map<String, Object> health = readJson(get(nodes.a(), "/actuator/health").body(),
                new TypeReference<Map<String, Object>>() {
                });

        @SuppressWarnings("unchecked")
        Map<String, Object> cupnet = (Map<String, Object>) ((Map<String, Object>) health.get("components"))
            .get("cupnet");
        assertThat(cupnet).containsEntry("status", "UP");
        assertThat(cupnet.get("details")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
            .containsEntry("state", "RUNNING")
            .containsEntry("address", cupnetAddress(nodes.a()))
            .containsEntry("boundAddress", cupnetAddress(nodes.a()))
            .containsKeys("connections", "pendingAcks", "sendQueueDepth", "receiveQueueDepth", "readsPaused");
    }

    private static String postMessage(ConfigurableApplicationContext from, ConfigurableApplicationContext to,
            int type, String body, boolean needAck) throws Exception {
        HttpResponse<String> response = post(from, "/api/messages", "{\"to\":\"" + cupnetAddress(to) + "\",\"type\":"
                + type + ",\"body\":\"" + body + "\",\"needAck\":" + needAck + ",\"urgent\":false}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** A malformed frame on a raw socket: the node closes that connection and counts it. */
    private static void sendGarbage(ConfigurableApplicationContext node) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.getBean(CupnetTemplate.class).localAddress().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // Read until the node closes the connection.
            }
        }
    }

    /** A send to a port nobody listens on: connect failures, then PEER_UNREACHABLE after the delivery timeout. */
    private static void sendToNobody(ConfigurableApplicationContext node) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        CupnetTemplate template = node.getBean(CupnetTemplate.class);
        assertThatExceptionOfType(CompletionException.class)
            .isThrownBy(() -> template.send("127.0.0.1:" + port, 9, "nobody").orTimeout(30, TimeUnit.SECONDS).join())
            .withCauseInstanceOf(DeliveryException.class);
    }

    private static List<Map<String, Object>> peers(ConfigurableApplicationContext node) throws Exception {
        HttpResponse<String> response = get(node, "/actuator/cupnet");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = readJson(response.body(), new TypeReference<Map<String, Object>>() {
        });
        assertThat(body).containsEntry("state", "RUNNING").containsKey("pendingAcks");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> peers = (List<Map<String, Object>>) body.get("peers");
        return peers;
    }

    private static Scrape scrape(ConfigurableApplicationContext node) throws Exception {
        HttpResponse<String> response = get(node, "/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return Scrape.parse(response.body());
    }

}
