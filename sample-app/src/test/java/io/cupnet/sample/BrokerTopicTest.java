package io.cupnet.sample;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.cupnet.amqp.AmqpTransport;
import io.cupnet.amqp.support.BrokerExtension;
import io.cupnet.sample.support.SampleNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.core.type.TypeReference;

import static io.cupnet.sample.support.SampleApi.cupnetAddress;
import static io.cupnet.sample.support.SampleApi.post;
import static io.cupnet.sample.support.SampleApi.readJson;
import static io.cupnet.sample.support.SampleApi.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two sample nodes started with {@code --cupnet.amqp.enabled=true} serving one topic on a private broker. */
@ExtendWith(BrokerExtension.class)
class BrokerTopicTest {

    private static final String TOPIC = "sample-" + Long.toHexString(System.nanoTime());

    @RegisterExtension
    static final SampleNodes nodes = new SampleNodes(() -> List.of("--cupnet.amqp.enabled=true",
            "--cupnet.amqp.topic=" + TOPIC, "--spring.rabbitmq.host=127.0.0.1",
            "--spring.rabbitmq.port=" + BrokerExtension.broker().amqpPort()));

    @Test
    void aNeedAckMessagePostedToOneServerOfTheTopicIsAckedAndListedAsAmqp() throws Exception {
        String server = nodes.b().getBean(AmqpTransport.class).settings().server();

        HttpResponse<String> response = post(nodes.a(), "/api/messages", "{\"topic\":\"" + TOPIC + "\",\"server\":\""
                + server + "\",\"type\":12,\"body\":\"over the broker\",\"needAck\":true}");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> sent = readJson(response.body(), new TypeReference<Map<String, String>>() {
        });
        assertThat(sent).containsEntry("status", "ACKED").containsEntry("result", "ACKED");
        assertThat(received(nodes.b(), 50)).anySatisfy((message) -> assertThat(message)
            .containsEntry("type", 12).containsEntry("uniqId", sent.get("uniqId"))
            .containsEntry("body", "over the broker").containsEntry("transport", "amqp"));
    }

    @Test
    void aFanOutReachesBothNodes() throws Exception {
        HttpResponse<String> response = post(nodes.a(), "/api/messages", "{\"topic\":\"" + TOPIC
                + "\",\"fanout\":true,\"type\":13,\"body\":\"everyone\",\"needAck\":false}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"SENT\"");
        for (var node : List.of(nodes.a(), nodes.b())) {
            await().untilAsserted(() -> assertThat(received(node, 50)).anySatisfy((message) -> assertThat(message)
                .containsEntry("type", 13).containsEntry("body", "everyone").containsEntry("transport", "amqp")));
        }
    }

    @Test
    void theEchoListenerAnswersARequestFromTheBrokerOverTheBroker() throws Exception {
        String server = nodes.b().getBean(AmqpTransport.class).settings().server();

        HttpResponse<String> response = post(nodes.a(), "/api/messages", "{\"topic\":\"" + TOPIC + "\",\"server\":\""
                + server + "\",\"type\":7,\"body\":\"echo me\",\"needAck\":true}");

        assertThat(response.statusCode()).isEqualTo(200);
        await().untilAsserted(() -> assertThat(received(nodes.a(), 50)).anySatisfy((message) -> assertThat(message)
            .containsEntry("type", 8).containsEntry("body", "echo me").containsEntry("transport", "amqp")));
    }

    @Test
    void aMessageOverTcpIsListedAsTcp() throws Exception {
        HttpResponse<String> response = post(nodes.a(), "/api/messages", "{\"to\":\"" + cupnetAddress(nodes.b())
                + "\",\"type\":14,\"body\":\"direct\",\"needAck\":true}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(received(nodes.b(), 50)).anySatisfy((message) -> assertThat(message)
            .containsEntry("type", 14).containsEntry("body", "direct").containsEntry("transport", "tcp"));
    }

    @Test
    void aTopicAndAPeerTogetherAreRejected() throws Exception {
        HttpResponse<String> response = post(nodes.a(), "/api/messages", "{\"to\":\"" + cupnetAddress(nodes.b())
                + "\",\"topic\":\"" + TOPIC + "\",\"type\":14}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("INVALID_REQUEST").contains("not both");
    }

}
