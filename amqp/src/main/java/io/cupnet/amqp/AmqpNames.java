package io.cupnet.amqp;

import java.util.regex.Pattern;

/**
 * The names of the exchanges, queues and routing keys of the broker transport, all under one prefix
 * ({@code cupnet} by default); topic and server names are {@code [A-Za-z0-9_-]}, so that no two names meet.
 *
 * <pre>
 * exchange  {prefix}                       direct, durable: key {topic} and key {topic}.{server}
 * exchange  {prefix}.dlx                   direct, durable: dead letters, key {topic}
 * exchange  {prefix}.{topic}.fanout        fanout, durable
 * queue     {prefix}.{topic}               durable, shared by the topic's nodes (competing consumers)
 * queue     {prefix}.{topic}.server.{id}   one node's queue (durable when the server id is configured)
 * queue     {prefix}.{topic}.fanout.{id}   one node's copy of fan-outs, auto-delete
 * queue     {prefix}.{topic}.dlq           durable, the topic's dead letters
 * queue     {prefix}-reply.{id}.{random}   exclusive, a sender's acks
 * </pre>
 */
public final class AmqpNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final String prefix;

    /** Names under {@code prefix}, itself made of dot-separated {@code [A-Za-z0-9_-]} words. */
    public AmqpNames(String prefix) {
        for (String word : prefix.split("\\.", -1)) {
            requireName("prefix", word);
        }
        this.prefix = prefix;
    }

    /** Fails unless {@code value} is 1 to 100 characters of {@code [A-Za-z0-9_-]}, naming {@code what}. */
    static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("The " + what + " '" + value + "' is not 1 to 100 characters of "
                    + "letters, digits, '_' or '-'; it becomes part of broker names, where '.' separates words");
        }
    }

    /** The direct exchange every topic and server message goes through. */
    public String exchange() {
        return this.prefix;
    }

    /** The direct exchange that takes the dead letters of every topic. */
    public String deadLetterExchange() {
        return this.prefix + ".dlx";
    }

    /** The fanout exchange of {@code topic}. */
    public String fanoutExchange(String topic) {
        return this.prefix + "." + topic + ".fanout";
    }

    /** The queue the nodes of {@code topic} share. */
    public String topicQueue(String topic) {
        return this.prefix + "." + topic;
    }

    /** The queue of server {@code server} of {@code topic}. */
    public String serverQueue(String topic, String server) {
        return this.prefix + "." + topic + ".server." + server;
    }

    /** The queue where server {@code server} gets the fan-outs of {@code topic}. */
    public String fanoutQueue(String topic, String server) {
        return this.prefix + "." + topic + ".fanout." + server;
    }

    /** The queue of the dead letters of {@code topic}. */
    public String deadLetterQueue(String topic) {
        return this.prefix + "." + topic + ".dlq";
    }

    /** A new name for the ack queue of the sender of server {@code server}. */
    public String replyQueue(String server, String unique) {
        return this.prefix + "-reply." + server + "." + unique;
    }

    /** The key that routes to {@code topic}'s shared queue. */
    public String topicKey(String topic) {
        return topic;
    }

    /** The key that routes to the queue of server {@code server} of {@code topic}. */
    public String serverKey(String topic, String server) {
        return topic + "." + server;
    }

}
