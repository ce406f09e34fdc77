package io.cupnet.spring.listener;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.cupnet.CupMessage;
import io.cupnet.spring.core.PayloadConverter;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/**
 * Resolves the body parameter, the one no other resolver takes: the message body converted
 * to the parameter's type, or for a batch listener a {@code List} of bodies or messages.
 */
final class BodyArgumentResolver implements HandlerMethodArgumentResolver {

    private final PayloadConverter converter;

    BodyArgumentResolver(PayloadConverter converter) {
        this.converter = converter;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return true;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof CupMessage received) {
            return this.converter.fromBody(received.body(), parameter.getGenericParameterType());
        }
        if (!Collection.class.isAssignableFrom(parameter.getParameterType())) {
            throw new IllegalStateException("Batch listener " + parameter.getMethod() + " takes a "
                    + parameter.getParameterType().getSimpleName() + " body; take a List of bodies or messages");
        }
        Type element = ResolvableType.forMethodParameter(parameter).asCollection().resolveGeneric(0);
        if (element == null) {
            element = byte[].class;
        }
        List<Object> values = new ArrayList<>();
        for (Object each : (List<?>) payload) {
            CupMessage received = (CupMessage) each;
            values.add((element == CupMessage.class) ? received : this.converter.fromBody(received.body(), element));
        }
        return values;
    }

}
