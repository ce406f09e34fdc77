package io.cupnet.spring.autoconfigure;

import java.time.Duration;
import java.util.function.Supplier;

import io.cupnet.transport.Backoff;
import io.cupnet.transport.CupnetOptions;
import io.cupnet.transport.SocketOptions;
import io.cupnet.wire.CupMessage;
import io.cupnet.wire.PeerAddress;

/**
 * Maps {@link CupnetProperties} onto a {@link CupnetOptions.Builder}, failing with an
 * {@link InvalidCupnetPropertyException} that names the {@code cupnet.*} property when a
 * value is invalid.
 */
public final class CupnetOptionsMapper {

    private CupnetOptionsMapper() {
    }

    /**
     * A builder holding every property; {@link CupnetOptions.Builder#build()} then checks only
     * what customizers change.
     */
    public static CupnetOptions.Builder toBuilder(CupnetProperties properties) {
        CupnetProperties.Server server = properties.getServer();
        requireIpv4("cupnet.server.host", server.getHost());
        if (server.getAdvertisedHost() != null && !server.getAdvertisedHost().isBlank()) {
            requireIpv4("cupnet.server.advertised-host", server.getAdvertisedHost());
        }
        check(server.getPort() >= 0 && server.getPort() <= 65535, "cupnet.server.port", server.getPort(),
                "between 0 and 65535 (0 picks a free port)");
        CupnetProperties.Receive receive = properties.getReceive();
        check(receive.getLowWatermark() >= 0 && receive.getLowWatermark() < receive.getHighWatermark(),
                "cupnet.receive.low-watermark", receive.getLowWatermark(),
                "0 or more and below cupnet.receive.high-watermark (" + receive.getHighWatermark() + ")");
        CupnetOptions.Builder builder = CupnetOptions.builder()
            .host(server.getHost().trim())
            .port(server.getPort())
            .advertisedHost(blankToNull(server.getAdvertisedHost()))
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
            .connectTimeout(properties.getConnect().getTimeout())
            .backoff(backoff(properties.getConnect().getBackoff()))
            .handlerConcurrency(properties.getListener().getConcurrency())
            .shutdownTimeout(properties.getShutdownTimeout());
        build(builder);
        return builder;
    }

    /** Builds the options, naming the {@code cupnet.*} property that core rejects. */
    public static CupnetOptions build(CupnetOptions.Builder builder) {
        try {
            return builder.build();
        }
        catch (IllegalArgumentException ex) {
            throw translate(ex);
        }
    }

    private static int frameLength(CupnetProperties.Transport transport) {
        long bytes = transport.getMaxFrameSize().toBytes();
        int smallest = CupMessage.HEAD_LENGTH + CupMessage.HEADER_LENGTH;
        check(bytes > smallest && bytes <= Integer.MAX_VALUE, "cupnet.transport.max-frame-size",
                transport.getMaxFrameSize(), "more than " + smallest + "B and at most " + Integer.MAX_VALUE + "B");
        return (int) bytes;
    }

    private static SocketOptions socket(CupnetProperties.Socket socket) {
        check(socket.getBacklog() >= 1, "cupnet.socket.backlog", socket.getBacklog(), "at least 1");
        check(socket.getKeepAliveCount() >= 1, "cupnet.socket.keep-alive-count", socket.getKeepAliveCount(),
                "at least 1");
        requireSeconds("cupnet.socket.keep-alive-idle", socket.getKeepAliveIdle());
        requireSeconds("cupnet.socket.keep-alive-interval", socket.getKeepAliveInterval());
        check(socket.getLinger() == null || !socket.getLinger().isNegative(), "cupnet.socket.linger",
                socket.getLinger(), "zero or more, or unset");
        return wrap("cupnet.socket", socket, () -> new SocketOptions(socket.isNoDelay(), socket.isReuseAddress(),
                socket.getBacklog(), socket.isKeepAlive(), socket.getKeepAliveIdle(), socket.getKeepAliveInterval(),
                socket.getKeepAliveCount(), socket.getLinger(), socket.isQuickAck()));
    }

