package io.cupnet.spring.listener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code @MessageListener} endpoints by message type. Endpoints are added while beans
 * are created and the registry is frozen once every singleton exists: then each type is
 * checked to be claimed once, and an endpoint added later (a lazy or prototype bean created
 * after start-up) is refused, since the node could have dropped its messages already.
 */
public final class MessageListenerRegistry {

    private final List<ListenerEndpoint> endpoints = new ArrayList<>();

    private volatile Map<Integer, ListenerEndpoint> byType = Map.of();

    private volatile ListenerEndpoint unclaimed;

    private volatile boolean frozen;

    /**
     * Adds an endpoint before the registry is frozen.
     * @throws ListenerConfigurationException once frozen: the listener's bean was created after start-up
     */
    public synchronized void add(ListenerEndpoint endpoint, String beanName) {
        if (this.frozen) {
            throw new ListenerConfigurationException(endpoint.describe(), "@MessageListener " + endpoint.describe()
                    + " of bean '" + beanName + "' appeared after the listeners were registered at start-up, so "
                    + "messages of its types may have been dropped unacknowledged already",
                    "Make '" + beanName + "' a singleton that is created at start-up: not @Lazy, not prototype "
                            + "or another scope, and not created by hand with getBean after the context started.");
        }
        this.endpoints.add(endpoint);
    }

    /**
     * Maps each type to its endpoint and takes no more endpoints.
     * @throws ListenerConfigurationException when a type, or the unclaimed types, has two listeners
     */
    public synchronized void freeze() {
        Map<Integer, ListenerEndpoint> types = new HashMap<>();
        ListenerEndpoint unclaimedTypes = null;
        for (ListenerEndpoint endpoint : this.endpoints) {
            for (int type : endpoint.getTypes()) {
                ListenerEndpoint existing = types.putIfAbsent(type, endpoint);
                if (existing != null && existing != endpoint) {
                    throw claimedTwice("Message type " + Integer.toUnsignedString(type), existing, endpoint,
                            "Remove type " + Integer.toUnsignedString(type) + " from one of them");
                }
            }
            if (endpoint.isUnclaimed()) {
                if (unclaimedTypes != null) {
                    throw claimedTwice("The unclaimed types", unclaimedTypes, endpoint,
                            "Keep unclaimed = true on one of them");
                }
                unclaimedTypes = endpoint;
            }
        }
        this.byType = Map.copyOf(types);
        this.unclaimed = unclaimedTypes;
        this.frozen = true;
    }

    private static ListenerConfigurationException claimedTwice(String what, ListenerEndpoint first,
            ListenerEndpoint second, String action) {
        return new ListenerConfigurationException(second.describe(), what + " is claimed by two @MessageListener "
                + "methods, " + first.describe() + " and " + second.describe(), action + "; each type has one "
                        + "listener, which may hand messages on to others.");
    }

    /** Whether the endpoints are registered and no more are taken. */
    public boolean isFrozen() {
        return this.frozen;
    }

    /** The endpoint for a message type, the unclaimed-types endpoint, or {@code null}. */
    public ListenerEndpoint endpointFor(int type) {
        ListenerEndpoint endpoint = this.byType.get(type);
        return (endpoint != null) ? endpoint : this.unclaimed;
    }

    /** The endpoints in the order they were added. */
    public synchronized List<ListenerEndpoint> getEndpoints() {
        return List.copyOf(this.endpoints);
    }

    /** The listeners that could hold their handler thread: batches, futures and concurrency limits. */
    public synchronized List<ListenerEndpoint> endpointsThatCouldBlock() {
        return this.endpoints.stream().filter(ListenerEndpoint::couldBlock).toList();
    }

}
