package io.cupnet.amqp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * Declares the exchanges, queues and bindings of {@link AmqpNames}, idempotently. Queue arguments are only
 * the dead-letter routing, which follows from the names and never from options, so a restart with other
 * options declares exactly what exists; a declaration the broker refuses anyway (a queue someone made with
 * other arguments) is logged and skipped, never fatal. Limits such as length or TTL belong in broker policies.
 */
final class AmqpTopology {

    private final AmqpNames names;

    private final AmqpSettings settings;

    private final RabbitAdmin admin;

    private final Set<String> fanoutExchanges = ConcurrentHashMap.newKeySet();

    AmqpTopology(AmqpNames names, AmqpSettings settings, ConnectionFactory connectionFactory) {
        this.names = names;
        this.settings = settings;
        this.admin = new RabbitAdmin(connectionFactory);
        this.admin.setIgnoreDeclarationExceptions(true);
        this.admin.setAutoStartup(false);
    }

    /** Declares what this node uses: the exchanges, and the queues of the topic it serves. */
    void declare(String replyQueue) {
        this.admin.declareExchange(new DirectExchange(this.names.exchange(), true, false));
        this.admin.declareExchange(new DirectExchange(this.names.deadLetterExchange(), true, false));
        this.admin.declareQueue(new Queue(replyQueue, false, true, true));
        String topic = this.settings.topic();
        if (topic != null) {
            declareServedTopic(topic, this.settings.server());
        }
        this.fanoutExchanges.forEach(this::declareFanoutExchange);
    }

    /** Declares the fan-out exchange of {@code topic} once, so that a fan-out to it is routed or returned. */
    void ensureFanoutExchange(String topic) {
        if (this.fanoutExchanges.add(topic)) {
            declareFanoutExchange(topic);
        }
    }

    private void declareServedTopic(String topic, String server) {
        Map<String, Object> deadLetters = Map.of("x-dead-letter-exchange", this.names.deadLetterExchange(),
                "x-dead-letter-routing-key", topic);
        Queue dlq = new Queue(this.names.deadLetterQueue(topic), true, false, false);
        declareBound(dlq, BindingBuilder.bind(dlq).to(deadLetterExchange()).with(topic));
        Queue shared = new Queue(this.names.topicQueue(topic), true, false, false, deadLetters);
        declareBound(shared, BindingBuilder.bind(shared).to(exchange()).with(this.names.topicKey(topic)));
        boolean durable = this.settings.serverConfigured();
        Queue own = new Queue(this.names.serverQueue(topic, server), durable, false, !durable, deadLetters);
        declareBound(own, BindingBuilder.bind(own).to(exchange()).with(this.names.serverKey(topic, server)));
        declareFanoutExchange(topic);
        Queue copies = new Queue(this.names.fanoutQueue(topic, server), false, false, true, deadLetters);
        declareBound(copies, BindingBuilder.bind(copies).to(new FanoutExchange(this.names.fanoutExchange(topic))));
    }

    private void declareFanoutExchange(String topic) {
        this.admin.declareExchange(new FanoutExchange(this.names.fanoutExchange(topic), true, false));
    }

    private void declareBound(Queue queue, Binding binding) {
        this.admin.declareQueue(queue);
        this.admin.declareBinding(binding);
    }

    private DirectExchange exchange() {
        return new DirectExchange(this.names.exchange());
    }

    private DirectExchange deadLetterExchange() {
        return new DirectExchange(this.names.deadLetterExchange());
    }

}