    private static Backoff backoff(CupnetProperties.Backoff backoff) {
        positive("cupnet.connect.backoff.initial", backoff.getInitial());
        check(backoff.getMax() != null && backoff.getMax().compareTo(backoff.getInitial()) >= 0,
                "cupnet.connect.backoff.max", backoff.getMax(),
                "at least cupnet.connect.backoff.initial (" + backoff.getInitial() + ")");
        check(backoff.getMultiplier() >= 1.0, "cupnet.connect.backoff.multiplier", backoff.getMultiplier(),
                "at least 1");
        check(backoff.getJitter() >= 0.0 && backoff.getJitter() <= 1.0, "cupnet.connect.backoff.jitter",
                backoff.getJitter(), "between 0 and 1");
        return wrap("cupnet.connect.backoff", backoff, () -> new Backoff(backoff.getInitial(), backoff.getMax(),
                backoff.getMultiplier(), backoff.getJitter()));
    }

    private static <T> T wrap(String group, Object value, Supplier<T> factory) {
        try {
            return factory.get();
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidCupnetPropertyException(group + ".*", value, ex.getMessage(), ex);
        }
    }

    private static RuntimeException translate(IllegalArgumentException ex) {
        String message = String.valueOf(ex.getMessage());
        String option = message.startsWith("Option '") ? message.substring(8, message.indexOf('\'', 8)) : "";
        String property = switch (option) {
            case "host" -> "cupnet.server.host";
            case "port" -> "cupnet.server.port";
            case "ioThreads" -> "cupnet.transport.io-threads";
            case "maxFrameLength" -> "cupnet.transport.max-frame-size";
            case "sendQueueCapacity" -> "cupnet.send.queue-capacity";
            case "overflowWait" -> "cupnet.send.overflow-wait";
            case "overflowPolicy" -> "cupnet.send.overflow-policy";
            case "deliveryTimeout" -> "cupnet.send.delivery-timeout";
            case "receiveWatermarks" -> "cupnet.receive.low-watermark";
            case "ackRetryInterval" -> "cupnet.ack.retry-interval";
            case "ackTimeout" -> "cupnet.ack.timeout";
            case "ackMode" -> "cupnet.ack.mode";
            case "dedupWindowSize" -> "cupnet.ack.dedup-window";
            case "connectTimeout" -> "cupnet.connect.timeout";
            case "handlerConcurrency" -> "cupnet.listener.concurrency";
            case "shutdownTimeout" -> "cupnet.shutdown-timeout";
            case "transportType" -> "cupnet.transport.type";
            default -> null;
        };
        if (property == null) {
            return ex;
        }
        String requirement = message.contains("it must be ") ? message.substring(message.indexOf("it must be ") + 11)
                : "valid (" + message + ")";
        Object value = message.contains("' is ") && message.contains(";")
                ? message.substring(message.indexOf("' is ") + 5, message.indexOf(';')) : "invalid";
        return new InvalidCupnetPropertyException(property, value, requirement, ex);
    }

    private static void requireIpv4(String property, String value) {
        check(value != null, property, null, "an IPv4 address such as 127.0.0.1");
        try {
            PeerAddress.of(value.trim(), 0);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidCupnetPropertyException(property, value,
                    "a dotted IPv4 address such as 127.0.0.1 (CUP012-3 carries only IPv4; host names are not resolved)",
                    ex);
        }
    }

    private static void positive(String property, Duration value) {
        check(value != null && !value.isNegative() && !value.isZero(), property, value, "a positive duration");
    }

    private static void requireSeconds(String property, Duration value) {
        check(value != null && value.toSeconds() >= 1, property, value, "at least 1 second");
    }

    private static void check(boolean valid, String property, Object value, String requirement) {
        if (!valid) {
            throw new InvalidCupnetPropertyException(property, value, requirement, null);
        }
    }

    private static String blankToNull(String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

}
