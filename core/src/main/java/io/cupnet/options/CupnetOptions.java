package io.cupnet.options;

import java.time.Duration;
import java.util.function.Consumer;

import io.cupnet.MessageCenter;

import static io.cupnet.options.OptionChecks.positive;
import static io.cupnet.options.OptionChecks.require;

/**
 * Every setting of a {@link MessageCenter}, immutable; build one with {@link #builder()}.
 *
 * <p>Options come in the groups of the Spring Boot starter's {@code cupnet.*} properties, under the
 * same names: {@code options.ack().maxPendingPerPeer()} is {@code cupnet.ack.max-pending-per-peer}, and
 * an {@link InvalidOptionException} names the option as {@code ack.maxPendingPerPeer}.
 *
 * <pre>{@code
 * CupnetOptions options = CupnetOptions.builder()
 *         .server(server -> server.server(s -> s.host("0.0.0.0").advertisedHost("10.0.0.7").port(7100)))
 *         .ack(ack -> ack.timeout(Duration.ofSeconds(10)))
 *         .build();
 * }</pre>
 *
 * <p>Defaults follow Python CUP where it has one (send queue of 200 frames, TCP keepalive
 * 1 s / 3 s / 5 probes) and are otherwise chosen to be safe on a LAN.
 */
public final class CupnetOptions {

    private final ServerOptions server;

    private final TransportOptions transport;

    private final SocketOptions socket;

    private final SendOptions send;

    private final ReceiveOptions receive;

    private final AckOptions ack;

    private final ConnectOptions connect;

    private final ConnectionOptions connection;

    private final ListenerOptions listener;

    private final HeartbeatOptions heartbeat;

    private final TlsOptions tls;

    private final Duration shutdownTimeout;

    private CupnetOptions(Builder builder) {
        this.server = builder.server.build();
        this.transport = builder.transport.build();
        this.socket = builder.socket;
        this.send = builder.send.build();
        this.receive = builder.receive.build();
        this.ack = builder.ack.build();
        this.connect = builder.connect.build();
        this.connection = builder.connection.build();
        this.listener = builder.listener.build();
        this.heartbeat = builder.heartbeat.build();
        this.tls = builder.tls;
        this.shutdownTimeout = builder.shutdownTimeout;
    }

