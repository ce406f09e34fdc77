package io.cupnet.internal.wire;

import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;

/**
 * Several frames that {@link CupFrameEncoder} writes into one buffer, so that a batch of
 * small messages costs one buffer, one write and one promise instead of one each.
 *
 * <p>A batch may also carry acks, each written from the addresses and uniq id of the received
 * need-ack frame it acknowledges, exactly as {@link CupMessage#ackFrame()} would build it but
 * without a message per ack or the received frame. The acks come first on the wire, then the frames.
 */
public interface CupFrameBatch {

    /** Number of frames in the batch, after its acks; a batch holds at least one ack or frame. */
    int frameCount();

    /** The frame at {@code index}, from 0 to {@code frameCount() - 1}, in wire order. */
    CupMessage frame(int index);

    /** Number of acks in the batch, written before its frames. */
    default int ackCount() {
        return 0;
    }

    /** The {@code from} of the ack at {@code index}: the {@code to} of the frame it acknowledges. */
    default PeerAddress ackFrom(int index) {
        throw new IndexOutOfBoundsException(index);
    }

    /** The {@code to} of the ack at {@code index}: the {@code from} of the frame it acknowledges. */
    default PeerAddress ackTo(int index) {
        throw new IndexOutOfBoundsException(index);
    }

    /** The high 64 bits of the uniq id of the frame the ack at {@code index} acknowledges. */
    default long ackUniqIdHigh(int index) {
        throw new IndexOutOfBoundsException(index);
    }

    /** The low 64 bits of the uniq id of the frame the ack at {@code index} acknowledges. */
    default long ackUniqIdLow(int index) {
        throw new IndexOutOfBoundsException(index);
    }

}
