package io.cupnet.amqp;

import java.time.Duration;

/**
 * The deliveries of a receiver whose settling goes on off the consumer thread (a listener on threads of its own,
 * a CUP ack on its way out before the broker ack), counted so that a stop can wait for them while their channel is
 * still open.
 */
final class Unsettled {

    private int count;

    /** One more delivery settles off the consumer thread. */
    synchronized void started() {
        this.count++;
    }

    /** A delivery counted by {@link #started()} is settled. */
    synchronized void ended() {
        this.count--;
        notifyAll();
    }

    /** Waits at most {@code timeout} until every counted delivery is settled; false when some are not. */
    synchronized boolean await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (this.count > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

}
