package io.cupnet.options;

import java.time.Duration;

import static io.cupnet.options.InvalidOptionException.check;

/**
 * TCP socket options applied to every connection, inbound and outbound.
 *
 * <p>The keepalive defaults are CUP's: the first probe after 1 s idle, then every 3 s,
 * the connection dropped after 5 unanswered probes. Both transports apply every option on
 * Linux; elsewhere the JDK may ignore the keepalive timings and quick-ack.
 *
 * @param noDelay whether to disable Nagle's algorithm (TCP_NODELAY)
 * @param reuseAddress whether to set SO_REUSEADDR, so that a restarted node binds its port at once
 * @param backlog maximum queue of connections not yet accepted
 * @param keepAlive whether to send TCP keepalive probes
 * @param keepAliveIdle idle time before the first keepalive probe 
 * @param keepAliveInterval time between keepalive probes 
 * @param keepAliveCount unanswered probes before the connection is dropped 
 * @param linger SO_LINGER time, or {@code null} to leave it off (a zero linger resets connections on close
 * and can discard frames not yet delivered)
 * @param quickAck whether to set TCP_QUICKACK 
 */
public record SocketOptions(boolean noDelay, boolean reuseAddress, int backlog, boolean keepAlive,
        Duration keepAliveIdle, Duration keepAliveInterval, int keepAliveCount, Duration linger, boolean quickAck) {

    public SocketOptions {
        check(backlog >= 1, "socket.backlog", backlog, "at least 1");
        check(keepAliveCount >= 1, "socket.keepAliveCount", keepAliveCount, "at least 1");
        requireSeconds("socket.keepAliveIdle", keepAliveIdle);
        requireSeconds("socket.keepAliveInterval", keepAliveInterval);
        check(linger == null || !linger.isNegative(), "socket.linger", linger, "zero or more, or unset");
    }

    /** The defaults: no-delay, reuse-address, backlog 1024, CUP's keepalive, no linger, quick-ack. */
    public static SocketOptions defaults() {
        return new SocketOptions(true, true, 1024, true, Duration.ofSeconds(1), Duration.ofSeconds(3), 5, null, true);
    }

    private static void requireSeconds(String name, Duration value) {
        check(value != null && value.toSeconds() >= 1, name, value, "at least 1 second");
    }

}
