package io.cupnet.spring.core;

import java.lang.reflect.Type;

/**
 * Converts message bodies to and from Java objects: {@code byte[]} as is, {@code String}
 * as UTF-8, anything else as the implementation chooses (JSON with Jackson).
 */
public interface PayloadConverter {

    /** The body bytes for {@code value}. */
    byte[] toBody(Object value);

    /** The body converted to {@code type}. */
    Object fromBody(byte[] body, Type type);

}
