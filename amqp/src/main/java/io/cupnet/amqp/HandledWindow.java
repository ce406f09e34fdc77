package io.cupnet.amqp;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cupnet.CupMessage;

/**
 * The need-ack messages this node handled lately, by sender and uniq id (as CUP's dedup window keys frames), so
 * that a redelivery of one is acked again instead of handled twice; bounded, the oldest forgotten first.
 */
final class HandledWindow {

    private final Map<Key, Boolean> handled;

    /** A window that remembers the last {@code capacity} handled messages. */
    HandledWindow(int capacity) {
        this.handled = new LinkedHashMap<>(16, 0.75f, false) {

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                return size() > capacity;
            }

        };
    }

    /** Remembers {@code message} as handled. */
    synchronized void markHandled(CupMessage message) {
        this.handled.put(Key.of(message), Boolean.TRUE);
    }

    /** Whether {@code message} was handled here and is still remembered. */
    synchronized boolean wasHandled(CupMessage message) {
        return this.handled.containsKey(Key.of(message));
    }

    private record Key(long endpoint, long uniqIdHigh, long uniqIdLow) {

        static Key of(CupMessage message) {
            return new Key(message.from().endpointKey(), message.uniqIdHigh(), message.uniqIdLow());
        }

    }

}
