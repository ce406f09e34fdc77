package io.cupnet.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cupnet.MessageCenter;
import io.cupnet.PeerSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what one {@link MessageCenter} does as Micrometer meters named {@code cupnet.*},
 * plus Micrometer's executor metrics for its handler executor and its event loops.
 *
 * <p>Meters: {@code cupnet.messages.sent} and {@code cupnet.messages.received} (tags
 * {@code type}, {@code result}), {@code cupnet.bytes.sent}, {@code cupnet.bytes.received},
 * {@code cupnet.frames.rejected} ({@code reason}), {@code cupnet.connections.open}
 * ({@code direction}), {@code cupnet.connections.opened}, {@code cupnet.connections.closed},
 * {@code cupnet.connections.dropped} ({@code reason}), {@code cupnet.connect.attempts},
 * {@code cupnet.connect.failures}, {@code cupnet.reconnects}, {@code cupnet.heartbeats}
 * ({@code result}: sent, answered, replied), {@code cupnet.heartbeat.timeouts},
 * {@code cupnet.tls.handshake.failures}, {@code cupnet.send.queue.depth}
 * ({@code lane}), {@code cupnet.receive.queue.depth}, {@code cupnet.receive.queue.bytes},
 * {@code cupnet.reads.paused},
 * {@code cupnet.reads.pauses}, {@code cupnet.ack.pending}, {@code cupnet.ack.latency} (a timer
 * with a percentile histogram), {@code cupnet.ack.retries}, {@code cupnet.ack.timeouts},
 * {@code cupnet.ack.acked}, {@code cupnet.ack.unreachable}, {@code cupnet.ack.refused},
 * {@code cupnet.ack.rejected}, {@code cupnet.ack.unmatched}, {@code cupnet.dedup.hits} and
 * {@code cupnet.listener.invocations} (a timer; {@code listener}, {@code result}). The meters a broker
 * transport has too (messages sent and received, pending, acked and timed-out acks, ack latency, dedup
 * hits) carry {@code transport=tcp}. Tag cardinality is bounded: at most
 * {@link TypeCounters#MAX_TYPES} message types and 100 listener names, and a {@code peer} tag only with {@link Builder#perPeer(boolean)},
 * for at most {@link Builder#maxPeers(int)} peers.
 *
 * <p>Bind it before or after the center starts; executor metrics follow once it runs. It
 * becomes the center's {@link StatsListener}, so bind one {@code CupnetMetrics} per center.
 * Only this class and its package-private helpers use Micrometer: the rest of cupnet runs
 * without it on the classpath.
 */
public final class CupnetMetrics implements MeterBinder, AutoCloseable {

    /** The tag that tells the meters of a transport apart where a broker transport has the same meter. */
    public static final String TRANSPORT = "transport";

    /** The {@link #TRANSPORT} tag value of this binder's meters: CUP012-3 over TCP. */
    public static final String TCP = "tcp";

    private static final Logger logger = LoggerFactory.getLogger(CupnetMetrics.class);

    private final MessageCenter center;

    private final Tags tags;

    private final boolean perPeer;

    private final int maxPeers;

    private final Duration peerRefreshInterval;

    private final List<RegistryMeters> bound = new CopyOnWriteArrayList<>();

    private final Events events = new Events();

    private ScheduledExecutorService peerRefresher;

    /** Metrics of a center with the defaults: no extra tags, no per-peer tags. */
    public CupnetMetrics(MessageCenter center) {
        this(builder(center));
    }

    private CupnetMetrics(Builder builder) {
        this.center = builder.center;
        this.tags = builder.tags;
        this.perPeer = builder.perPeer;
        this.maxPeers = builder.maxPeers;
        this.peerRefreshInterval = builder.peerRefreshInterval;
    }

    /** A builder for the meters of one center, without tags, per-peer meters off. */
    public static Builder builder(MessageCenter center) {
        return new Builder(center);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        RegistryMeters meters = new RegistryMeters(registry, this.center, this.tags, this.perPeer ? this.maxPeers : 0);
        this.bound.add(meters);
        this.center.stats().listener(this.events);
        meters.bind();
        if (this.center.state() == MessageCenter.State.RUNNING) {
            meters.bindExecutors();
        }
        if (this.perPeer) {
            refreshPeers();
            startPeerRefresher();
        }
    }

    /**
     * Reads the peers of the center now and updates the per-peer gauges, registering those of
     * new peers up to the cap; runs every peer refresh interval when per-peer tags are on.
     */
    public void refreshPeers() {
        List<PeerSnapshot> peers = this.center.peers();
        this.bound.forEach((meters) -> meters.updatePeers(peers));
    }

    /** Stops refreshing the per-peer gauges and stops listening to the center. */
    @Override
    public synchronized void close() {
        if (this.peerRefresher != null) {
            this.peerRefresher.shutdownNow();
            this.peerRefresher = null;
        }
        if (this.center.stats().listener() == this.events) {
            this.center.stats().listener(null);
        }
    }

    private synchronized void startPeerRefresher() {
        if (this.peerRefresher != null) {
            return;
        }
        this.peerRefresher = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "cupnet-metrics");
            thread.setDaemon(true);
            return thread;
        });
        long nanos = this.peerRefreshInterval.toNanos();
        this.peerRefresher.scheduleWithFixedDelay(this::refreshPeersQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    private void refreshPeersQuietly() {
        try {
            refreshPeers();
        }
        catch (RuntimeException ex) {
            logger.warn("Could not refresh the per-peer cupnet metrics", ex);
        }
    }

    /** Forwards the events of the center's stats to every registry this is bound to. */
    private final class Events implements StatsListener {

        @Override
        public void started() {
            CupnetMetrics.this.bound.forEach(RegistryMeters::bindExecutors);
        }

        @Override
        public void typeAdded(TypeCounters counters, int slot) {
            CupnetMetrics.this.bound.forEach((meters) -> meters.typeAdded(counters, slot));
        }

        @Override
        public void ackLatency(long nanos) {
            CupnetMetrics.this.bound.forEach((meters) -> meters.ackLatency(nanos));
        }

        @Override
        public void listenerInvoked(String listener, boolean success, long nanos) {
            CupnetMetrics.this.bound.forEach((meters) -> meters.listenerInvoked(listener, success, nanos));
        }

    }

    /** Options of a {@link CupnetMetrics}. */
    public static final class Builder {

        private final MessageCenter center;

        private Tags tags = Tags.empty();

        private boolean perPeer;

        private int maxPeers = 100;

        private Duration peerRefreshInterval = Duration.ofSeconds(5);

        private Builder(MessageCenter center) {
            this.center = Objects.requireNonNull(center, "center");
        }

        /** Tags added to every meter, for example to tell two centers in one registry apart. */
        public Builder tags(Iterable<Tag> tags) {
            this.tags = Tags.of(tags);
            return this;
        }

        /**
         * Whether {@code cupnet.connections.open} and {@code cupnet.send.queue.depth} carry a
         * {@code peer} tag (the peer's listening ip:port) instead of one sum; false by default.
         */
        public Builder perPeer(boolean perPeer) {
            this.perPeer = perPeer;
            return this;
        }

        /** The most peers with their own {@code peer} tag; the rest add up under {@code peer=other}. 100 by default. */
        public Builder maxPeers(int maxPeers) {
            if (maxPeers < 1) {
                throw new IllegalArgumentException("maxPeers is " + maxPeers + "; it must be at least 1");
            }
            this.maxPeers = maxPeers;
            return this;
        }

        /** How often the per-peer gauges read the peers again; 5 seconds by default. */
        public Builder peerRefreshInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("peerRefreshInterval is " + interval + "; it must be positive");
            }
            this.peerRefreshInterval = interval;
            return this;
        }

        /** The binder, ready for {@link CupnetMetrics#bindTo(MeterRegistry)}. */
        public CupnetMetrics build() {
            return new CupnetMetrics(this);
        }

    }

}
