package io.cupnet.metrics;

/**
 * Why a node refused a connection at accept or closed it on its own, as counted by
 * {@link CupnetStats#connectionsDropped(DropReason)}.
 */
public enum DropReason {

    /** The remote address lies outside every allowed peer range. */
    NOT_ALLOWED("not_allowed"),

    /** The node already held its maximum number of inbound connections. */
    TOO_MANY_CONNECTIONS("too_many_connections"),

    /** An inbound connection delivered no complete frame within the first-frame timeout. */
    FIRST_FRAME_TIMEOUT("first_frame_timeout"),

    /** No byte went either way for the idle timeout. */
    IDLE_TIMEOUT("idle_timeout"),

    /**
     * A frame claimed a {@code from} the connection may not speak for: another peer than its first frame named,
     * or, on a connection from outside the trusted proxies, an IP other than the connection's own.
     */
    SPOOFED_FROM("spoofed_from");

    private final String tag;

    DropReason(String tag) {
        this.tag = tag;
    }

    /** The lower-case name used in logs and metric tags, such as {@code "idle_timeout"}. */
    public String tag() {
        return this.tag;
    }

}
