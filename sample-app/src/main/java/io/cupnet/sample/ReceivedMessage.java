package io.cupnet.sample;

import io.cupnet.CupMessage;

/**
 * A received message as the REST API shows it: uniq id as a decimal string, sender as
 * {@code ip:port}, body as UTF-8.
 *
 * @param type the message type
 * @param flag the flag bits
 * @param uniqId the uniq id, decimal
 * @param from the sender's address
 * @param body the body decoded as UTF-8
 * @param transport how it came: {@code tcp} or {@code amqp}
 */
public record ReceivedMessage(long type, int flag, String uniqId, String from, String body, String transport) {

    static ReceivedMessage of(CupMessage message, String transport) {
        return new ReceivedMessage(Integer.toUnsignedLong(message.type()), message.flags(),
                message.uniqId().toString(), message.from().ip() + ":" + message.from().port(),
                message.bodyAsString(), transport);
    }

}
