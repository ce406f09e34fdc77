package io.cupnet.spring.autoconfigure;

import java.util.Map;

import io.cupnet.options.Backoff;
import io.cupnet.options.CupnetOptions;
import io.cupnet.options.InvalidOptionException;
import io.cupnet.options.SocketOptions;
import org.springframework.boot.ssl.SslBundles;

/**
 * Maps {@link CupnetProperties} onto a {@link CupnetOptions.Builder}, failing with an
 * {@link InvalidCupnetPropertyException} that names the {@code cupnet.*} property when a
 * value is invalid.
 */
public final class CupnetOptionsMapper {

    /** The {@code cupnet.*} property behind each core option that can be invalid. */
    private static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("host", "cupnet.server.host"),
            Map.entry("advertisedHost", "cupnet.server.advertised-host"),
            Map.entry("port", "cupnet.server.port"),
            Map.entry("maxInboundConnections", "cupnet.server.max-connections"),
            Map.entry("allowedPeers", "cupnet.server.allowed-peers"),
            Map.entry("idleTimeout", "cupnet.connection.idle-timeout"),
            Map.entry("firstFrameTimeout", "cupnet.connection.first-frame-timeout"),
            Map.entry("ioThreads", "cupnet.transport.io-threads"),
            Map.entry("transportType", "cupnet.transport.type"),
            Map.entry("maxFrameLength", "cupnet.transport.max-frame-size"),
            Map.entry("socket.backlog", "cupnet.socket.backlog"),
            Map.entry("socket.keepAliveCount", "cupnet.socket.keep-alive-count"),
            Map.entry("socket.keepAliveIdle", "cupnet.socket.keep-alive-idle"),
            Map.entry("socket.keepAliveInterval", "cupnet.socket.keep-alive-interval"),
            Map.entry("socket.linger", "cupnet.socket.linger"),
            Map.entry("sendQueueCapacity", "cupnet.send.queue-capacity"),
            Map.entry("overflowPolicy", "cupnet.send.overflow-policy"),
            Map.entry("overflowWait", "cupnet.send.overflow-wait"),
            Map.entry("deliveryTimeout", "cupnet.send.delivery-timeout"),
            Map.entry("receiveWatermarks", "cupnet.receive.low-watermark"),
            Map.entry("ackRetryInterval", "cupnet.ack.retry-interval"),
            Map.entry("ackTimeout", "cupnet.ack.timeout"),
            Map.entry("ackMode", "cupnet.ack.mode"),
            Map.entry("dedupWindowSize", "cupnet.ack.dedup-window"),
            Map.entry("maxPendingAcks", "cupnet.ack.max-pending"),
            Map.entry("maxPendingAcksPerPeer", "cupnet.ack.max-pending-per-peer"),
            Map.entry("connectTimeout", "cupnet.connect.timeout"),
            Map.entry("backoff.initial", "cupnet.connect.backoff.initial"),
            Map.entry("backoff.max", "cupnet.connect.backoff.max"),
            Map.entry("backoff.multiplier", "cupnet.connect.backoff.multiplier"),
            Map.entry("backoff.jitter", "cupnet.connect.backoff.jitter"),
            Map.entry("handlerConcurrency", "cupnet.listener.concurrency"),
            Map.entry("dispatchMode", "cupnet.listener.dispatch"),
            Map.entry("heartbeatInterval", "cupnet.heartbeat.interval"),
            Map.entry("heartbeatMisses", "cupnet.heartbeat.misses"),
            Map.entry("shutdownTimeout", "cupnet.shutdown-timeout"),
            Map.entry("tls.certificateChain", "cupnet.tls.certificate"),
            Map.entry("tls.privateKey", "cupnet.tls.private-key"),
            Map.entry("tls.privateKeyPassword", "cupnet.tls.private-key-password"),
            Map.entry("tls.trustCertificates", "cupnet.tls.trust-certificates"),
            Map.entry("tls.keyManagerFactory", "cupnet.tls.bundle"),
            Map.entry("tls.trustManagerFactory", "cupnet.tls.bundle"),
            Map.entry("tls.clientAuth", "cupnet.tls.client-auth"),
            Map.entry("tls.handshakeTimeout", "cupnet.tls.handshake-timeout"),
            Map.entry("tls.protocols", "cupnet.tls.protocols"),
            Map.entry("tls.ciphers", "cupnet.tls.ciphers"));

    private CupnetOptionsMapper() {
    }

    /**
     * A builder holding every property; {@link CupnetOptions.Builder#build()} then checks only
     * what customizers change.
     */
    public static CupnetOptions.Builder toBuilder(CupnetProperties properties) {
        return toBuilder(properties, null);
    }

    /**
     * A builder holding every property, with the SSL bundles that {@code cupnet.tls.bundle} may name.
     * @param sslBundles the application's SSL bundles, or {@code null}
     */
    public static CupnetOptions.Builder toBuilder(CupnetProperties properties, SslBundles sslBundles) {
        CupnetProperties.Server server = properties.getServer();
        CupnetProperties.Receive receive = properties.getReceive();
        // Core knows a single "watermarks" option; the message here names both properties.
        if (receive.getLowWatermark() < 0 || receive.getLowWatermark() >= receive.getHighWatermark()) {
            throw new InvalidCupnetPropertyException("cupnet.receive.low-watermark", receive.getLowWatermark(),
                    "0 or more and below cupnet.receive.high-watermark (" + receive.getHighWatermark() + ")", null);
        }
        try {
            CupnetOptions.Builder builder = CupnetOptions.builder()
                .host(trim(server.getHost()))
                .port(server.getPort())
                .advertisedHost(blankToNull(server.getAdvertisedHost()))
                .maxInboundConnections(server.getMaxConnections())
                .allowedPeers(server.getAllowedPeers())
                .transportType(properties.getTransport().getType())
                .ioThreads(properties.getTransport().getIoThreads())
                .maxFrameLength(frameLength(properties.getTransport()))
                .socket(socket(properties.getSocket()))
                .sendQueueCapacity(properties.getSend().getQueueCapacity())
                .overflowPolicy(properties.getSend().getOverflowPolicy())
                .overflowWait(properties.getSend().getOverflowWait())
                .deliveryTimeout(properties.getSend().getDeliveryTimeout())
                .receiveWatermarks(receive.getLowWatermark(), receive.getHighWatermark())
                .ackRetryInterval(properties.getAck().getRetryInterval())
                .ackTimeout(properties.getAck().getTimeout())
                .ackMode(properties.getAck().getMode())
                .dedupWindowSize(properties.getAck().getDedupWindow())
                .maxPendingAcks(properties.getAck().getMaxPending())
                .maxPendingAcksPerPeer(properties.getAck().getMaxPendingPerPeer())
                .connectTimeout(properties.getConnect().getTimeout())
                .backoff(backoff(properties.getConnect().getBackoff()))
                .idleTimeout(properties.getConnection().getIdleTimeout())
                .firstFrameTimeout(properties.getConnection().getFirstFrameTimeout())
                .handlerConcurrency(properties.getListener().getConcurrency())
                .dispatchMode(properties.getListener().getDispatch())
                .heartbeatInterval(properties.getHeartbeat().getInterval())
                .heartbeatMisses(properties.getHeartbeat().getMisses())
                .shutdownTimeout(properties.getShutdownTimeout())
                .tls(CupnetTlsMapper.map(properties.getTls(), sslBundles));
            builder.build();
            return builder;
        }
        catch (InvalidOptionException ex) {
            throw translate(ex);
        }
    }

    /** Builds the options, naming the {@code cupnet.*} property that core rejects. */
    public static CupnetOptions build(CupnetOptions.Builder builder) {
        try {
            return builder.build();
        }
        catch (InvalidOptionException ex) {
            throw translate(ex);
        }
    }

    private static int frameLength(CupnetProperties.Transport transport) {
        long bytes = transport.getMaxFrameSize().toBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new InvalidCupnetPropertyException("cupnet.transport.max-frame-size", transport.getMaxFrameSize(),
                    "at most " + Integer.MAX_VALUE + "B", null);
        }
        return (int) bytes;
    }

    private static SocketOptions socket(CupnetProperties.Socket socket) {
        return new SocketOptions(socket.isNoDelay(), socket.isReuseAddress(), socket.getBacklog(), socket.isKeepAlive(),
                socket.getKeepAliveIdle(), socket.getKeepAliveInterval(), socket.getKeepAliveCount(),
                socket.getLinger(), socket.isQuickAck());
    }

    private static Backoff backoff(CupnetProperties.Backoff backoff) {
        return new Backoff(backoff.getInitial(), backoff.getMax(), backoff.getMultiplier(), backoff.getJitter());
    }

    private static RuntimeException translate(InvalidOptionException ex) {
        String property = PROPERTIES.get(ex.option());
        if (property == null) {
            return ex;
        }
        return new InvalidCupnetPropertyException(property, ex.value(), ex.requirement(), ex);
    }

    private static String trim(String value) {
        return (value != null) ? value.trim() : null;
    }

    private static String blankToNull(String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

}
