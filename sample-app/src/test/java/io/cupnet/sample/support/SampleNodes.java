package io.cupnet.sample.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.cupnet.sample.SampleApplication;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two sample nodes for a test class, HTTP and cupnet on free loopback ports: started before
 * its first test, closed after its last. Register it as a static {@code @RegisterExtension} field.
 */
public final class SampleNodes implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<List<String>> extraArgs;

    private ConfigurableApplicationContext a;

    private ConfigurableApplicationContext b;

    /** Nodes started with the loopback settings and any further {@code --name=value} arguments. */
    public SampleNodes(String... extraArgs) {
        this(() -> List.of(extraArgs));
    }

    /** Nodes started with the loopback settings and the further arguments {@code extraArgs} gives at start. */
    public SampleNodes(Supplier<List<String>> extraArgs) {
        this.extraArgs = extraArgs;
    }

    public ConfigurableApplicationContext a() {
        return this.a;
    }

    public ConfigurableApplicationContext b() {
        return this.b;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        this.a = start();
        this.b = start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        this.a.close();
        this.b.close();
    }

    private ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--cupnet.server.host=127.0.0.1", "--cupnet.server.port=0", "--spring.main.banner-mode=off"));
        args.addAll(this.extraArgs.get());
        return new SpringApplicationBuilder(SampleApplication.class).run(args.toArray(String[]::new));
    }

}
