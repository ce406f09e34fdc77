package io.cupnet;

import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A {@link PeerIdentity} reads names from a certificate, and travels with a received message
 * through its copies without being part of its value.
 */
class PeerIdentityTest {

    @Test
    void namesComeFromThePeersOwnCertificate() throws Exception {
        PeerIdentity identity = PeerIdentity.of(List.of(certificate("node-b.pem")));

        assertThat(identity.commonName()).isEqualTo("node-b");
        assertThat(identity.subject()).isEqualTo("CN=node-b,O=cupnet tests");
        assertThat(identity.dnsNames()).containsExactly("node-b.cupnet.test");
        assertThat(identity.ipAddresses()).containsExactly("127.0.0.1");
        assertThat(identity.uris()).isEmpty();
        assertThat(identity).hasToString("PeerIdentity[CN=node-b,O=cupnet tests]");
    }

    @Test
    void anEmptyChainIsNoIdentity() {
        assertThatIllegalArgumentException().isThrownBy(() -> PeerIdentity.of(List.of()));
    }

    @Test
    void copiesOfAMessageKeepItsIdentityWhichIsNotPartOfItsValue() throws Exception {
        PeerIdentity identity = PeerIdentity.of(List.of(certificate("node-a.pem")));
        CupMessage plain = CupMessage.builder().to(PeerAddress.of("127.0.0.1", 7100)).type(7).body("x").build();

        CupMessage received = plain.withPeerIdentity(identity);

        assertThat(plain.peerIdentity()).isNull();
        assertThat(received.peerIdentity()).isSameAs(identity);
        assertThat(received.withFlags(MessageFlags.URGENT).peerIdentity()).isSameAs(identity);
        assertThat(received.withOrigin(PeerAddress.of("10.0.0.1", 1), null).peerIdentity()).isSameAs(identity);
        assertThat(received).isEqualTo(plain).hasSameHashCodeAs(plain);
    }

    private static X509Certificate certificate(String name) throws Exception {
        try (InputStream in = PeerIdentityTest.class.getResourceAsStream("/tls/" + name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

}
