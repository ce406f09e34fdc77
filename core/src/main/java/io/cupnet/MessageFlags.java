package io.cupnet;

/**
 * The bits of a CUP012-3 frame's {@code flag} field.
 *
 * <p>Unknown bits are carried unchanged; {@link #describe(int)} shows them in hex.
 */
public final class MessageFlags {

    /** High priority: jumps ahead of normal frames in send and receive queues. */
    public static final int URGENT = 0x1;

    /** Ordinary priority, set by default on every new message. */
    public static final int NORMAL = 0x2;

    /** The sender resends this frame until it receives an acknowledgement. */
    public static final int NEEDACK = 0x4;

    /** This frame acknowledges an earlier {@link #NEEDACK} frame. */
    public static final int ACK = 0x8;

    private static final int[] KNOWN = {URGENT, NORMAL, NEEDACK, ACK};
    private static final String[] NAMES = {"URGENT", "NORMAL", "NEEDACK", "ACK"};
    private static final int ALL_KNOWN = URGENT | NORMAL | NEEDACK | ACK;

    private MessageFlags() {
    }

    /** Whether {@code flags} has the {@link #URGENT} bit. */
    public static boolean isUrgent(int flags) {
        return (flags & URGENT) != 0;
    }

    /** Whether {@code flags} has the {@link #NEEDACK} bit. */
    public static boolean needsAck(int flags) {
        return (flags & NEEDACK) != 0;
    }

    /** Whether {@code flags} has the {@link #ACK} bit. */
    public static boolean isAck(int flags) {
        return (flags & ACK) != 0;
    }

    /**
     * Names the bits of {@code flags}, such as {@code "NORMAL|NEEDACK"}; unknown bits appear in hex
     * ({@code "NORMAL|0x10"}) and no bit at all as {@code "0x0"}.
     */
    public static String describe(int flags) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < KNOWN.length; i++) {
            if ((flags & KNOWN[i]) != 0) {
                appendPart(text, NAMES[i]);
            }
        }
        int unknown = flags & ~ALL_KNOWN;
        if (unknown != 0 || flags == 0) {
            appendPart(text, "0x" + Integer.toHexString(unknown));
        }
        return text.toString();
    }

    private static void appendPart(StringBuilder text, String part) {
        if (text.length() > 0) {
            text.append('|');
        }
        text.append(part);
    }
}
