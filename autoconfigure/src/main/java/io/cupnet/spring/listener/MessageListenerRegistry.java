package io.cupnet.spring.listener;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code @MessageListener} endpoints by message type; refuses a type that two
 * listeners claim.
 */
public final class MessageListenerRegistry {

    private static final int MAX_BATCH_THREADS = 32;

    private final Map<Integer, ListenerEndpoint> byType = new ConcurrentHashMap<>();

    private final Set<ListenerEndpoint> endpoints = new LinkedHashSet<>();

    private volatile ListenerEndpoint unclaimed;

    /**
     * Adds an endpoint.
     * @throws IllegalStateException when one of its types, or the unclaimed types, already has a listener
     */
    public synchronized void register(ListenerEndpoint endpoint) {
        for (int type : endpoint.getTypes()) {
            ListenerEndpoint existing = this.byType.get(type);
            if (existing != null) {
                throw new IllegalStateException("Message type " + Integer.toUnsignedString(type)
                        + " is claimed by two @MessageListener methods, " + existing.describe() + " and "
                        + endpoint.describe() + "; remove the type from one of them");
            }
        }
        if (endpoint.isUnclaimed() && this.unclaimed != null) {
            throw new IllegalStateException("Two @MessageListener methods take the unclaimed types, "
                    + this.unclaimed.describe() + " and " + endpoint.describe() + "; keep unclaimed = true on one");
        }
        for (int type : endpoint.getTypes()) {
            this.byType.put(type, endpoint);
        }
        if (endpoint.isUnclaimed()) {
            this.unclaimed = endpoint;
        }
        this.endpoints.add(endpoint);
    }

    /** The endpoint for a message type, the unclaimed-types endpoint, or {@code null}. */
    public ListenerEndpoint endpointFor(int type) {
        ListenerEndpoint endpoint = this.byType.get(type);
        return (endpoint != null) ? endpoint : this.unclaimed;
    }

    public synchronized Collection<ListenerEndpoint> getEndpoints() {
        return Set.copyOf(this.endpoints);
    }

    /** The handler threads the listeners need: their largest concurrency or batch size (batch sizes counted up to 32). */
    /** The listeners whose handler thread waits for them beyond the call: batch listeners and those returning futures. */
    public synchronized List<ListenerEndpoint> endpointsThatWait() {
        return this.endpoints.stream().filter(ListenerEndpoint::waitsBeyondTheCall).toList();
    }

    public synchronized int requiredHandlerThreads() {
        int required = 1;
        for (ListenerEndpoint endpoint : this.endpoints) {
            required = Math.max(required, endpoint.getConcurrency());
            if (endpoint.isBatch()) {
                required = Math.max(required, Math.min(endpoint.getBatchSize(), MAX_BATCH_THREADS));
            }
        }
        return required;
    }

}
