package io.cupnet.sample;

import java.net.http.HttpResponse;
import java.util.Map;

import io.cupnet.sample.support.SampleNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.core.type.TypeReference;

import static io.cupnet.sample.support.SampleApi.cupnetAddress;
import static io.cupnet.sample.support.SampleApi.get;
import static io.cupnet.sample.support.SampleApi.post;
import static io.cupnet.sample.support.SampleApi.readJson;
import static io.cupnet.sample.support.SampleApi.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two sample nodes on free loopback ports: the REST API of one sends to the other over real sockets.
 */
class SampleApplicationTest {

    @RegisterExtension
    static final SampleNodes nodes = new SampleNodes();

    @Test
    void whenANeedAckMessageIsPostedThenThePeerAcksAndEchoesIt() throws Exception {
        String to = cupnetAddress(nodes.b());
        HttpResponse<String> response = post(nodes.a(), "/api/messages",
                "{\"to\":\"" + to + "\",\"type\":7,\"body\":\"hello\",\"needAck\":true,\"urgent\":false}");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> sent = readJson(response.body(), new TypeReference<Map<String, String>>() {
        });
        assertThat(sent).containsEntry("status", "ACKED");
        String uniqId = sent.get("uniqId");
        assertThat(uniqId).matches("\\d+");
        await().untilAsserted(() -> assertThat(received(nodes.b(), 50)).anySatisfy((message) -> {
            assertThat(message).containsEntry("type", 7).containsEntry("uniqId", uniqId)
                .containsEntry("body", "hello").containsEntry("from", cupnetAddress(nodes.a()));
            assertThat(message.get("flag")).isEqualTo(6);
        }));
        await().untilAsserted(() -> assertThat(received(nodes.a(), 50)).anySatisfy((message) -> assertThat(message)
            .containsEntry("type", 8).containsEntry("uniqId", uniqId).containsEntry("body", "hello")
            .containsEntry("from", to)));
    }

    @Test
    void whenAPlainMessageIsPostedThenItIsReportedSent() throws Exception {
        HttpResponse<String> response = post(nodes.a(), "/api/messages",
                "{\"to\":\"" + cupnetAddress(nodes.b())
                        + "\",\"type\":9,\"body\":\"plain\",\"needAck\":false,\"urgent\":true}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"SENT\"");
        await().untilAsserted(() -> assertThat(received(nodes.b(), 50)).anySatisfy((message) -> assertThat(message)
            .containsEntry("type", 9).containsEntry("body", "plain").containsEntry("flag", 1)));
    }

    @Test
    void whenTheAddressIsInvalidThenTheAnswerIs400WithTheReason() throws Exception {
        HttpResponse<String> response = post(nodes.a(), "/api/messages",
                "{\"to\":\"nowhere\",\"type\":7,\"body\":\"x\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("INVALID_REQUEST").contains("nowhere");
    }

    @Test
    void whenTheMessageIsAddressedToItselfThenTheAnswerIs400() throws Exception {
        HttpResponse<String> response = post(nodes.a(), "/api/messages",
                "{\"to\":\"" + cupnetAddress(nodes.a()) + "\",\"type\":7,\"body\":\"x\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("INVALID_MESSAGE");
    }

    @Test
    void whenHealthAndPrometheusAreAskedThenTheyAnswer() throws Exception {
        HttpResponse<String> health = get(nodes.a(), "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("cupnet");
        HttpResponse<String> prometheus = get(nodes.a(), "/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("cupnet_connections_open");
    }

}
