/**
 * The CUP012-3 wire format: frames, addresses, ids and the Netty codec that reads and writes them.
 *
 * <p>This package knows nothing of connections, queues or acknowledgements; it turns bytes into
 * {@link io.cupnet.wire.CupMessage}s and back, byte-compatible with Python CUP's {@code cup.net.asyn}.
 */
package io.cupnet.wire;
