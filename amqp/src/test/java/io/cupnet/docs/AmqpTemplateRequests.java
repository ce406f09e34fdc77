package io.cupnet.docs;

import java.time.Duration;

import io.cupnet.spring.core.CupnetTemplate;

/** The template example of docs/amqp.md; autoconfigure's DocsSnippetsTest checks that the page shows this code. */
final class AmqpTemplateRequests {

    private AmqpTemplateRequests() {
    }

    static void send(CupnetTemplate template) {
        // tag::amqp-template[]
        template.sendAndAwaitAck("amqp:billing", 12, "invoice 42");    // one node of topic billing, need-ack
        template.send("amqp:billing/node-1", 12, "to node-1 only");    // that server of the topic
        template.send("amqp:billing/*", 12, "to every node");          // every node of the topic
        template.request("amqp:billing", 7, "ping", Duration.ofSeconds(5), String.class)
            .thenAccept((reply) -> System.out.println("billing answered " + reply));
        // end::amqp-template[]
    }

}
