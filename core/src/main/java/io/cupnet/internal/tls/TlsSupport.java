package io.cupnet.internal.tls;

import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;

import io.cupnet.PeerAddress;
import io.cupnet.metrics.CupnetStats;
import io.cupnet.options.TlsOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.AttributeKey;

/**
 * Puts TLS under the CUP codec of every connection when {@link TlsOptions} are set: an
 * {@link SslHandler} first in the pipeline, a handler that confirms the handshake, and one that
 * stamps the peer's verified identity on each received frame.
 *
 * <p>Confirmation: in TLS 1.3 a client finishes its handshake before the server has checked the
 * client's certificate, so a refused client would learn it only after writing frames into a
 * closing connection. A cupnet TLS server therefore writes {@link #GREETING} once its handshake
 * succeeded, and a client counts its connection as open only when the greeting arrived. Neither
 * side passes the greeting to the CUP codec, so the CUP head still opens each direction.
 */
public final class TlsSupport {

    /** The bytes a cupnet TLS server writes, encrypted, when it accepted a client's handshake. */
    static final byte[] GREETING = "CUPTLS-1".getBytes(StandardCharsets.US_ASCII);

    /** The address an outbound connection is opened to, known before the channel is connected. */
    private static final AttributeKey<InetSocketAddress> PEER = AttributeKey.valueOf("cupnet.tlsPeer");

    private final TlsOptions options;

    private final CupnetStats stats;

    private final SslContext serverContext;

    private final SslContext clientContext;

    public TlsSupport(TlsOptions options, CupnetStats stats) {
        this.options = options;
        this.stats = stats;
        this.serverContext = build(configure(SslContextBuilder.forServer(options.keyManagerFactory())
            .clientAuth(ClientAuth.valueOf(options.clientAuth().name()))));
        this.clientContext = build(configure(SslContextBuilder.forClient()
            .keyManager(options.keyManagerFactory())
            .endpointIdentificationAlgorithm(options.verifyHostname() ? "HTTPS" : null)));
    }

    /** Adds the TLS handlers to a connection whose CUP handlers are in place. */
    public void configure(Channel channel, boolean inbound) {
        SslHandler ssl = inbound ? this.serverContext.newHandler(channel.alloc()) : clientHandler(channel);
        ssl.setHandshakeTimeoutMillis(this.options.handshakeTimeout().toMillis());
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addFirst("tls", ssl);
        pipeline.addAfter("tls", "tls-greeting", inbound ? new TlsServerGreeting(this.stats)
                : new TlsClientGreeting(this.options.handshakeTimeout(), this.stats));
        pipeline.addBefore("frames", "tls-identity", new TlsIdentityHandler(ssl));
    }

    /**
     * Opens a connection to a peer; the future completes when the connection is open and the
     * peer confirmed the TLS handshake, or fails with a {@link TlsHandshakeException}.
     */
    public ChannelFuture connect(Bootstrap bootstrap, PeerAddress peer) {
        InetSocketAddress address = peer.toSocketAddress();
        return whenConfirmed(bootstrap.attr(PEER, address).connect(address));
    }

    private static ChannelFuture whenConfirmed(ChannelFuture connect) {
        ChannelPromise confirmed = connect.channel().newPromise();
        connect.addListener((ChannelFuture connected) -> {
            TlsClientGreeting greeting = connected.channel().pipeline().get(TlsClientGreeting.class);
            if (!connected.isSuccess() || greeting == null) {
                confirmed.tryFailure(connected.isSuccess() ? new TlsHandshakeException(
                        connected.channel().remoteAddress(), "the connection closed at once", null) : connected.cause());
                return;
            }
            greeting.confirmed().addListener((ChannelFuture done) -> {
                if (done.isSuccess()) {
                    confirmed.trySuccess();
                }
                else {
                    confirmed.tryFailure(done.cause());
                }
            });
        });
        return confirmed;
    }

    /** A short, log-friendly reason for a failed handshake. */
    static String describe(Throwable failure) {
        Throwable cause = (failure instanceof DecoderException && failure.getCause() != null) ? failure.getCause()
                : failure;
        if (cause instanceof NotSslRecordException) {
            return "the peer does not speak TLS (a plaintext CUP peer?)";
        }
        if (cause instanceof ClosedChannelException) {
            return "the peer closed the connection during the handshake (is it listening without TLS?)";
        }
        if (cause instanceof SslHandshakeTimeoutException) {
            return "no handshake within the timeout (" + cause.getMessage() + ")";
        }
        String message = (cause.getMessage() != null) ? cause.getMessage() : cause.toString();
        if (message.contains("PKIX path")) {
            return "the peer's certificate does not chain to a trusted CA (" + message + ")";
        }
        if (message.contains("bad_certificate") || message.contains("certificate_required")
                || message.contains("certificate_unknown") || message.contains("unknown_ca")) {
            return "the peer refused this node's certificate (" + message + ")";
        }
        return message;
    }

    private SslHandler clientHandler(Channel channel) {
        // The peer's address lets the engine verify it (when enabled) and resume sessions per peer.
        InetSocketAddress peer = channel.attr(PEER).get();
        if (peer == null) {
            return this.clientContext.newHandler(channel.alloc());
        }
        return this.clientContext.newHandler(channel.alloc(), peer.getHostString(), peer.getPort());
    }

    private SslContextBuilder configure(SslContextBuilder builder) {
        builder.sslProvider(SslProvider.JDK);
        if (this.options.trustManagerFactory() != null) {
            builder.trustManager(this.options.trustManagerFactory());
        }
        if (!this.options.protocols().isEmpty()) {
            builder.protocols(this.options.protocols());
        }
        if (!this.options.ciphers().isEmpty()) {
            builder.ciphers(this.options.ciphers());
        }
        return builder;
    }

    private static SslContext build(SslContextBuilder builder) {
        try {
            return builder.build();
        }
        catch (SSLException | IllegalArgumentException ex) {
            throw new IllegalStateException("Cannot set up TLS: " + ex.getMessage()
                    + "; check the TLS certificate, key, protocols and ciphers", ex);
        }
    }

}
