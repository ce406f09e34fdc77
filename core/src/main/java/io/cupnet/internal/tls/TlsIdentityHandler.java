package io.cupnet.internal.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.cupnet.CupMessage;
import io.cupnet.PeerIdentity;
import io.cupnet.internal.wire.DecodedFrames;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;

/**
 * Stamps each frame decoded from a TLS connection with the identity the peer proved in the
 * handshake, read once from the TLS session; frames of a peer that presented no certificate
 * pass unchanged.
 */
public final class TlsIdentityHandler extends ChannelInboundHandlerAdapter {

    private final SslHandler ssl;

    private PeerIdentity identity;

    private boolean resolved;

    TlsIdentityHandler(SslHandler ssl) {
        this.ssl = ssl;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        PeerIdentity peer = identity();
        if (peer != null && msg instanceof DecodedFrames frames) {
            frames.replaceAll((frame) -> frame.withPeerIdentity(peer));
            ctx.fireChannelRead(frames);
        }
        else if (peer != null && msg instanceof CupMessage frame) {
            ctx.fireChannelRead(frame.withPeerIdentity(peer));
        }
        else {
            ctx.fireChannelRead(msg);
        }
    }

    private PeerIdentity identity() {
        if (!this.resolved) {
            this.resolved = true;
            this.identity = verifiedPeer();
        }
        return this.identity;
    }

    private PeerIdentity verifiedPeer() {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : this.ssl.engine().getSession().getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            return chain.isEmpty() ? null : PeerIdentity.of(chain);
        }
        catch (SSLPeerUnverifiedException ex) {
            return null;
        }
    }

}
