package io.cupnet.options;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.cupnet.internal.ack.DedupWindow;
import io.cupnet.internal.guard.AllowedPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The options that bound what peers can make a node hold, and the allowed peer ranges. */
class LimitOptionsTest {

    @Test
    void defaultsAreGenerousAndLeaveIdleConnectionsOpen() {
        CupnetOptions options = CupnetOptions.defaults();

        assertThat(options.server().maxConnections()).isEqualTo(10_000);
        assertThat(options.server().allowedPeers()).isEmpty();
        assertThat(options.server().trustedProxies()).isEmpty();
        assertThat(options.connection().firstFrameTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.connection().idleTimeout()).isZero();
        assertThat(options.ack().maxPending()).isEqualTo(100_000);
        assertThat(options.ack().maxPendingPerPeer()).isEqualTo(20_000);
    }

    @Test
    void zeroTimeoutsDisableTheChecksButNegativeOnesAreRefused() {
        CupnetOptions.Builder builder = CupnetOptions.builder()
                .connection(c -> c.firstFrameTimeout(Duration.ZERO).idleTimeout(Duration.ZERO));
        assertThat(builder.build().connection().firstFrameTimeout()).isZero();

        assertInvalid(builder.connection(c -> c.idleTimeout(Duration.ofSeconds(-1))), "connection.idleTimeout",
                "a positive duration, or zero");
        assertInvalid(CupnetOptions.builder().connection(c -> c
                .firstFrameTimeout(null)), "connection.firstFrameTimeout", "a positive duration");
    }

    @Test
    void countLimitsMustBeAtLeastOne() {
        assertInvalid(CupnetOptions.builder().server(s -> s.maxConnections(0)), "server.maxConnections", "at least 1");
        assertInvalid(CupnetOptions.builder().ack(a -> a.maxPending(0)), "ack.maxPending", "at least 1");
        assertInvalid(CupnetOptions.builder().ack(a -> a.maxPendingPerPeer(-5)), "ack.maxPendingPerPeer", "at least 1");
    }

    @Test
    void receiveWatermarksInBytesDefaultToTensOfMegabytesAndLowMustBeBelowHigh() {
        ReceiveOptions defaults = CupnetOptions.defaults().receive();
        assertThat(defaults.highWatermarkBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(defaults.lowWatermarkBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(CupnetOptions.builder().receive(r -> r.highWatermarkBytes(8L << 30).lowWatermarkBytes(4L << 30))
            .build().receive().highWatermarkBytes()).isEqualTo(8L << 30);

        assertInvalid(CupnetOptions.builder().receive(r -> r.highWatermarkBytes(0).lowWatermarkBytes(0)),
                "receive.highWatermarkBytes", "at least 1");
        assertInvalid(CupnetOptions.builder().receive(r -> r.highWatermarkBytes(1024).lowWatermarkBytes(1024)),
                "receive.lowWatermarkBytes", "below receive.highWatermarkBytes (1024)");
        assertInvalid(CupnetOptions.builder().receive(r -> r.lowWatermarkBytes(-1)), "receive.lowWatermarkBytes",
                "0 or more");
    }

    @Test
    void theDedupWindowMustFitItsArrays() {
        assertInvalid(CupnetOptions.builder().ack(a -> a.dedupWindow(0)), "ack.dedupWindow", "between 1 and 16777216");
        assertInvalid(CupnetOptions.builder().ack(a -> a.dedupWindow(DedupWindow.MAX_CAPACITY + 1)), "ack.dedupWindow",
                "between 1 and 16777216");
    }

    @ParameterizedTest
    @ValueSource(strings = { "10.0.0.0/33", "fd00::/129", "10.0.0.0/-1", "10.0.0.0/x", "peers.example.com/8", "", "10.0.0/8" })
    void anInvalidRangeIsRefusedNamingIt(String range) {
        assertThatExceptionOfType(InvalidOptionException.class)
            .isThrownBy(() -> CupnetOptions.builder()
                    .server(s -> s.allowedPeers(List.of("127.0.0.1/32", range))).build())
            .satisfies((ex) -> {
                assertThat(ex.option()).isEqualTo("server.allowedPeers");
                assertThat(ex.value()).isEqualTo(range);
                assertThat(ex.requirement()).contains("CIDR range");
            });
    }

    @Test
    void anInvalidTrustedProxyRangeIsRefusedNamingItsOwnOption() {
        assertInvalid(CupnetOptions.builder().server(s -> s.trustedProxies(List.of("gateway.example/24"))),
                "server.trustedProxies", "CIDR range");
        assertInvalid(CupnetOptions.builder().server(s -> s.trustedProxies(null)), "server.trustedProxies", "set");
    }

    @Test
    void trustedProxiesContainOnlyTheirRangesAndAnEmptyListTrustsNone() {
        AllowedPeers trusted = AllowedPeers.parse("server.trustedProxies", List.of("10.0.0.1"));

        assertThat(trusted.contains(new InetSocketAddress("10.0.0.1", 1))).isTrue();
        assertThat(trusted.contains(new InetSocketAddress("10.0.0.2", 1))).isFalse();
        assertThat(AllowedPeers.parse("server.trustedProxies", List.of())
            .contains(new InetSocketAddress("10.0.0.1", 1))).isFalse();
    }

    @Test
    void aNullRangeOrListIsRefused() {
        assertInvalid(CupnetOptions.builder().server(s -> s.allowedPeers(Arrays.asList("10.0.0.0/8", null))), "server.allowedPeers",
                "CIDR ranges");
        assertInvalid(CupnetOptions.builder().server(s -> s.allowedPeers(null)), "server.allowedPeers", "set");
    }

    @Test
    void rangesMatchIpv4AndIpv6AddressesByPrefix() {
        AllowedPeers peers = AllowedPeers.parse(List.of("10.1.0.0/16", "192.168.7.9", "fd00:1234::/32", "::1"));

        assertThat(peers.allows(address("10.1.200.3"))).isTrue();
        assertThat(peers.allows(address("10.2.0.1"))).isFalse();
        assertThat(peers.allows(address("192.168.7.9"))).isTrue();
        assertThat(peers.allows(address("192.168.7.10"))).isFalse();
        assertThat(peers.allows(address("fd00:1234:abcd::5"))).isTrue();
        assertThat(peers.allows(address("fd00:1235::5"))).isFalse();
        assertThat(peers.allows(address("::1"))).isTrue();
        assertThat(peers.allows(address("::2"))).isFalse();
        assertThat(peers.allows(null)).isFalse();
    }

    @Test
    void anEmptyListAllowsEveryAddress() {
        AllowedPeers peers = AllowedPeers.parse(List.of());

        assertThat(peers.allowsAll()).isTrue();
        assertThat(peers.allows(address("203.0.113.9"))).isTrue();
        assertThat(peers.allows(address("2001:db8::1"))).isTrue();
    }

    @Test
    void aZeroPrefixAllowsEveryAddressOfItsFamily() {
        AllowedPeers peers = AllowedPeers.parse(List.of("0.0.0.0/0"));

        assertThat(peers.allows(address("203.0.113.9"))).isTrue();
        assertThat(peers.allows(address("2001:db8::1"))).isFalse();
    }

    private static InetSocketAddress address(String ip) {
        return new InetSocketAddress(ip, 7100);
    }

    private static void assertInvalid(CupnetOptions.Builder builder, String option, String requirement) {
        assertThatExceptionOfType(InvalidOptionException.class).isThrownBy(builder::build)
            .satisfies((ex) -> assertThat(ex.option()).isEqualTo(option))
            .withMessageContaining(requirement);
    }

}
