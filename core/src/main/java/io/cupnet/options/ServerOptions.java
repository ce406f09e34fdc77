package io.cupnet.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.cupnet.internal.guard.AllowedPeers;

import static io.cupnet.options.InvalidOptionException.check;
import static io.cupnet.options.OptionChecks.ipv4;
import static io.cupnet.options.OptionChecks.require;

/**
 * Where a node listens, the address it gives peers in {@code from}, and which inbound connections it accepts.
 *
 * <p>The {@code server} group of {@link CupnetOptions}, set with
 * {@link CupnetOptions.Builder#server(java.util.function.Consumer)}; the Spring Boot starter binds it from
 * {@code cupnet.server.*}.
 */
public final class ServerOptions {

    private final String host;

    private final int port;

    private final String advertisedHost;

    private final int maxConnections;

    private final List<String> allowedPeers;

    private final List<String> trustedProxies;

    private ServerOptions(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.advertisedHost = builder.advertisedHost;
        this.maxConnections = builder.maxConnections;
        this.allowedPeers = builder.allowedPeers;
        this.trustedProxies = builder.trustedProxies;
    }

    /** IPv4 address to bind, dotted (host names are not resolved); default {@code 127.0.0.1}. */
    public String host() {
        return this.host;
    }

    /** Port to bind, 0 for any free port; default 7100, between 0 and 65535. */
    public int port() {
        return this.port;
    }

    /**
     * IPv4 address put in the {@code from} of every frame, the one peers reach this node at; default {@code null}
     * for the bound {@link Builder#host(String) host}, which must then not be a wildcard.
     */
    public String advertisedHost() {
        return this.advertisedHost;
    }

    /** Inbound connections open at once, more being closed at accept; default 10,000, at least 1. */
    public int maxConnections() {
        return this.maxConnections;
    }

    /**
     * CIDR ranges such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a range of one. Inbound
     * connections from other addresses are closed at accept. Default empty, which allows every address; not null.
     */
    public List<String> allowedPeers() {
        return this.allowedPeers;
    }

    /**
     * CIDR ranges of trusted gateways, NAT devices or proxies, such as {@code 10.0.0.1} or {@code 172.16.0.0/12}.
     * A connection speaks for the peer its first frame names in {@code from}; that peer's IP must be the
     * connection's own remote IP unless the connection comes from one of these ranges. Default empty, which trusts
     * none; not null.
     */
    public List<String> trustedProxies() {
        return this.trustedProxies;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link ServerOptions}; {@link CupnetOptions.Builder#build()} validates it. */
    public static final class Builder {

        private String host = "127.0.0.1";

        private int port = 7100;

        private String advertisedHost;

        private int maxConnections = 10_000;

        private List<String> allowedPeers = List.of();

        private List<String> trustedProxies = List.of();

        Builder() {
        }

        private Builder(ServerOptions options) {
            this.host = options.host;
            this.port = options.port;
            this.advertisedHost = options.advertisedHost;
            this.maxConnections = options.maxConnections;
            this.allowedPeers = options.allowedPeers;
            this.trustedProxies = options.trustedProxies;
        }

        /** IPv4 address to bind, dotted (host names are not resolved); default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Port to bind, 0 for any free port; default 7100, between 0 and 65535. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * IPv4 address put in the {@code from} of every frame, the one peers reach this node at; default {@code
         * null} for the bound {@link #host(String) host}, which must then not be a wildcard.
         */
        public Builder advertisedHost(String advertisedHost) {
            this.advertisedHost = advertisedHost;
            return this;
        }

        /** Inbound connections open at once, more being closed at accept; default 10,000, at least 1. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * CIDR ranges such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a range of one. Inbound
         * connections from other addresses are closed at accept. Default empty, which allows every address; not
         * null.
         */
        public Builder allowedPeers(List<String> allowedPeers) {
            this.allowedPeers = (allowedPeers != null)
                    ? Collections.unmodifiableList(new ArrayList<>(allowedPeers)) : null;
            return this;
        }

        /**
         * CIDR ranges of trusted gateways, NAT devices or proxies, such as {@code 10.0.0.1} or {@code 172.16.0.0/12}.
         * A connection speaks for the peer its first frame names in {@code from}; that peer's IP must be the
         * connection's own remote IP unless the connection comes from one of these ranges. Default empty, which trusts
         * none; not null.
         */
        public Builder trustedProxies(List<String> trustedProxies) {
            this.trustedProxies = (trustedProxies != null)
                    ? Collections.unmodifiableList(new ArrayList<>(trustedProxies)) : null;
            return this;
        }

        ServerOptions build() {
            ipv4("server.host", this.host);
            check(this.port >= 0 && this.port <= 65535, "server.port", this.port, "between 0 and 65535");
            if (this.advertisedHost != null) {
                ipv4("server.advertisedHost", this.advertisedHost);
            }
            check(this.maxConnections > 0, "server.maxConnections", this.maxConnections, "at least 1");
            require("server.allowedPeers", this.allowedPeers);
            AllowedPeers.parse(this.allowedPeers);
            require("server.trustedProxies", this.trustedProxies);
            AllowedPeers.parse("server.trustedProxies", this.trustedProxies);
            return new ServerOptions(this);
        }

    }

}
