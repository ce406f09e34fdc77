package io.cupnet;

/**
 * The message types that CUP applications conventionally use, and the range reserved for the library.
 *
 * <p>Types up to {@link #MAX_APPLICATION_TYPE} belong to applications; larger ones to the library.
 */
public final class MessageTypes {

    /** A liveness probe, usually sent with {@link MessageFlags#URGENT} alone. */
    public static final int HEART_BEAT = 1;

    /** A request for a resource. */
    public static final int RESOURCE_ACQUIRE = 2;

    /** The release of a resource. */
    public static final int RESOURCE_RELEASE = 3;

    /** A positive acknowledgement; the type of the frames that acknowledge need-ack messages. */
    public static final int ACK_OK = 4;

    /** A negative acknowledgement. */
    public static final int ACK_FAILURE = 5;

    /** The answer to a {@link #HEART_BEAT}. */
    public static final int ACK_HEART_BEAT = 6;

    /** The answer to a creation request. */
    public static final int ACK_CREATE = 7;

    /** A message that asks for an acknowledgement. */
    public static final int NEED_ACK = 8;

    /** The largest type that belongs to applications. */
    public static final int MAX_APPLICATION_TYPE = 65535;

    /** The type that Python CUP registers for its acknowledgements. */
    public static final int ACK = 65536;

    private MessageTypes() {
    }
}
