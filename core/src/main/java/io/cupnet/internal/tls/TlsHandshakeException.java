package io.cupnet.internal.tls;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Why a TLS connection to a peer could not be used: its handshake failed, or the peer did not
 * confirm it. The cause of the {@code PEER_UNREACHABLE} failure of the sends that waited for it.
 */
public final class TlsHandshakeException extends RuntimeException {

    TlsHandshakeException(SocketAddress peer, String reason, Throwable cause) {
        super("TLS handshake with " + describe(peer) + " failed: " + reason, cause);
    }

    private static String describe(SocketAddress peer) {
        return (peer instanceof InetSocketAddress address) ? address.getHostString() + ":" + address.getPort()
                : String.valueOf(peer);
    }

}
