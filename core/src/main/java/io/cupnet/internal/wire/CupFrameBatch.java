package io.cupnet.internal.wire;

import io.cupnet.CupMessage;

/**
 * Several frames that {@link CupFrameEncoder} writes into one buffer, so that a batch of
 * small messages costs one buffer, one write and one promise instead of one each.
 *
 * <p>A batch may also carry acks, each written straight from the received need-ack frame it
 * acknowledges, exactly as {@link CupMessage#ackFrame()} would build it but without a message
 * per ack. The acks come first on the wire, then the frames.
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

    /** The received need-ack frame that the ack at {@code index} acknowledges, from 0 to {@code ackCount() - 1}. */
    default CupMessage acked(int index) {
        throw new IndexOutOfBoundsException(index);
    }

}
