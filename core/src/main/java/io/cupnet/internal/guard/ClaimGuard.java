package io.cupnet.internal.guard;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.internal.wire.DecodedFrames;
import io.cupnet.metrics.DropReason;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

/**
 * Makes a connection speak for one peer: the ip:port its first frame claims in {@code from}
 * becomes the connection's peer, and a frame that claims another one closes the connection.
 *
 * <p>The first claim must name the connection's own remote IP (any port, the peer's listening
 * one), unless the connection comes from a trusted proxy (option {@code server.trustedProxies}):
 * acks and replies go to {@code from}, so a claim is where the node will dial. Stub and future
 * stay free. A refused frame and every frame after it on the connection are discarded; the
 * frames before it pass on. One instance per connection, on its event loop.
 */
public final class ClaimGuard extends ChannelInboundHandlerAdapter {

    /** The peer a connection speaks for: the ip:port of its first frame's {@code from}, stub and future 0. */
    public static final AttributeKey<PeerAddress> CLAIMED_PEER = AttributeKey.valueOf("cupnet.claimedPeer");

    private final AllowedPeers trustedProxies;

    private final ConnectionGuard guard;

    private PeerAddress claimed;

    private boolean refused;

    ClaimGuard(AllowedPeers trustedProxies, ConnectionGuard guard) {
        this.trustedProxies = trustedProxies;
        this.guard = guard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DecodedFrames frames) {
            int refusedAt = firstRefused(ctx.channel(), frames);
            if (refusedAt >= 0) {
                frames.subList(refusedAt, frames.size()).clear();
            }
            if (!frames.isEmpty()) {
                ctx.fireChannelRead(frames);
            }
        }
        else if (msg instanceof CupMessage frame && !accepts(ctx.channel(), frame)) {
            return;
        }
        else {
            ctx.fireChannelRead(msg);
        }
    }

    private int firstRefused(Channel channel, DecodedFrames frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (!accepts(channel, frames.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the connection may speak for the frame's {@code from}; closes it on the first frame that may not. */
    private boolean accepts(Channel channel, CupMessage frame) {
        if (this.refused) {
            return false;
        }
        PeerAddress from = frame.from();
        if (this.claimed == null) {
            String refusal = firstClaimRefusal(channel.remoteAddress(), from);
            if (refusal == null) {
                this.claimed = from.withSubEndpoint(0, 0);
                channel.attr(CLAIMED_PEER).set(this.claimed);
                return true;
            }
            refuse(channel, refusal);
            return false;
        }
        if (this.claimed.sameEndpoint(from)) {
            return true;
        }
        refuse(channel, "a frame claims from " + from.ip() + ":" + from.port() + " after the connection's first "
                + "frame claimed " + this.claimed + "; a connection speaks for one peer, so the peer must open a "
                + "connection of its own for each address it sends from");
        return false;
    }

    private String firstClaimRefusal(SocketAddress remote, PeerAddress from) {
        if (!(remote instanceof InetSocketAddress address) || address.getAddress() == null
                || this.trustedProxies.contains(remote)) {
            return null;
        }
        String remoteIp = address.getAddress().getHostAddress();
        if (remoteIp.equals(from.ip())) {
            return null;
        }
        return "its first frame claims from " + from.ip() + ":" + from.port() + ", not the connection's own IP "
                + remoteIp + ", and " + remoteIp + " is not a trusted proxy " + this.trustedProxies
                + "; add the range of the gateway or NAT that peers reach this node through to option "
                + "server.trustedProxies if the claim is legitimate";
    }

    private void refuse(Channel channel, String why) {
        this.refused = true;
        this.guard.drop(channel, DropReason.SPOOFED_FROM, why, true);
    }

}
