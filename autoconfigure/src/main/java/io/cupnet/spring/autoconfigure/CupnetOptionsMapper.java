package io.cupnet.spring.autoconfigure;

import java.util.Locale;
import java.util.regex.Pattern;

import io.cupnet.options.AckOptions;
import io.cupnet.options.Backoff;
import io.cupnet.options.CupnetOptions;
import io.cupnet.options.InvalidOptionException;
import io.cupnet.options.ReceiveOptions;
import io.cupnet.options.SendOptions;
import io.cupnet.options.ServerOptions;
import io.cupnet.options.SocketOptions;
import io.cupnet.options.TransportOptions;
import org.springframework.boot.ssl.SslBundles;

/**
 * Maps {@link CupnetProperties} onto a {@link CupnetOptions.Builder}, failing with an
 * {@link InvalidCupnetPropertyException} that names the {@code cupnet.*} property when a
 * value is invalid.
 *
 * <p>Core's options have the groups and names of the properties, so an option such as
 * {@code ack.maxPendingPerPeer} is the property {@code cupnet.ack.max-pending-per-peer}.
 */
public final class CupnetOptionsMapper {

    /** An option name as core writes it, such as {@code ack.maxPendingPerPeer} or {@code shutdownTimeout}. */
    private static final Pattern OPTION = Pattern.compile(
            "\\b(?:server|transport|socket|send|receive|ack|connect|connection|listener|heartbeat|tls)\\.[a-z][\\w.]*");

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
        try {
            CupnetOptions.Builder builder = CupnetOptions.builder()
                .server((server) -> server(server, properties.getServer()))
                .transport((transport) -> transport(transport, properties.getTransport()))
                .socket(socket(properties.getSocket()))
                .send((send) -> send(send, properties.getSend()))
                .receive((receive) -> receive(receive, properties.getReceive()))
                .ack((ack) -> ack(ack, properties.getAck()))
                .connect((connect) -> connect.timeout(properties.getConnect().getTimeout())
                    .backoff(backoff(properties.getConnect().getBackoff())))
                .connection((connection) -> connection.idleTimeout(properties.getConnection().getIdleTimeout())
                    .firstFrameTimeout(properties.getConnection().getFirstFrameTimeout())
                    .maxPeers(properties.getConnection().getMaxPeers())
                    .peerIdleTimeout(properties.getConnection().getPeerIdleTimeout()))
                .listener((listener) -> listener.concurrency(properties.getListener().getConcurrency())
                    .dispatch(properties.getListener().getDispatch()))
                .heartbeat((heartbeat) -> heartbeat.interval(properties.getHeartbeat().getInterval())
                    .misses(properties.getHeartbeat().getMisses()))
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

    /** The property of a core option: {@code ack.maxPendingPerPeer} is {@code cupnet.ack.max-pending-per-peer}. */
    static String property(String option) {
        return "cupnet." + option.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static void server(ServerOptions.Builder server, CupnetProperties.Server properties) {
        server.host(trim(properties.getHost()))
            .port(properties.getPort())
            .advertisedHost(blankToNull(properties.getAdvertisedHost()))
            .maxConnections(properties.getMaxConnections())
            .allowedPeers(properties.getAllowedPeers())
            .trustedProxies(properties.getTrustedProxies());
    }

    private static void transport(TransportOptions.Builder transport, CupnetProperties.Transport properties) {
        transport.type(properties.getType()).ioThreads(properties.getIoThreads()).maxFrameSize(frameSize(properties));
    }

    private static void send(SendOptions.Builder send, CupnetProperties.Send properties) {
        send.queueCapacity(properties.getQueueCapacity())
            .overflowPolicy(properties.getOverflowPolicy())
            .overflowWait(properties.getOverflowWait())
            .deliveryTimeout(properties.getDeliveryTimeout());
    }

    private static void receive(ReceiveOptions.Builder receive, CupnetProperties.Receive properties) {
        receive.lowWatermark(properties.getLowWatermark())
            .highWatermark(properties.getHighWatermark())
            .lowWatermarkBytes(properties.getLowWatermarkBytes().toBytes())
            .highWatermarkBytes(properties.getHighWatermarkBytes().toBytes());
    }

    private static void ack(AckOptions.Builder ack, CupnetProperties.Ack properties) {
        ack.retryInterval(properties.getRetryInterval())
            .timeout(properties.getTimeout())
            .mode(properties.getMode())
            .dedupWindow(properties.getDedupWindow())
            .maxPending(properties.getMaxPending())
            .maxPendingPerPeer(properties.getMaxPendingPerPeer())
            .maxQueuedPerPeer(properties.getMaxQueuedPerPeer());
    }

    private static int frameSize(CupnetProperties.Transport transport) {
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

    /** Names the property behind the option, in the message and in the requirement, which may name another option. */
    private static RuntimeException translate(InvalidOptionException ex) {
        String requirement = OPTION.matcher(ex.requirement()).replaceAll((match) -> property(match.group()));
        return new InvalidCupnetPropertyException(property(ex.option()), ex.value(), requirement, ex);
    }

    private static String trim(String value) {
        return (value != null) ? value.trim() : null;
    }

    private static String blankToNull(String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

}
