package io.cupnet.options;

import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import io.cupnet.internal.tls.PemMaterial;

import static io.cupnet.options.InvalidOptionException.check;

/**
 * The TLS settings of a message center: its certificate and key, the certificates it trusts, and
 * whether it requires its peers' certificates (mutual TLS); build one with {@link #builder()}.
 *
 * <p>One node has one identity: the same certificate is presented when it accepts a connection
 * and, when a peer asks for one, when it opens a connection. Key material comes either from PEM
 * files (read and checked in {@link Builder#build()}) or from ready-made key and trust manager
 * factories, such as those of a Spring Boot SSL bundle.
 *
 * <p>TLS is a cupnet extension: Python CUP peers cannot speak it. A node with TLS on talks TLS to
 * every peer, inbound and outbound.
 */
public final class TlsOptions {

    private final Path certificate;

    private final Path privateKey;

    private final Path trustCertificates;

    private final KeyManagerFactory keyManagerFactory;

    private final TrustManagerFactory trustManagerFactory;

    private final ClientAuth clientAuth;

    private final boolean verifyHostname;

    private final Duration handshakeTimeout;

    private final List<String> protocols;

    private final List<String> ciphers;

    private TlsOptions(Builder builder, KeyManagerFactory keyManagerFactory, TrustManagerFactory trustManagerFactory) {
        this.certificate = builder.certificate;
        this.privateKey = builder.privateKey;
        this.trustCertificates = builder.trustCertificates;
        this.keyManagerFactory = keyManagerFactory;
        this.trustManagerFactory = trustManagerFactory;
        this.clientAuth = builder.clientAuth;
        this.verifyHostname = builder.verifyHostname;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.protocols = builder.protocols;
        this.ciphers = builder.ciphers;
    }

    /** A builder with client authentication off, the JDK's protocols and ciphers and a 10 s handshake timeout. */
    public static Builder builder() {
        return new Builder();
    }

    /** The PEM file with this node's certificate and its chain, or {@code null} when given a key manager. */
    public Path certificate() {
        return this.certificate;
    }

    /** The PEM file with this node's PKCS#8 private key, or {@code null} when given a key manager. */
    public Path privateKey() {
        return this.privateKey;
    }

    /** The PEM file with the CA certificates this node trusts, or {@code null}. */
    public Path trustCertificates() {
        return this.trustCertificates;
    }

    /** Presents this node's certificate, from the PEM files or as given. */
    public KeyManagerFactory keyManagerFactory() {
        return this.keyManagerFactory;
    }

    /** Verifies peers' certificates; {@code null} for the JDK's default trust store. */
    public TrustManagerFactory trustManagerFactory() {
        return this.trustManagerFactory;
    }

    /** Whether an accepted connection must present a certificate; default {@link ClientAuth#NONE}. */
    public ClientAuth clientAuth() {
        return this.clientAuth;
    }

    /**
     * Whether an outbound connection checks that the peer's certificate names the IP address it
     * connects to (an IP subject alternative name); default false, see {@link Builder#verifyHostname}.
     */
    public boolean verifyHostname() {
        return this.verifyHostname;
    }

    /** How long a TLS handshake, and the greeting that confirms it, may take; default 10 s. */
    public Duration handshakeTimeout() {
        return this.handshakeTimeout;
    }

    /** The TLS protocol versions to enable, such as {@code TLSv1.3}; empty for the JDK's defaults. */
    public List<String> protocols() {
        return this.protocols;
    }

    /** The cipher suites to enable, in order of preference; empty for the JDK's defaults. */
    public List<String> ciphers() {
        return this.ciphers;
    }

    @Override
    public String toString() {
        return "TlsOptions[certificate=" + this.certificate + ", trustCertificates=" + this.trustCertificates
                + ", clientAuth=" + this.clientAuth + ", verifyHostname=" + this.verifyHostname + "]";
    }

    /** Whether a node asks the peers that connect to it for their certificate. */
    public enum ClientAuth {

        /** Peers are not asked for a certificate. */
        NONE,

        /** Peers are asked; one that presents a certificate must present a trusted one. */
        OPTIONAL,

        /** Peers must present a trusted certificate, or the handshake fails (mutual TLS). */
        REQUIRE

    }

    /** Builds {@link TlsOptions}, reading and checking the PEM files in {@link #build()}. */
    public static final class Builder {

        private Path certificate;

        private Path privateKey;

        private String privateKeyPassword;

        private Path trustCertificates;

        private KeyManagerFactory keyManagerFactory;

        private TrustManagerFactory trustManagerFactory;

        private ClientAuth clientAuth = ClientAuth.NONE;

        private boolean verifyHostname;

        private Duration handshakeTimeout = Duration.ofSeconds(10);

        private List<String> protocols = List.of();

        private List<String> ciphers = List.of();

        private Builder() {
        }

        /** This node's certificate, then the intermediate certificates that chain it to a trusted CA, in PEM. */
        public Builder certificate(Path certificate) {
            this.certificate = certificate;
            return this;
        }

