package io.cupnet.sample;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryException;
import io.cupnet.DeliveryResult;
import io.cupnet.MessageFlags;
import io.cupnet.PeerAddress;
import io.cupnet.amqp.AmqpMessageSender;
import io.cupnet.amqp.AmqpTarget;
import io.cupnet.spring.core.CupnetTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sends one message per POST to {@code /api/messages}, to a CUP peer ({@code "to"}) or to a broker topic
 * ({@code "topic"}), and lists received messages at {@code /api/received}.
 */
@RestController
@RequestMapping("/api")
public class MessageController {

    private final CupnetTemplate template;

    private final ReceivedMessages received;

    private final ObjectProvider<AmqpMessageSender> brokerSender;

    public MessageController(CupnetTemplate template, ReceivedMessages received,
            ObjectProvider<AmqpMessageSender> brokerSender) {
        this.template = template;
        this.received = received;
        this.brokerSender = brokerSender;
    }

    /** Sends the message and answers once its future completes: written (SENT) or acknowledged (ACKED). */
    @PostMapping("/messages")
    public CompletableFuture<ResponseEntity<Map<String, String>>> send(@RequestBody SendRequest request) {
        CompletableFuture<DeliveryResult> sent;
        try {
            sent = (request.topic() != null) ? sendToTopic(request) : this.template.send(request.toMessage());
        }
        catch (IllegalArgumentException | IllegalStateException ex) {
            return CompletableFuture.completedFuture(error(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", ex.getMessage()));
        }
        return sent.handle((result, failure) -> {
            if (failure == null) {
                String status = result.status().name();
                return ResponseEntity.ok(Map.of("uniqId", result.uniqId().toString(), "status", status, "result",
                        status));
            }
            Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
                    ? failure.getCause() : failure;
            if (cause instanceof DeliveryException delivery) {
                return error(statusOf(delivery.reason()), delivery.reason().name(), delivery.getMessage());
            }
            return error(HttpStatus.INTERNAL_SERVER_ERROR, "ERROR", String.valueOf(cause.getMessage()));
        });
    }

    private CompletableFuture<DeliveryResult> sendToTopic(SendRequest request) {
        AmqpMessageSender sender = this.brokerSender.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("'topic' needs the broker transport: start the node with "
                    + "--cupnet.amqp.enabled=true");
        }
        return sender.send(request.target(), request.toTopicMessage());
    }

    /** The last {@code limit} messages received, oldest first. */
    @GetMapping("/received")
    public List<ReceivedMessage> received(@RequestParam(defaultValue = "20") int limit) {
        return this.received.last(Math.max(0, limit));
    }

    /** Answers a body that is not the expected JSON with 400 and what was wrong. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException ex) {
        return error(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", String.valueOf(ex.getMostSpecificCause().getMessage()));
    }

    private static HttpStatus statusOf(DeliveryException.Reason reason) {
        return switch (reason) {
            case INVALID_MESSAGE -> HttpStatus.BAD_REQUEST;
            case PEER_UNREACHABLE, ACK_TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            case CONNECTION_LOST, BROKER_REJECTED -> HttpStatus.BAD_GATEWAY;
            case NO_ROUTE -> HttpStatus.NOT_FOUND;
            case DUPLICATE_UNIQ_ID -> HttpStatus.CONFLICT;
            case QUEUE_FULL, TOO_MANY_PENDING_ACKS, TOO_MANY_PEERS, NOT_RUNNING, SHUTDOWN ->
                HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String reason, String detail) {
        return ResponseEntity.status(status).body(Map.of("reason", reason, "message", detail));
    }

    /**
     * The body of {@code POST /api/messages}: either {@code to} or {@code topic}.
     *
     * @param to the peer, {@code ip:port}
     * @param type the message type
     * @param body the body, sent as UTF-8
     * @param needAck whether the peer must acknowledge it (the answer then waits for the ack)
     * @param urgent whether it jumps ahead of normal messages
     * @param topic the broker topic, in place of {@code to}: one of its nodes takes the message
     * @param server with {@code topic}, the server id of the one node that takes it
     * @param fanout with {@code topic}, whether every node of the topic gets a copy
     */
    public record SendRequest(String to, Long type, String body, Boolean needAck, Boolean urgent, String topic,
            String server, Boolean fanout) {

        CupMessage toMessage() {
            if (this.to == null || this.type == null) {
                throw new IllegalArgumentException("'to' (ip:port) or 'topic', and 'type' are required");
            }
            if (this.server != null || this.fanout != null) {
                throw new IllegalArgumentException("'server' and 'fanout' go with 'topic', not with 'to'");
            }
            return builder(PeerAddress.parse(this.to)).build();
        }

        CupMessage toTopicMessage() {
            if (this.to != null) {
                throw new IllegalArgumentException("Give 'to' (a CUP peer) or 'topic' (the broker), not both");
            }
            if (this.type == null) {
                throw new IllegalArgumentException("'type' is required");
            }
            return builder(PeerAddress.NONE).build();
        }

        AmqpTarget target() {
            if (Boolean.TRUE.equals(this.fanout)) {
                return (this.server != null) ? new AmqpTarget(this.topic, this.server, true)
                        : AmqpTarget.fanout(this.topic);
            }
            return (this.server != null) ? AmqpTarget.server(this.topic, this.server) : AmqpTarget.topic(this.topic);
        }

        private CupMessage.Builder builder(PeerAddress to) {
            if (this.type < 0 || this.type > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("'type' is " + this.type + "; it must be between 0 and 4294967295");
            }
            CupMessage.Builder builder = CupMessage.builder()
                .flags(MessageFlags.NORMAL)
                .to(to)
                .type(this.type.intValue())
                .body((this.body != null) ? this.body : "");
            if (Boolean.TRUE.equals(this.urgent)) {
                builder.urgent();
            }
            if (Boolean.TRUE.equals(this.needAck)) {
                builder.needAck();
            }
            return builder;
        }

    }

}
