package io.cupnet.spring.support;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts Spring applications that are cupnet nodes on free loopback ports, for tests with real sockets. */
public final class SpringNodes {

    private static final String[] DEFAULTS = { "cupnet.server.host=127.0.0.1", "cupnet.server.port=0",
            "cupnet.ack.retry-interval=100ms", "cupnet.ack.timeout=10s", "cupnet.shutdown-timeout=5s",
            "spring.main.banner-mode=off" };

    private SpringNodes() {
    }

    /**
     * A node without a web server: cupnet on a free loopback port, need-ack frames resent every
     * 100 ms for up to 10 s, a 5 s drain; {@code properties} ({@code name=value}) win over these.
     */
    public static ConfigurableApplicationContext start(Class<?> configuration, String... properties) {
        return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
            .properties(DEFAULTS)
            .properties(properties)
            .run();
    }

}
