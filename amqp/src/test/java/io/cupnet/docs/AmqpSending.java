package io.cupnet.docs;

import java.nio.charset.StandardCharsets;

import io.cupnet.amqp.AmqpMessageSender;
import io.cupnet.amqp.AmqpTarget;

/** The sending example of docs/amqp.md; autoconfigure's DocsSnippetsTest checks that the page shows this code. */
final class AmqpSending {

    private AmqpSending() {
    }

    static void send(AmqpMessageSender sender) {
        // tag::amqp-send[]
        byte[] body = "invoice 42".getBytes(StandardCharsets.UTF_8);
        sender.send(AmqpTarget.topic("billing"), 12, body, true);              // one node of the topic, need-ack
        sender.send(AmqpTarget.server("billing", "node-1"), 12, body, false);  // that server only
        sender.send(AmqpTarget.fanout("billing"), 12, body, false);            // every node of the topic
        // end::amqp-send[]
    }

}
