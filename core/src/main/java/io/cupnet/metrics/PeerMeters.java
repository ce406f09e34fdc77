package io.cupnet.metrics;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cupnet.Lane;
import io.cupnet.PeerSnapshot.Direction;
import io.cupnet.PeerSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * {@code cupnet.connections.open} and {@code cupnet.send.queue.depth} with a {@code peer} tag,
 * read from the last peer snapshot: the first peers seen, up to the cap, get their own gauges,
 * the rest (and inbound connections whose peer is not known yet) add up under {@code peer=other}.
 */
final class PeerMeters {

    static final String OTHER = "other";

    private final MeterRegistry registry;

    private final Tags tags;

    private final int maxPeers;

    private final Set<String> registered = new HashSet<>();

    private volatile Map<String, Load> loads = Map.of();

    PeerMeters(MeterRegistry registry, Tags tags, int maxPeers) {
        this.registry = registry;
        this.tags = tags;
        this.maxPeers = maxPeers;
    }

    synchronized void bind() {
        this.registered.add(OTHER);
        register(OTHER);
    }

    /** Takes a new snapshot, registering the gauges of peers not seen before while under the cap. */
    synchronized void update(List<PeerSnapshot> snapshot) {
        Map<String, Load> byPeer = new LinkedHashMap<>();
        for (PeerSnapshot row : snapshot) {
            String peer = (row.peer() != null) ? row.peer().ip() + ":" + row.peer().port() : OTHER;
            // OTHER is registered too: the cap counts the rest.
            if (!this.registered.contains(peer) && this.registered.size() - 1 < this.maxPeers) {
                this.registered.add(peer);
                register(peer);
            }
            byPeer.merge(this.registered.contains(peer) ? peer : OTHER, Load.of(row), Load::plus);
        }
        this.loads = byPeer;
    }

    private void register(String peer) {
        Tags peerTags = this.tags.and("peer", peer);
        for (Direction direction : Direction.values()) {
            Gauge.builder("cupnet.connections.open", this, (meters) -> meters.load(peer).connections(direction))
                .description("Open connections")
                .tags(peerTags.and("direction", direction.tag()))
                .register(this.registry);
        }
        for (Lane lane : Lane.values()) {
            Gauge.builder("cupnet.send.queue.depth", this, (meters) -> meters.load(peer).queued(lane))
                .description("Frames waiting in the send queues")
                .tags(peerTags.and("lane", lane.tag()))
                .register(this.registry);
        }
    }

    private Load load(String peer) {
        return this.loads.getOrDefault(peer, Load.NONE);
    }

    /** What one peer holds: open connections by direction and queued frames by lane. */
    private record Load(int inbound, int outbound, int urgent, int normal) {

        static final Load NONE = new Load(0, 0, 0, 0);

        static Load of(PeerSnapshot row) {
            boolean open = row.state() == PeerSnapshot.State.CONNECTED;
            boolean inbound = row.direction() == Direction.INBOUND;
            return new Load((open && inbound) ? 1 : 0, (open && !inbound) ? 1 : 0, row.urgentQueued(),
                    row.normalQueued());
        }

        Load plus(Load other) {
            return new Load(this.inbound + other.inbound, this.outbound + other.outbound,
                    this.urgent + other.urgent, this.normal + other.normal);
        }

        int connections(Direction direction) {
            return (direction == Direction.INBOUND) ? this.inbound : this.outbound;
        }

        int queued(Lane lane) {
            return (lane == Lane.URGENT) ? this.urgent : this.normal;
        }

    }

}
