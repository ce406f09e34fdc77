package io.cupnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cupnet.internal.tls.TlsHandshakeException;
import io.cupnet.internal.tls.TlsServerGreeting;
import io.cupnet.internal.transport.FrameHandler;
import io.cupnet.options.TlsOptions.ClientAuth;
import io.cupnet.options.TlsOptions;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import io.cupnet.support.TlsFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import static io.cupnet.support.TlsFixtures.tls;
import static io.cupnet.support.TlsFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TLS between message centers on real sockets: round trips, mutual TLS that refuses strangers,
 * plaintext peers on either side, hostname verification and the verified peer identity.
 */
class TlsTest {

    @RegisterExtension
    final Nodes nodes = new Nodes();

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        this.logs.start();
        transportLogger().addAppender(this.logs);
    }

    @AfterEach
    void releaseLogs() {
        transportLogger().detachAppender(this.logs);
    }

    @Test
    void needAckMessagesTravelBothWaysOverMutualTls() {
        Node a = this.nodes.add(Node.start(with(tls("node-a").clientAuth(ClientAuth.REQUIRE))));
        Node b = this.nodes.add(Node.start(with(tls("node-b").clientAuth(ClientAuth.REQUIRE))));

        DeliveryResult there = a.center.send(a.message(b, "to b").needAck().build()).join();
        DeliveryResult back = b.center.send(b.message(a, "to a").needAck().build()).join();

        assertThat(there.status()).isEqualTo(DeliveryResult.Status.ACKED);
        assertThat(back.status()).isEqualTo(DeliveryResult.Status.ACKED);
        assertThat(b.bodies()).containsExactly("to b");
        assertThat(a.bodies()).containsExactly("to a");
        assertThat(a.center.stats().tlsHandshakeFailures().sum() + b.center.stats().tlsHandshakeFailures().sum())
            .isZero();
    }

    @Test
    void manyFramesShareOneTlsConnectionWhoseCupHeadIsWrittenOnce() {
        Node a = this.nodes.add(Node.start(with(tls("node-a"))));
        Node b = this.nodes.add(Node.start(with(tls("node-b"))));

        List<CompletableFuture<DeliveryResult>> sent = IntStream.range(0, 200)
            .mapToObj((i) -> a.center.send(a.message(b, "m" + i).needAck().build()))
            .toList();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();

        assertThat(b.received).hasSize(200);
        // One connection a -> b and one b -> a for the acks; a second head would have closed one.
        assertThat(a.center.stats().connectionsOpened().sum()).isEqualTo(2);
        assertThat(b.center.stats().connectionsOpened().sum()).isEqualTo(2);
    }

    @Test
    void handlerSeesTheIdentityTheSenderProvedWithItsCertificate() {
        Node a = this.nodes.add(Node.start(with(tls("node-a"))));
        Node b = this.nodes.add(Node.start(with(tls("node-b").clientAuth(ClientAuth.REQUIRE))));

        a.center.send(a.message(b, "who am i").needAck().build()).join();

        PeerIdentity identity = b.received.get(0).peerIdentity();
        assertThat(identity).isNotNull();
        assertThat(identity.commonName()).isEqualTo("node-a");
        assertThat(identity.subject()).isEqualTo("CN=node-a,O=cupnet tests");
        assertThat(identity.ipAddresses()).containsExactly("127.0.0.1");
        assertThat(identity.dnsNames()).containsExactly("node-a.cupnet.test");
        assertThat(identity.certificates()).hasSize(1);
    }

    @Test
    void handlerSeesNoIdentityWhenTheServerDoesNotAskForCertificates() {
        Node a = this.nodes.add(Node.start(with(tls("node-a"))));
        Node b = this.nodes.add(Node.start(with(tls("node-b"))));

        a.center.send(a.message(b, "anonymous").needAck().build()).join();

        assertThat(b.received).singleElement().extracting(CupMessage::peerIdentity).isNull();
    }

    @Test
    void handlerSeesNoIdentityFromPlaintextPeers() {
        Node a = this.nodes.add(Node.start());
        Node b = this.nodes.add(Node.start());

        a.center.send(a.message(b, "plain").needAck().build()).join();

        assertThat(b.received).singleElement().extracting(CupMessage::peerIdentity).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
    void clientWithoutCertificateIsRefusedAndItsSendsFailAtOnce(String protocol) throws Exception {
        Node server = this.nodes.add(Node.start(with(tls("node-b").clientAuth(ClientAuth.REQUIRE))));
        Node client = this.nodes.add(Node.start(with(TlsOptions.builder()
            .keyManagerFactory(TlsFixtures.noCertificate())
            .trustCertificates(TlsFixtures.file("ca.pem"))
            .protocols(List.of(protocol)))));

        CompletableFuture<DeliveryResult> needAck = client.center.send(client.message(server, "let me in").needAck().build());
        CompletableFuture<DeliveryResult> plain = client.center.send(client.message(server, "me too").build());

        assertRefused(needAck);
        assertRefused(plain);
        assertThat(server.received).isEmpty();
        await().until(() -> server.center.stats().tlsHandshakeFailures().sum() >= 1);
    }

    @Test
    void clientWithCertificateFromAnUntrustedCaIsRefused() {
        Node server = this.nodes.add(Node.start(with(tls("node-b").clientAuth(ClientAuth.REQUIRE))));
        Node rogue = this.nodes.add(Node.start(with(tls("rogue"))));

        assertRefused(rogue.center.send(rogue.message(server, "let me in").needAck().build()));

        assertThat(server.received).isEmpty();
        await().until(() -> server.center.stats().tlsHandshakeFailures().sum() >= 1);
        assertThat(handshakeWarnings()).anySatisfy((line) -> assertThat(line).contains("TLS handshake failed"));
    }

    @Test
    void serverWithCertificateFromAnUntrustedCaIsRefused() {
        Node rogue = this.nodes.add(Node.start(with(tls("rogue"))));
        Node client = this.nodes.add(Node.start(with(tls("node-a"))));

        assertRefused(client.center.send(client.message(rogue, "hello?").needAck().build()));

        assertThat(rogue.received).isEmpty();
    }

    @Test
    void plaintextPeerIsClosedWithOneLogLineWhileTlsPeersAreServed() throws Exception {
        Node server = this.nodes.add(Node.start(with(tls("node-b").clientAuth(ClientAuth.REQUIRE))));
        Node friend = this.nodes.add(Node.start(with(tls("node-a"))));
        friend.center.send(friend.message(server, "before").needAck().build()).join();

        try (Socket plaintext = new Socket(InetAddress.getByName("127.0.0.1"), server.address().port())) {
            plaintext.setSoTimeout(10_000);
            OutputStream out = plaintext.getOutputStream();
            out.write("CUP012-3".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64]);
            out.flush();
            assertThat(closedByPeer(plaintext.getInputStream())).isTrue();
        }
        friend.center.send(friend.message(server, "after").needAck().build()).join();

        assertThat(server.bodies()).containsExactly("before", "after");
        assertThat(server.center.stats().tlsHandshakeFailures().sum()).isEqualTo(1);
        await().until(() -> handshakeLines().size() == 1);
        assertThat(handshakeLines()).singleElement().asString()
            .contains("TLS handshake failed", "does not speak TLS");
    }

    @Test
    void tlsClientAgainstAPlaintextNodeFailsCleanly() {
        Node plaintext = this.nodes.add(Node.start());
        Node client = this.nodes.add(Node.start(with(tls("node-a"))));

        assertRefused(client.center.send(client.message(plaintext, "hello?").needAck().build()));

        assertThat(plaintext.received).isEmpty();
        assertThat(client.center.stats().tlsHandshakeFailures().sum()).isEqualTo(1);
    }

    @Test
    void hostnameVerificationRefusesACertificateForAnotherAddress() {
        Node elsewhere = this.nodes.add(Node.start(with(tls("elsewhere"))));
        Node strict = this.nodes.add(Node.start(with(tls("node-a").verifyHostname(true))));

        DeliveryException refused = assertRefused(strict.center.send(strict.message(elsewhere, "x").build()));

        assertThat(refused).hasMessageContaining("127.0.0.1");
    }

    @Test
    void hostnameVerificationAcceptsACertificateForTheAddressConnectedTo() {
        Node b = this.nodes.add(Node.start(with(tls("node-b"))));
        Node strict = this.nodes.add(Node.start(with(tls("node-a").verifyHostname(true))));

        DeliveryResult result = strict.center.send(strict.message(b, "x").needAck().build()).join();

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.ACKED);
    }

    @Test
    void withoutHostnameVerificationAnyTrustedCertificateIsAccepted() {
        Node elsewhere = this.nodes.add(Node.start(with(tls("elsewhere"))));
        Node lenient = this.nodes.add(Node.start(with(tls("node-a"))));

        DeliveryResult result = lenient.center.send(lenient.message(elsewhere, "x").needAck().build()).join();

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.ACKED);
    }

    private static DeliveryException assertRefused(CompletableFuture<DeliveryResult> future) {
        assertThat(future).failsWithin(Duration.ofSeconds(10))
            .withThrowableThat()
            .havingCause()
            .isInstanceOfSatisfying(DeliveryException.class, (failure) -> {
                assertThat(failure.reason()).isEqualTo(DeliveryException.Reason.PEER_UNREACHABLE);
                assertThat(failure).hasMessageContaining("TLS handshake with 127.0.0.1:")
                    .hasMessageContaining("failed")
                    .hasCauseInstanceOf(TlsHandshakeException.class);
            });
        return (DeliveryException) future.handle((result, failure) -> (failure instanceof CompletionException)
                ? failure.getCause() : failure).join();
    }

    /** Reads until the peer closes the connection, or resets it; false if it sends a frame's worth first. */
    private static boolean closedByPeer(InputStream in) throws IOException {
        try {
            return in.readNBytes(72).length < 72;
        }
        catch (SocketException reset) {
            return true;
        }
    }

    /** Lines about accepted connections that were closed: TLS failures and connection errors. */
    private List<String> handshakeLines() {
        return this.logs.list.stream()
            .filter((event) -> event.getLevel().isGreaterOrEqual(Level.INFO))
            .filter((event) -> event.getLoggerName().endsWith("TlsServerGreeting")
                    || event.getLoggerName().endsWith("FrameHandler"))
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    }

    private List<String> handshakeWarnings() {
        return this.logs.list.stream()
            .filter((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    }

    private static Logger transportLogger() {
        return (Logger) LoggerFactory.getLogger("io.cupnet.internal.tls");
    }

}
