package io.cupnet.spring.core;

import java.lang.reflect.Type;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link PayloadConverter} that writes and reads objects other than bytes and text as
 * JSON with the application's {@link JsonMapper}.
 */
public class JacksonPayloadConverter extends SimplePayloadConverter {

    private final JsonMapper mapper;

    public JacksonPayloadConverter(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected byte[] toObjectBody(Object value) {
        try {
            return this.mapper.writeValueAsBytes(value);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("Cannot write a " + value.getClass().getName() + " as JSON: "
                    + ex.getOriginalMessage(), ex);
        }
    }

    @Override
    protected Object fromObjectBody(byte[] body, Type type) {
        try {
            return this.mapper.readValue(body, this.mapper.constructType(type));
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("Cannot read the message body as JSON " + type.getTypeName() + ": "
                    + ex.getOriginalMessage(), ex);
        }
    }

}
