package io.cupnet.sample;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.cupnet.amqp.AmqpTransport;
import io.cupnet.amqp.support.BrokerExtension;
import io.cupnet.sample.support.SampleNodes;
import io.cupnet.sample.support.Scrape;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.core.type.TypeReference;

import static io.cupnet.sample.support.SampleApi.cupnetAddress;
import static io.cupnet.sample.support.SampleApi.get;
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
    void aBrokerSendShowsOnTheScrapeUnderTransportAmqpAndTheBrokerIsInTheHealth() throws Exception {
        HttpResponse<String> response = post(nodes.a(), "/api/messages", "{\"topic\":\"" + TOPIC
                + "\",\"type\":15,\"body\":\"counted\",\"needAck\":true}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"ACKED\"");
        await().untilAsserted(() -> {
            Scrape a = scrape(nodes.a());
            Scrape both = Scrape.parse(get(nodes.a(), "/actuator/prometheus").body() + "\n"
                    + get(nodes.b(), "/actuator/prometheus").body());
            assertThat(a.sum("cupnet_messages_sent_total", "transport", "amqp", "type", "15", "result", "acked"))
                .isEqualTo(1);
            assertThat(a.sum("cupnet_amqp_confirms_total", "result", "ack")).isPositive();
            assertThat(a.sum("cupnet_ack_acked_total", "transport", "amqp")).isPositive();
            assertThat(both.sum("cupnet_messages_received_total", "transport", "amqp", "type", "15", "result",
                    "accepted")).isEqualTo(1);
            assertThat(both.sum("cupnet_messages_handled_seconds_count", "transport", "amqp", "result", "success"))
                .isPositive();
            assertThat(a.sum("cupnet_amqp_connection_open")).isEqualTo(1);
            assertThat(a.families()).contains("cupnet_amqp_returns_total", "cupnet_amqp_redeliveries_total",
                    "cupnet_amqp_dead_lettered_total");
        });
        Map<String, Object> health = readJson(get(nodes.a(), "/actuator/health").body(),
                new TypeReference<Map<String, Object>>() {
                });
        assertThat(health.get("components")).asInstanceOf(InstanceOfAssertFactories.MAP)
            .extractingByKey("cupnetAmqp")
            .asInstanceOf(InstanceOfAssertFactories.MAP)
            .containsEntry("status", "UP")
            .extractingByKey("details")
            .asInstanceOf(InstanceOfAssertFactories.MAP)
            .containsEntry("connection", "open")
            .containsEntry("topic", TOPIC);
    }

    @Test
    void aTopicAndAPeerTogetherAreRejected() throws Exception {
        HttpResponse<String> response = post(nodes.a(), "/api/messages", "{\"to\":\"" + cupnetAddress(nodes.b())
                + "\",\"topic\":\"" + TOPIC + "\",\"type\":14}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("INVALID_REQUEST").contains("not both");
    }

    private static Scrape scrape(ConfigurableApplicationContext node) throws Exception {
        HttpResponse<String> response = get(node, "/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return Scrape.parse(response.body());
    }

}
