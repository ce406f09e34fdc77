package io.cupnet.spring.listener;

/**
 * Names of the message headers a {@code @MessageListener} method can take with
 * {@code @Header(CupnetHeaders.FLAGS) int flags}.
 */
public final class CupnetHeaders {

    /** The frame's flag bits, an {@code int}. */
    public static final String FLAGS = "cupnet_flags";

    /** The message type, an {@code int}. */
    public static final String TYPE = "cupnet_type";

    /** The message's {@code UniqId}. */
    public static final String UNIQ_ID = "cupnet_uniqId";

    /** The sender's {@code PeerAddress}. */
    public static final String FROM = "cupnet_from";

    /** The receiver's {@code PeerAddress}, as the sender addressed it. */
    public static final String TO = "cupnet_to";

    /** The transport the message came by, a {@code String}: {@code tcp}, or another's name such as {@code amqp}. */
    public static final String TRANSPORT = "cupnet_transport";

    /** The {@code Acknowledgment} handle. */
    public static final String ACKNOWLEDGMENT = "cupnet_acknowledgment";

    private CupnetHeaders() {
    }

}