        /** This node's private key in PEM, PKCS#8: {@code BEGIN PRIVATE KEY} or {@code BEGIN ENCRYPTED PRIVATE KEY}. */
        public Builder privateKey(Path privateKey) {
            this.privateKey = privateKey;
            return this;
        }

        /** The password of an encrypted private key; {@code null} when it is not encrypted. */
        public Builder privateKeyPassword(String privateKeyPassword) {
            this.privateKeyPassword = privateKeyPassword;
            return this;
        }

        /**
         * The CA certificates, in PEM, that peers' certificates must chain to. Without them (and
         * without a trust manager) the JDK's default trust store is used, which only suits
         * certificates from public CAs.
         */
        public Builder trustCertificates(Path trustCertificates) {
            this.trustCertificates = trustCertificates;
            return this;
        }

        /** Presents this certificate instead of the PEM files' one, for example from a Spring Boot SSL bundle. */
        public Builder keyManagerFactory(KeyManagerFactory keyManagerFactory) {
            this.keyManagerFactory = keyManagerFactory;
            return this;
        }

        /** Verifies peers with this trust manager instead of the trusted PEM certificates. */
        public Builder trustManagerFactory(TrustManagerFactory trustManagerFactory) {
            this.trustManagerFactory = trustManagerFactory;
            return this;
        }

        /** Whether accepted connections must present a certificate; default {@link ClientAuth#NONE}. */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = clientAuth;
            return this;
        }

        /**
         * Whether outbound connections check that the peer's certificate carries the IP address
         * connected to as a subject alternative name. Off by default because CUP addresses peers by
         * IPv4 and few certificates name IPs; then any certificate chaining to the trusted CAs is
         * accepted from any address, so keep those CAs private to the fleet, or turn this on.
         */
        public Builder verifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
            return this;
        }

        /** Maximum time a TLS handshake may take before the connection closes; default 10 s. */
        public Builder handshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
            return this;
        }

        /** The TLS protocols to enable, such as {@code TLSv1.3}; default empty for the JDK's defaults. */
        public Builder protocols(List<String> protocols) {
            this.protocols = (protocols != null) ? List.copyOf(protocols) : List.of();
            return this;
        }

        /** The cipher suites to enable; default empty for the JDK's defaults. */
        public Builder ciphers(List<String> ciphers) {
            this.ciphers = (ciphers != null) ? List.copyOf(ciphers) : List.of();
            return this;
        }

        /**
         * Checks the settings and reads the PEM files.
         * @throws InvalidOptionException naming the {@code tls.*} option, and the file, that cannot be used
         */
        public TlsOptions build() {
            check(this.clientAuth != null, "tls.clientAuth", null, "NONE, OPTIONAL or REQUIRE");
            check(this.handshakeTimeout != null && !this.handshakeTimeout.isNegative()
                    && !this.handshakeTimeout.isZero(), "tls.handshakeTimeout", this.handshakeTimeout,
                    "a positive duration");
            supported("tls.protocols", this.protocols, SSLParameters::getProtocols);
            supported("tls.ciphers", this.ciphers, SSLParameters::getCipherSuites);
            return new TlsOptions(this, keyManager(), trustManager());
        }

        private static void supported(String option, List<String> values, Function<SSLParameters, String[]> names) {
            if (values.isEmpty()) {
                return;
            }
            List<String> known;
            try {
                known = Arrays.asList(names.apply(SSLContext.getDefault().getSupportedSSLParameters()));
            }
            catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException("This JDK has no default TLS implementation", ex);
            }
            for (String value : values) {
                check(known.contains(value), option, values, "names this JDK supports; '" + value
                        + "' is not one of " + known);
            }
        }

        private KeyManagerFactory keyManager() {
            if (this.keyManagerFactory != null) {
                check(this.certificate == null && this.privateKey == null, "tls.keyManagerFactory",
                        this.keyManagerFactory, "the only key material: leave the certificate chain and private key unset");
                return this.keyManagerFactory;
            }
            check(this.certificate != null, "tls.certificate", null,
                    "set to the PEM file with this node's certificate (or give a key manager factory)");
            check(this.privateKey != null, "tls.privateKey", null,
                    "set to the PEM file with this node's PKCS#8 private key");
            return PemMaterial.keyManagerFactory(this.certificate, this.privateKey, this.privateKeyPassword);
        }

        private TrustManagerFactory trustManager() {
            if (this.trustManagerFactory != null) {
                check(this.trustCertificates == null, "tls.trustManagerFactory", this.trustManagerFactory,
                        "the only trust material: leave the trusted certificates unset");
                return this.trustManagerFactory;
            }
            if (this.trustCertificates == null) {
                check(this.clientAuth == ClientAuth.NONE, "tls.trustCertificates", null,
                        "set when client authentication is " + this.clientAuth
                                + ", to the PEM file of the CAs that issue your peers' certificates");
                return null;
            }
            return PemMaterial.trustManagerFactory(this.trustCertificates);
        }

    }

}
