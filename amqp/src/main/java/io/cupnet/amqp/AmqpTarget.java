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

    /**
     * The target that {@code destination} names: {@code topic} for one node of the topic, {@code topic/server} for
     * that server, {@code topic/*} for every node; fails naming the forms when it is none of them.
     */
    public static AmqpTarget parse(String destination) {
        String[] parts = (destination != null) ? destination.strip().split("/", -1) : new String[0];
        if (parts.length == 1) {
            return topic(parts[0]);
        }
        if (parts.length == 2) {
            return "*".equals(parts[1]) ? fanout(parts[0]) : server(parts[0], parts[1]);
        }
        throw new IllegalArgumentException("The broker destination '" + destination + "' is not 'topic', "
                + "'topic/server' or 'topic/*' (fan-out)");
    }

    @Override
    public String toString() {
        return this.fanout ? this.topic + " (fan-out)"
                : (this.server != null) ? this.topic + "." + this.server : this.topic;
    }

}
