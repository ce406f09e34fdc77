package io.cupnet.sample.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cupnet.spring.core.CupnetTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Calls a running sample node over HTTP on loopback, as its users do. */
public final class SampleApi {

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SampleApi() {
    }

    /** The node's cupnet address, {@code ip:port}. */
    public static String cupnetAddress(ConfigurableApplicationContext node) {
        return node.getBean(CupnetTemplate.class).localAddress().toString();
    }

    /** The last {@code limit} messages the node received, from {@code GET /api/received}. */
    public static List<Map<String, Object>> received(ConfigurableApplicationContext node, int limit) throws Exception {
        HttpResponse<String> response = get(node, "/api/received?limit=" + limit);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/received answered " + response.statusCode() + ": "
                    + response.body());
        }
        return readJson(response.body(), new TypeReference<>() {
        });
    }

    /** Reads a JSON body. */
    public static <T> T readJson(String body, TypeReference<T> type) {
        return json.readValue(body, type);
    }

    public static HttpResponse<String> get(ConfigurableApplicationContext node, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a JSON body. */
    public static HttpResponse<String> post(ConfigurableApplicationContext node, String path, String jsonBody)
            throws Exception {
        return http.send(HttpRequest.newBuilder(uri(node, path))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(jsonBody))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs any body, with no content type. */
    public static HttpResponse<String> post(ConfigurableApplicationContext node, String path,
            HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(30)).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(ConfigurableApplicationContext node, String path) {
        return URI.create("http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port") + path);
    }

}
