package io.cupnet.support;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;

import io.cupnet.options.CupnetOptions;
import io.cupnet.options.TlsOptions;

/**
 * The PEM files under {@code src/test/resources/tls} (see the README there) as TLS options.
 */
public final class TlsFixtures {

    private TlsFixtures() {
    }

    public static Path file(String name) {
        URL url = TlsFixtures.class.getResource("/tls/" + name);
        if (url == null) {
            throw new IllegalArgumentException("No TLS fixture " + name + " under src/test/resources/tls");
        }
        try {
            return Path.of(url.toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The certificate and key of {@code node} (node-a, node-b, elsewhere, rogue), trusting the test CA. */
    public static TlsOptions.Builder tls(String node) {
        return TlsOptions.builder()
            .certificate(file(node + ".pem"))
            .privateKey(file(node + "-key.pem"))
            .trustCertificates(file("ca.pem"));
    }

    /** Node options with TLS as given. */
    public static UnaryOperator<CupnetOptions.Builder> with(TlsOptions.Builder tls) {
        TlsOptions built = tls.build();
        return (options) -> options.tls(built);
    }

    /** A key manager with no key: a client with it presents no certificate. */
    public static KeyManagerFactory noCertificate() throws GeneralSecurityException, java.io.IOException {
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(empty, new char[0]);
        return factory;
    }

}