    /** A builder holding every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The options with every default. */
    public static CupnetOptions defaults() {
        return builder().build();
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Where the node listens and whom it accepts ({@code cupnet.server.*}). */
    public ServerOptions server() {
        return this.server;
    }

    /** The Netty transport, I/O threads and largest frame ({@code cupnet.transport.*}). */
    public TransportOptions transport() {
        return this.transport;
    }

    /** TCP options of every connection, in and out ({@code cupnet.socket.*}). */
    public SocketOptions socket() {
        return this.socket;
    }

    /** Send queues, overflow and delivery timeout ({@code cupnet.send.*}). */
    public SendOptions send() {
        return this.send;
    }

    /** Receive queue watermarks ({@code cupnet.receive.*}). */
    public ReceiveOptions receive() {
        return this.receive;
    }

    /** Need-ack delivery and its limits ({@code cupnet.ack.*}). */
    public AckOptions ack() {
        return this.ack;
    }

    /** Outbound connection attempts ({@code cupnet.connect.*}). */
    public ConnectOptions connect() {
        return this.connect;
    }

    /** Timeouts that close a connection ({@code cupnet.connection.*}). */
    public ConnectionOptions connection() {
        return this.connection;
    }

    /** Where and on how many threads the handler runs ({@code cupnet.listener.*}). */
    public ListenerOptions listener() {
        return this.listener;
    }

    /** Heartbeats on idle outbound connections ({@code cupnet.heartbeat.*}). */
    public HeartbeatOptions heartbeat() {
        return this.heartbeat;
    }

    /** TLS on every connection, inbound and outbound; {@code null} (the default) for plaintext CUP. */
    public TlsOptions tls() {
        return this.tls;
    }

    /** How long {@code close()} drains before it fails what is left ({@code cupnet.shutdown-timeout}). */
    public Duration shutdownTimeout() {
        return this.shutdownTimeout;
    }

    /** Builds {@link CupnetOptions}, validating every value in {@link #build()}. */
    public static final class Builder {

        private final ServerOptions.Builder server;

        private final TransportOptions.Builder transport;

        private SocketOptions socket;

        private final SendOptions.Builder send;

        private final ReceiveOptions.Builder receive;

        private final AckOptions.Builder ack;

        private final ConnectOptions.Builder connect;

        private final ConnectionOptions.Builder connection;

        private final ListenerOptions.Builder listener;

        private final HeartbeatOptions.Builder heartbeat;

        private TlsOptions tls;

        private Duration shutdownTimeout;

        private Builder() {
            this.server = new ServerOptions.Builder();
            this.transport = new TransportOptions.Builder();
            this.socket = SocketOptions.defaults();
            this.send = new SendOptions.Builder();
            this.receive = new ReceiveOptions.Builder();
            this.ack = new AckOptions.Builder();
            this.connect = new ConnectOptions.Builder();
            this.connection = new ConnectionOptions.Builder();
            this.listener = new ListenerOptions.Builder();
            this.heartbeat = new HeartbeatOptions.Builder();
            this.shutdownTimeout = Duration.ofSeconds(30);
        }

        private Builder(CupnetOptions options) {
            this.server = options.server.toBuilder();
            this.transport = options.transport.toBuilder();
            this.socket = options.socket;
            this.send = options.send.toBuilder();
            this.receive = options.receive.toBuilder();
            this.ack = options.ack.toBuilder();
            this.connect = options.connect.toBuilder();
            this.connection = options.connection.toBuilder();
            this.listener = options.listener.toBuilder();
            this.heartbeat = options.heartbeat.toBuilder();
            this.tls = options.tls;
            this.shutdownTimeout = options.shutdownTimeout;
        }

        /** Sets options of the {@code server} group. */
        public Builder server(Consumer<ServerOptions.Builder> settings) {
            settings.accept(this.server);
            return this;
        }

        /** Sets options of the {@code transport} group. */
        public Builder transport(Consumer<TransportOptions.Builder> settings) {
            settings.accept(this.transport);
            return this;
        }

        /** TCP options of every connection, in and out; default {@link SocketOptions#defaults()}, not null. */
        public Builder socket(SocketOptions socket) {
            this.socket = socket;
            return this;
        }

        /** Sets options of the {@code send} group. */
        public Builder send(Consumer<SendOptions.Builder> settings) {
            settings.accept(this.send);
            return this;
        }

        /** Sets options of the {@code receive} group. */
        public Builder receive(Consumer<ReceiveOptions.Builder> settings) {
            settings.accept(this.receive);
            return this;
        }

        /** Sets options of the {@code ack} group. */
        public Builder ack(Consumer<AckOptions.Builder> settings) {
            settings.accept(this.ack);
            return this;
        }

        /** Sets options of the {@code connect} group. */
        public Builder connect(Consumer<ConnectOptions.Builder> settings) {
            settings.accept(this.connect);
            return this;
        }

        /** Sets options of the {@code connection} group. */
        public Builder connection(Consumer<ConnectionOptions.Builder> settings) {
            settings.accept(this.connection);
            return this;
        }

        /** Sets options of the {@code listener} group. */
        public Builder listener(Consumer<ListenerOptions.Builder> settings) {
            settings.accept(this.listener);
            return this;
        }

        /** Sets options of the {@code heartbeat} group. */
        public Builder heartbeat(Consumer<HeartbeatOptions.Builder> settings) {
            settings.accept(this.heartbeat);
            return this;
        }

        /**
         * Turns TLS on with these settings, already checked by {@link TlsOptions.Builder#build()}; null turns it off.
         * Default {@code null}, plaintext CUP.
         */
        public Builder tls(TlsOptions tls) {
            this.tls = tls;
            return this;
        }

        /** How long {@code close()} drains before it fails what is left; default 30 s, a positive duration. */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /**
         * Validates the values and builds the options.
         * @throws InvalidOptionException naming the first invalid option, such as {@code ack.timeout}, its value
         * and what it must be
         */
        public CupnetOptions build() {
            require("socket", this.socket);
            positive("shutdownTimeout", this.shutdownTimeout);
            return new CupnetOptions(this);
        }

    }

}
