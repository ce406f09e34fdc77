package io.cupnet.spring.listener;

import java.util.List;

import io.cupnet.Acknowledgment;
import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/**
 * Resolves listener parameters of the cupnet types: the received {@link CupMessage}, the
 * sender's {@link PeerAddress}, the {@link UniqId} and the {@link Acknowledgment} handle.
 */
final class MessageFieldArgumentResolver implements HandlerMethodArgumentResolver {

    private static final List<Class<?>> TYPES = List.of(CupMessage.class, PeerAddress.class, UniqId.class,
            Acknowledgment.class);

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return TYPES.contains(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        Class<?> type = parameter.getParameterType();
        if (type == Acknowledgment.class) {
            return message.getHeaders().get(CupnetHeaders.ACKNOWLEDGMENT);
        }
        if (!(message.getPayload() instanceof CupMessage received)) {
            throw new IllegalStateException("A batch listener cannot take a " + type.getSimpleName()
                    + " parameter (" + parameter.getMethod() + "); take List<CupMessage> instead");
        }
        if (type == CupMessage.class) {
            return received;
        }
        return (type == PeerAddress.class) ? received.from() : received.uniqId();
    }

}
