package io.cupnet.sample;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts sample nodes for tests: HTTP and cupnet on free loopback ports.
 */
final class SampleNodes {

    private SampleNodes() {
    }

    /** Starts a sample node with the loopback settings and any further {@code --name=value} arguments. */
    static ConfigurableApplicationContext start(String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--cupnet.server.host=127.0.0.1", "--cupnet.server.port=0", "--spring.main.banner-mode=off"));
        args.addAll(List.of(extraArgs));
        return new SpringApplicationBuilder(SampleApplication.class).run(args.toArray(String[]::new));
    }

}
