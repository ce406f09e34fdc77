package io.cupnet.spring.autoconfigure;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.cupnet.options.TlsOptions;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.ResourceUtils;
import org.springframework.util.StringUtils;

/**
 * Maps {@code cupnet.tls.*} onto {@link TlsOptions}: PEM file locations, or the key and trust
 * managers of a Spring Boot SSL bundle named by {@code cupnet.tls.bundle}.
 */
final class CupnetTlsMapper {

    private CupnetTlsMapper() {
    }

    /** The TLS options, or {@code null} when {@code cupnet.tls.enabled} is false. */
    static TlsOptions map(CupnetProperties.Tls tls, SslBundles sslBundles) {
        if (!tls.isEnabled()) {
            return null;
        }
        TlsOptions.Builder builder = TlsOptions.builder()
            .clientAuth(tls.getClientAuth())
            .verifyHostname(tls.isVerifyHostname())
            .handshakeTimeout(tls.getHandshakeTimeout())
            .protocols(tls.getProtocols())
            .ciphers(tls.getCiphers());
        if (StringUtils.hasText(tls.getBundle())) {
            fromBundle(builder, tls, sslBundles);
        }
        else {
            builder.certificate(file("cupnet.tls.certificate", tls.getCertificate()))
                .privateKey(file("cupnet.tls.private-key", tls.getPrivateKey()))
                .privateKeyPassword(tls.getPrivateKeyPassword())
                .trustCertificates(file("cupnet.tls.trust-certificates", tls.getTrustCertificates()));
        }
        return builder.build();
    }

    private static void fromBundle(TlsOptions.Builder builder, CupnetProperties.Tls tls, SslBundles sslBundles) {
        String name = tls.getBundle().trim();
        if (StringUtils.hasText(tls.getCertificate()) || StringUtils.hasText(tls.getPrivateKey())
                || StringUtils.hasText(tls.getTrustCertificates())) {
            throw new InvalidCupnetPropertyException("cupnet.tls.bundle", name, "used alone: unset "
                    + "cupnet.tls.certificate, cupnet.tls.private-key and cupnet.tls.trust-certificates", null);
        }
        SslBundle bundle = bundle(name, sslBundles);
        if (bundle.getStores().getKeyStore() == null) {
            throw new InvalidCupnetPropertyException("cupnet.tls.bundle", name,
                    "an SSL bundle with a key store (this node's certificate and private key)", null);
        }
        builder.keyManagerFactory(bundle.getManagers().getKeyManagerFactory());
        if (bundle.getStores().getTrustStore() != null) {
            builder.trustManagerFactory(bundle.getManagers().getTrustManagerFactory());
        }
        if (tls.getProtocols().isEmpty() && bundle.getOptions().getEnabledProtocols() != null) {
            builder.protocols(Arrays.asList(bundle.getOptions().getEnabledProtocols()));
        }
        if (tls.getCiphers().isEmpty() && bundle.getOptions().getCiphers() != null) {
            builder.ciphers(List.of(bundle.getOptions().getCiphers()));
        }
    }

    private static SslBundle bundle(String name, SslBundles sslBundles) {
        if (sslBundles == null) {
            throw new InvalidCupnetPropertyException("cupnet.tls.bundle", name,
                    "unset: no SslBundles bean exists (is SslAutoConfiguration excluded?)", null);
        }
        try {
            return sslBundles.getBundle(name);
        }
        catch (NoSuchSslBundleException ex) {
            throw new InvalidCupnetPropertyException("cupnet.tls.bundle", name,
                    "the name of an SSL bundle defined under spring.ssl.bundle.pem.* or spring.ssl.bundle.jks.*", ex);
        }
    }

    private static Path file(String property, String location) {
        if (!StringUtils.hasText(location)) {
            return null;
        }
        try {
            return ResourceUtils.getFile(location.trim()).toPath();
        }
        catch (FileNotFoundException ex) {
            throw new InvalidCupnetPropertyException(property, location, "the location of a PEM file on the file "
                    + "system (" + ex.getMessage() + "); use a path or file:, or an SSL bundle for resources in a jar",
                    ex);
        }
    }

}
