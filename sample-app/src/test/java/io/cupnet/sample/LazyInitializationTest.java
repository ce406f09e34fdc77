package io.cupnet.sample;

import java.net.http.HttpResponse;
import java.util.Map;

import io.cupnet.sample.support.SampleNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.core.type.TypeReference;

import static io.cupnet.sample.support.SampleApi.cupnetAddress;
import static io.cupnet.sample.support.SampleApi.post;
import static io.cupnet.sample.support.SampleApi.readJson;
import static io.cupnet.sample.support.SampleApi.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample with {@code spring.main.lazy-initialization=true}, a common Boot setting: its echo
 * listener still handles what it acks, and answers.
 */
class LazyInitializationTest {

    @RegisterExtension
    static final SampleNodes nodes = new SampleNodes("--spring.main.lazy-initialization=true");

    @Test
    void whenBeansAreLazyThenANeedAckMessageIsHandledBeforeItIsAckedAndEchoed() throws Exception {
        String to = cupnetAddress(nodes.b());
        HttpResponse<String> response = post(nodes.a(), "/api/messages",
                "{\"to\":\"" + to + "\",\"type\":7,\"body\":\"lazy\",\"needAck\":true,\"urgent\":false}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, String> sent = readJson(response.body(), new TypeReference<>() {
        });
        assertThat(sent).containsEntry("status", "ACKED");
        assertThat(received(nodes.b(), 50)).anySatisfy((message) -> assertThat(message)
            .containsEntry("type", 7).containsEntry("uniqId", sent.get("uniqId")).containsEntry("body", "lazy"));
        await().untilAsserted(() -> assertThat(received(nodes.a(), 50)).anySatisfy((message) -> assertThat(message)
            .containsEntry("type", 8).containsEntry("uniqId", sent.get("uniqId"))));
    }

}
