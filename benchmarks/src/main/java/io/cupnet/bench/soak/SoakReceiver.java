package io.cupnet.bench.soak;

import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;

import io.cupnet.MessageCenter;
import io.cupnet.PeerAddress;
import io.cupnet.options.CupnetOptions;

/**
 * One receiver of the soak: a message center on a fixed port that can be restarted on it,
 * each lifetime recording the messages it handled in the {@link SoakLedger}.
 *
 * <p>A restart is as abrupt as an in-process node allows: the old lifetime gets 1 ms to drain,
 * then drops the frames it has not handled, fails the acks it has not written and closes its
 * connections; the new one binds the same port at once.
 */
final class SoakReceiver {

    private static final Duration DRAIN = Duration.ofMillis(1);

    private final CupnetOptions options;

    private final SoakLedger ledger;

    private volatile MessageCenter center;

    SoakReceiver(CupnetOptions options, SoakLedger ledger) {
        this.ledger = ledger;
        this.center = start(options);
        this.options = options.toBuilder().server(s -> s.port(this.center.port())).build();
    }

    PeerAddress address() {
        return this.center.localAddress();
    }

    MessageCenter center() {
        return this.center;
    }

    /** Stops this lifetime abruptly and starts the next one on the same port. */
    void restart() throws InterruptedException {
        this.center.awaitTermination(DRAIN);
        this.center = startOnSamePort();
    }

    void close() {
        this.center.close();
    }

    private MessageCenter startOnSamePort() throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                return start(this.options);
            }
            catch (IllegalStateException ex) {
                if (attempt == 50) {
                    throw ex;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private MessageCenter start(CupnetOptions centerOptions) {
        BitSet lifetime = new BitSet();
        MessageCenter started = new MessageCenter(centerOptions,
                (message, ack) -> this.ledger.onHandled(lifetime, (int) message.uniqId().low()));
        started.start();
        return started;
    }

}
