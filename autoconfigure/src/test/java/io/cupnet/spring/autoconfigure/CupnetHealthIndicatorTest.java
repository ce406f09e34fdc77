package io.cupnet.spring.autoconfigure;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.cupnet.MessageCenter;
import io.cupnet.options.CupnetOptions;
import io.cupnet.spring.core.CupnetServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The health of a cupnet node through its lifecycle: running, draining, and failed to bind.
 */
class CupnetHealthIndicatorTest {

    @Test
    void whenTheNodeDrainsThenItIsOutOfService() {
        MessageCenter center = center(0);
        CupnetServer server = new CupnetServer(() -> center, Duration.ofSeconds(5));
        server.start();
        CupnetHealthIndicator indicator = new CupnetHealthIndicator(server);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

        center.stop();
        Health draining = indicator.health();
        center.close();

        assertThat(draining.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(draining.getDetails()).containsEntry("state", "STOPPING").containsKey("pendingAcks");
        assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void whenThePortIsTakenThenTheNodeIsDownWithTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CupnetServer server = new CupnetServer(() -> center(taken.getLocalPort()), Duration.ofSeconds(5));
            assertThatIllegalStateException().isThrownBy(server::start);

            Health health = new CupnetHealthIndicator(server).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("state", "FAILED");
            assertThat(String.valueOf(health.getDetails().get("error"))).contains("port is already in use");
        }
    }

    @Test
    void whenTheServerHasNotStartedThenTheHealthIsUnknown() {
        CupnetServer server = new CupnetServer(() -> center(0), Duration.ofSeconds(5));

        Health health = new CupnetHealthIndicator(server).health();

        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(health.getDetails()).containsEntry("state", "NOT_STARTED");
    }

    private static MessageCenter center(int port) {
        return new MessageCenter(CupnetOptions.builder().server(s -> s.host("127.0.0.1").port(port))
                .build(), (message, ack) -> {
        });
    }

}
