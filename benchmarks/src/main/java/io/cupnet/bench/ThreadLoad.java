package io.cupnet.bench;

/**
 * A {@link ThroughputRound.Load} that sends from one application thread, as a user of cupnet would.
 */
public final class ThreadLoad implements ThroughputRound.Load {

    private final String name;

    private final Sender sender;

    private volatile boolean stopped;

    private volatile Throwable failure;

    private Thread thread;

    private long sent;

    /**
     * Creates a load.
     * @param name the sending thread's name
     * @param sender sends one message; may block while the transport has no room
     */
    public ThreadLoad(String name, Sender sender) {
        this.name = name;
        this.sender = sender;
    }

    @Override
    public void start(long limit) {
        this.stopped = false;
        this.sent = 0;
        this.thread = new Thread(() -> send(limit), this.name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void send(long limit) {
        long count = 0;
        try {
            while (count < limit && !this.stopped) {
                if (this.sender.sendOne(() -> this.stopped)) {
                    count++;
                }
            }
        }
        catch (Throwable ex) {
            this.failure = ex;
        }
        this.sent = count;
    }

    @Override
    public void check() {
        if (this.failure != null) {
            throw new IllegalStateException(this.name + " failed: " + this.failure, this.failure);
        }
    }

    @Override
    public void stop() {
        this.stopped = true;
    }

    @Override
    public long awaitStopped() throws InterruptedException {
        this.thread.join();
        check();
        return this.sent;
    }

    /** Sends one message. */
    @FunctionalInterface
    public interface Sender {

        /**
         * Sends one message.
         * @param stopped tells whether the load was stopped, for senders that wait
         * @return whether a message was sent (false when the load stopped while waiting)
         */
        boolean sendOne(java.util.function.BooleanSupplier stopped) throws Exception;

    }

}
