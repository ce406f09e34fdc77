package io.cupnet.amqp;

import java.util.Map;

import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * Carries a {@link CupMessage} in an AMQP message: the body as the body, the uniq id as the message id,
 * type, flags and addresses as headers; need-ack messages are persistent and name the queue for their ack.
 */
final class AmqpMessageCodec {

    /** The header of the message type, an unsigned 32-bit value as a long. */
    static final String TYPE = "cupnet-type";

    /** The header of the flag bits. */
    static final String FLAGS = "cupnet-flags";

    /** The header of the sender's CUP address, {@code ip:port[/stub/future]}. */
    static final String FROM = "cupnet-from";

    /** The header of the receiver's CUP address. */
    static final String TO = "cupnet-to";

    private AmqpMessageCodec() {
    }

    /** The AMQP form of {@code message}, whose uniq id and sender are set; {@code replyTo} may be null. */
    static Message encode(CupMessage message, String replyTo) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_BYTES);
        properties.setMessageId(message.uniqId().toString());
        properties.setDeliveryMode(message.needsAck() ? MessageDeliveryMode.PERSISTENT
                : MessageDeliveryMode.NON_PERSISTENT);
        properties.setReplyTo(replyTo);
        properties.setHeader(TYPE, Integer.toUnsignedLong(message.type()));
        properties.setHeader(FLAGS, message.flags());
        properties.setHeader(FROM, String.valueOf(message.from()));
        properties.setHeader(TO, String.valueOf(message.to()));
        return new Message(message.body(), properties);
    }

    /** The message carried by {@code amqp}; fails naming the header when one is missing or malformed. */
    static CupMessage decode(Message amqp) {
        MessageProperties properties = amqp.getMessageProperties();
        Map<String, Object> headers = properties.getHeaders();
        return CupMessage.builder()
            .type((int) number(headers, TYPE))
            .flags((int) number(headers, FLAGS))
            .from(address(headers, FROM))
            .to(address(headers, TO))
            .uniqId(uniqId(properties.getMessageId()))
            .body(amqp.getBody())
            .build();
    }

    /** The uniq id that the message id {@code messageId} carries. */
    static UniqId uniqId(String messageId) {
        if (messageId == null) {
            throw new IllegalArgumentException("The AMQP message has no message id, where cupnet carries the uniq id");
        }
        return UniqId.parse(messageId);
    }

    private static long number(Map<String, Object> headers, String name) {
        if (headers.get(name) instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalArgumentException("The AMQP message has no numeric header '" + name + "' but "
                + headers.get(name) + "; it was not sent by cupnet");
    }

    private static PeerAddress address(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        return (value == null || "null".equals(value.toString())) ? PeerAddress.NONE : PeerAddress.parse(value.toString());
    }

}
