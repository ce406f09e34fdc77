package io.cupnet.spring.listener;

import io.cupnet.CupMessage;
import io.cupnet.PeerIdentity;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/**
 * Resolves a {@link PeerIdentity} listener parameter: the identity the sender proved with its
 * TLS certificate, or {@code null} when it proved none (plaintext peers, TLS without a client
 * certificate).
 */
final class PeerIdentityArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PeerIdentity.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        if (!(message.getPayload() instanceof CupMessage received)) {
            throw new IllegalStateException("A batch listener cannot take a PeerIdentity parameter ("
                    + parameter.getMethod() + "); take List<CupMessage> and read peerIdentity() from each");
        }
        return received.peerIdentity();
    }

}
