package io.cupnet;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who sent a frame, as the TLS handshake of its connection proved it: the certificate chain the
 * peer presented and that this node verified against its trust material.
 *
 * <p>Unlike a frame's {@code from}, which the sender writes as it likes, this is an identity. It
 * exists only for frames that arrived over TLS from a peer that presented a certificate (mutual
 * TLS); see {@link CupMessage#peerIdentity()}.
 */
public final class PeerIdentity {

    private static final int SAN_DNS = 2;

    private static final int SAN_URI = 6;

    private static final int SAN_IP = 7;

    private final List<X509Certificate> certificates;

    private final List<String> dnsNames;

    private final List<String> ipAddresses;

    private final List<String> uris;

    private PeerIdentity(List<X509Certificate> certificates) {
        this.certificates = List.copyOf(certificates);
        this.dnsNames = alternativeNames(certificate(), SAN_DNS);
        this.ipAddresses = alternativeNames(certificate(), SAN_IP);
        this.uris = alternativeNames(certificate(), SAN_URI);
    }

    /**
     * The identity proven by a verified certificate chain, the peer's own certificate first.
     * @throws IllegalArgumentException when the chain is empty
     */
    public static PeerIdentity of(List<X509Certificate> certificates) {
        Objects.requireNonNull(certificates, "certificates");
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("A peer identity needs at least the peer's own certificate");
        }
        return new PeerIdentity(certificates);
    }

    /** The peer's own certificate. */
    public X509Certificate certificate() {
        return this.certificates.get(0);
    }

    /** The chain the peer presented, its own certificate first. */
    public List<X509Certificate> certificates() {
        return this.certificates;
    }

    /** The subject of the peer's certificate as an RFC 2253 name, such as {@code CN=node-a,O=acme}. */
    public String subject() {
        return certificate().getSubjectX500Principal().getName();
    }

    /** The most specific common name (CN) of the subject, or {@code null} when it has none. */
    public String commonName() {
        try {
            List<Rdn> rdns = new LdapName(subject()).getRdns();
            // LdapName lists the most significant RDN first, so the last CN is the most specific.
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if ("CN".equalsIgnoreCase(rdns.get(i).getType())) {
                    return String.valueOf(rdns.get(i).getValue());
                }
            }
            return null;
        }
        catch (InvalidNameException ex) {
            return null;
        }
    }

    /** The DNS names among the certificate's subject alternative names. */
    public List<String> dnsNames() {
        return this.dnsNames;
    }

    /** The IP addresses among the certificate's subject alternative names, as the JDK prints them. */
    public List<String> ipAddresses() {
        return this.ipAddresses;
    }

    /** The URIs among the certificate's subject alternative names, such as SPIFFE ids. */
    public List<String> uris() {
        return this.uris;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof PeerIdentity identity && this.certificates.equals(identity.certificates);
    }

    @Override
    public int hashCode() {
        return this.certificates.hashCode();
    }

    @Override
    public String toString() {
        return "PeerIdentity[" + subject() + "]";
    }

    private static List<String> alternativeNames(X509Certificate certificate, int type) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        }
        catch (CertificateParsingException ex) {
            return List.of();
        }
        if (names == null) {
            return List.of();
        }
        List<String> matching = new ArrayList<>();
        for (List<?> name : names) {
            if (name.size() >= 2 && name.get(0) instanceof Integer kind && kind == type
                    && name.get(1) instanceof String value) {
                matching.add(value);
            }
        }
        return List.copyOf(matching);
    }

}
