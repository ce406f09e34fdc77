package io.cupnet.amqp.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code cupnet.amqp.*} properties of the broker transport; the broker connection itself is Boot's
 * {@code spring.rabbitmq.*}.
 */
@ConfigurationProperties("cupnet.amqp")
public class CupnetAmqpProperties {

    /** Whether the broker transport is on. */
    private boolean enabled;

    /** The topic (service name) this node serves; none to only send. Letters, digits, '_' and '-'. */
    private String topic;

    /** This node's server id within its topic; a random one per start when unset (its queue is then auto-delete). */
    private String server;

    /** The first word of every exchange and queue name. */
    private String prefix = "cupnet";

    /** Maximum unacknowledged deliveries the broker sends to each consumer. */
    private int prefetch = 100;

    /** The number of consumers, each a handler thread, of the served topic. */
    private int concurrency = 1;

    /** Maximum attempts of the handler on one delivery before it goes to the topic's dead-letter queue. */
    private int maxAttempts = 3;

    /** The wait before the second attempt, doubled for each further one (at most 10s). */
    private Duration retryBackoff = Duration.ofMillis(100);

    /**
     * Maximum time a send waits for the broker's confirm while the broker cannot be reached (publishing it again
     * with a backoff), before it fails with CONNECTION_LOST.
     */
    private Duration sendTimeout = Duration.ofSeconds(30);

    /** Maximum time a need-ack send waits for the ack of the node that handled it, from the broker's confirm. */
    private Duration ackTimeout = Duration.ofSeconds(30);

    /** Maximum number of handled need-ack messages a node remembers, to ack their redeliveries without handling. */
    private int dedupWindow = 16_384;

    /** Forwarding of CUP frames that arrive over TCP to a topic. */
    private final Bridge bridge = new Bridge();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getTopic() {
        return this.topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getServer() {
        return this.server;
    }

    public void setServer(String server) {
        this.server = server;
    }

    public String getPrefix() {
        return this.prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public int getPrefetch() {
        return this.prefetch;
    }

    public void setPrefetch(int prefetch) {
        this.prefetch = prefetch;
    }

    public int getConcurrency() {
        return this.concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public int getMaxAttempts() {
        return this.maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getRetryBackoff() {
        return this.retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getSendTimeout() {
        return this.sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public Duration getAckTimeout() {
        return this.ackTimeout;
    }

    public void setAckTimeout(Duration ackTimeout) {
        this.ackTimeout = ackTimeout;
    }

    public int getDedupWindow() {
        return this.dedupWindow;
    }

    public void setDedupWindow(int dedupWindow) {
        this.dedupWindow = dedupWindow;
    }

    public Bridge getBridge() {
        return this.bridge;
    }

    /** The {@code cupnet.amqp.bridge.*} properties: which CUP frames go to which topic. */
    public static class Bridge {

        /** The CUP message types that are forwarded to the bridge topic instead of being handled locally. */
        private List<Integer> types = new ArrayList<>();

        /** The topic the bridged frames are published to (one of its nodes takes each). */
        private String topic;

        public List<Integer> getTypes() {
            return this.types;
        }

        public void setTypes(List<Integer> types) {
            this.types = types;
        }

        public String getTopic() {
            return this.topic;
        }

        public void setTopic(String topic) {
            this.topic = topic;
        }

    }

}
