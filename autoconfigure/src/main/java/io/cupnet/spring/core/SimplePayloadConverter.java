package io.cupnet.spring.core;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * A {@link PayloadConverter} for {@code byte[]} and {@code String} bodies only, used when
 * Jackson is not on the classpath.
 */
public class SimplePayloadConverter implements PayloadConverter {

    @Override
    public byte[] toBody(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        return toObjectBody(value);
    }

    @Override
    public Object fromBody(byte[] body, Type type) {
        if (type == byte[].class) {
            return body;
        }
        if (type == String.class || type == CharSequence.class || type == Object.class) {
            return new String(body, StandardCharsets.UTF_8);
        }
        return fromObjectBody(body, type);
    }

    /** Converts a value that is neither bytes nor text; this class cannot. */
    protected byte[] toObjectBody(Object value) {
        throw new IllegalArgumentException("Cannot convert a " + value.getClass().getName()
                + " to a message body: use byte[] or String, or add tools.jackson.core:jackson-databind for JSON");
    }

    /** Converts a body to a type that is neither bytes nor text; this class cannot. */
    protected Object fromObjectBody(byte[] body, Type type) {
        throw new IllegalArgumentException("Cannot convert a message body to " + type.getTypeName()
                + ": take byte[] or String, or add tools.jackson.core:jackson-databind for JSON");
    }

}
