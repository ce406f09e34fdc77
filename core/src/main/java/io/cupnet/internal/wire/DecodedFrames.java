package io.cupnet.internal.wire;

import java.util.ArrayList;

import io.cupnet.CupMessage;

/**
 * The frames that one read completed, in wire order: what a {@link CupFrameDecoder} made to
 * batch reads emits instead of one {@link CupMessage} per frame, so that a read travels the
 * pipeline once rather than once per frame. Handlers may remove or replace frames before
 * passing the batch on; it is never empty when the decoder emits it.
 */
public final class DecodedFrames extends ArrayList<CupMessage> {

    private static final long serialVersionUID = 1L;

    DecodedFrames(int capacity) {
        super(capacity);
    }

}
