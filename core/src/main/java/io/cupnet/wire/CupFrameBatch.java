package io.cupnet.wire;

/**
 * Several frames that {@link CupFrameEncoder} writes into one buffer, so that a batch of
 * small messages costs one buffer, one write and one promise instead of one each.
 */
public interface CupFrameBatch {

    /** Number of frames in the batch, at least one. */
    int frameCount();

    /** The frame at {@code index}, from 0 to {@code frameCount() - 1}, in wire order. */
    CupMessage frame(int index);

}
