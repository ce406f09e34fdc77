package io.cupnet;

import io.cupnet.internal.wire.CupFrameDecoder;
import io.netty.handler.codec.DecoderException;

/**
 * Thrown by {@link CupFrameDecoder} when a peer sends bytes that are not a valid CUP012-3 frame.
 *
 * <p>The connection cannot be resynchronised after this; the transport closes it.
 */
public class CorruptedFrameException extends DecoderException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the frame. */
    public enum Reason {
        /** The first bytes of the connection are not {@code "CUP012-3"}. */
        BAD_HEAD("bad_head"),
        /** The frame length is smaller than the fixed header. */
        SHORT_LENGTH("short_length"),
        /** The frame length exceeds the configured maximum. */
        OVERSIZE("oversize"),
        /** The connection closed in the middle of a frame. */
        TRUNCATED("truncated");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        /** The lower-case name used in logs and metric tags, such as {@code "bad_head"}. */
        public String tag() {
            return tag;
        }
    }

    private final Reason reason;

    /** Creates an exception for {@code reason} whose message names the value, the limit and the peer. */
    public CorruptedFrameException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** What was wrong with the frame. */
    public Reason reason() {
        return reason;
    }
}
