package io.cupnet.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cupnet.MessageCenter;
import io.cupnet.PeerSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** The meters of one message center in one registry. */
final class RegistryMeters {

    private final MeterRegistry registry;

    private final MessageCenter center;

    private final Tags tags;

    private final TypeMeters types;

    private final EventMeters events;

    private final PeerMeters peers;

    private final AtomicBoolean executorsBound = new AtomicBoolean();

    /** @param maxPeers the cap of per-peer tags, 0 for no per-peer tags */
    RegistryMeters(MeterRegistry registry, MessageCenter center, Tags tags, int maxPeers) {
        this.registry = registry;
        this.center = center;
        this.tags = tags;
        Tags tcp = tags.and(CupnetMetrics.TRANSPORT, CupnetMetrics.TCP);
        this.types = new TypeMeters(registry, center.stats(), tcp);
        this.events = new EventMeters(registry, tags, tcp, center.options().ack().timeout());
        this.peers = (maxPeers > 0) ? new PeerMeters(registry, tags, maxPeers) : null;
    }

    void bind() {
        CenterMeters.bind(this.registry, this.center, this.tags, this.peers == null);
        this.types.bind();
        if (this.peers != null) {
            this.peers.bind();
        }
    }

    void bindExecutors() {
        if (this.executorsBound.compareAndSet(false, true)) {
            ExecutorMeters.bind(this.registry, this.center, this.tags);
        }
    }

    void updatePeers(List<PeerSnapshot> snapshot) {
        if (this.peers != null) {
            this.peers.update(snapshot);
        }
    }

    void typeAdded(TypeCounters counters, int slot) {
        this.types.register(counters, slot);
    }

    void ackLatency(long nanos) {
        this.events.ackLatency(nanos);
    }

    void listenerInvoked(String listener, boolean success, long nanos) {
        this.events.listenerInvoked(listener, success, nanos);
    }

}
