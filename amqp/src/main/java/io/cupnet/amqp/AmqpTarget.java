package io.cupnet.amqp;

import java.util.Objects;

/**
 * Where a message goes over the broker, as oslo.messaging's {@code Target}: to one of the nodes
 * serving a topic, to one named server of a topic, or to every node of a topic.
 *
 * @param topic the service name the nodes serve
 * @param server the server id of one node, or {@code null}
 * @param fanout whether every node serving the topic gets a copy
 */
public record AmqpTarget(String topic, String server, boolean fanout) {

    /** Validates the names, which become part of exchange, queue and routing key names. */
    public AmqpTarget {
        AmqpNames.requireName("topic", topic);
        if (server != null) {
            AmqpNames.requireName("server", server);
        }
        if (fanout && server != null) {
            throw new IllegalArgumentException("A fan-out target goes to every server of topic '" + topic
                    + "'; drop the server '" + server + "' or the fan-out");
        }
    }

    /** One of the nodes serving {@code topic} (competing consumers on the topic's shared queue). */
    public static AmqpTarget topic(String topic) {
        return new AmqpTarget(topic, null, false);
    }

    /** The node of {@code topic} whose server id is {@code server}. */
    public static AmqpTarget server(String topic, String server) {
        return new AmqpTarget(topic, Objects.requireNonNull(server, "server"), false);
    }

    /** Every node serving {@code topic}. */
    public static AmqpTarget fanout(String topic) {
        return new AmqpTarget(topic, null, true);
    }

    @Override
    public String toString() {
        return this.fanout ? this.topic + " (fan-out)"
                : (this.server != null) ? this.topic + "." + this.server : this.topic;
    }

}
