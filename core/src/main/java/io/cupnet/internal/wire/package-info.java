/**
 * Internal: the Netty codec of the CUP012-3 wire format. It knows messages and bytes, nothing of
 * connections, queues or acknowledgements. Not API.
 */
package io.cupnet.internal.wire;
