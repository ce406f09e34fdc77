package io.cupnet.bench.amqp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import io.cupnet.bench.ThreadLoad;

/**
 * The load of both broker contenders: one application thread sends while fewer than {@code --window}
 * of its messages are in flight, and otherwise polls the count of finished ones every millisecond. A broker
 * finishes tens of thousands of messages a second, so the default window holds many milliseconds of them; a
 * finer poll would take the cores from the broker, which runs on the same machine.
 */
final class WindowedSender implements ThreadLoad.Sender {

    private static final long WINDOW_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final long window;

    private final LongSupplier finished;

    private final Send send;

    private long sent;

    private long finishedSeen;

    /**
     * A load for one round, created while nothing is in flight.
     * @param window messages in flight at most
     * @param finished the number of messages finished so far (confirmed and handled, or acked)
     * @param send sends one message; throws when an earlier one failed
     */
    WindowedSender(int window, LongSupplier finished, Send send) {
        this.window = window;
        this.finished = finished;
        this.send = send;
        this.sent = finished.getAsLong();
        this.finishedSeen = this.sent;
    }

    @Override
    public boolean sendOne(BooleanSupplier stopped) {
        // The finished count is read again only once the last reading shows the window full, so that the load
        // thread does not pull the counter's cache line from the threads that complete messages on every send.
        while (this.sent - this.finishedSeen >= this.window) {
            this.finishedSeen = this.finished.getAsLong();
            if (this.sent - this.finishedSeen < this.window) {
                break;
            }
            if (stopped.getAsBoolean()) {
                return false;
            }
            this.send.checkFailure();
            LockSupport.parkNanos(WINDOW_POLL_NANOS);
        }
        this.send.sendOne();
        this.sent++;
        return true;
    }

    /** What a contender does to send. */
    interface Send {

        /** Sends one message without waiting for it. */
        void sendOne();

        /** Throws when a message failed, so that the round ends at once. */
        void checkFailure();

    }

}
