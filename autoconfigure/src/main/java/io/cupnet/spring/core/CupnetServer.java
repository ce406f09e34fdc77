package io.cupnet.spring.core;

import java.net.BindException;
import java.time.Duration;
import java.util.function.Supplier;

import io.cupnet.AckTracking;
import io.cupnet.Connections;
import io.cupnet.MessageCenter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the cupnet {@link MessageCenter} as a {@link SmartLifecycle}: creates and starts it
 * once every {@code @MessageListener} is registered, and on context stop or close stops it
 * and drains within the shutdown timeout. A message center runs once, so a start after a
 * stop creates a fresh one: {@code context.stop(); context.start()} works, and
 * {@link #getMessageCenter()} always returns the current one.
 */
public class CupnetServer implements SmartLifecycle {

    /** Starts before the web server and stops after it, so that requests in flight can still send. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Log logger = LogFactory.getLog(CupnetServer.class);

    private final Supplier<MessageCenter> centerFactory;

    private final Duration shutdownTimeout;

    private volatile MessageCenter center;

    private volatile boolean running;

    private volatile RuntimeException startFailure;

    private final Connections connections = new ServerConnections(this);

    private final AckTracking acks = new ServerAckTracking(this);

    /**
     * @param centerFactory creates a message center that is not started yet, called on each start
     * @param shutdownTimeout how long stopping drains before it fails what is left
     */
    public CupnetServer(Supplier<MessageCenter> centerFactory, Duration shutdownTimeout) {
        this.centerFactory = centerFactory;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public synchronized void start() {
        if (this.running) {
            return;
        }
        MessageCenter next = this.center;
        if (next == null || next.state() != MessageCenter.State.NEW) {
            next = this.centerFactory.get();
            this.center = next;
        }
        try {
            next.start();
        }
        catch (RuntimeException ex) {
            RuntimeException failure = portInUse(next, ex) ? new CupnetPortInUseException(
                    next.options().server().host(), next.options().server().port(), ex) : ex;
            this.startFailure = failure;
            throw failure;
        }
        this.startFailure = null;
        this.running = true;
    }

    private static boolean portInUse(MessageCenter center, RuntimeException failure) {
        if (center.options().server().port() == 0) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof BindException || message.contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void stop() {
        stop(() -> {
        });
    }

    /** Stops taking messages and drains on a thread of its own; {@code callback} runs once the drain finished. */
    @Override
    public synchronized void stop(Runnable callback) {
        if (!this.running) {
            callback.run();
            return;
        }
        this.running = false;
        MessageCenter stopping = this.center;
        stopping.stop();
        Thread drain = new Thread(() -> {
            try {
                if (!stopping.awaitTermination(this.shutdownTimeout)) {
                    logger.warn("cupnet did not drain within " + this.shutdownTimeout
                            + "; raise cupnet.shutdown-timeout to give it more time");
                }
            }
            finally {
                callback.run();
            }
        }, "cupnet-shutdown");
        drain.start();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The message center once started, otherwise {@code null}. */
    public MessageCenter getMessageCenter() {
        return this.center;
    }

    /**
     * The connections of the current message center: a view that follows each fresh center after a restart, empty
     * while none exists.
     */
    public Connections connections() {
        return this.connections;
    }

    /**
     * The pending acks and ack outcomes of the current message center: a view that follows each fresh center after
     * a restart (its counts start again with each center), empty while none exists.
     */
    public AckTracking acks() {
        return this.acks;
    }

    /** Why the last start failed (the port was taken, for example), or {@code null}. */
    public RuntimeException getStartFailure() {
        return this.startFailure;
    }

    /** The message center, failing with a message that says what to do when it is not started yet. */
    public MessageCenter requireMessageCenter() {
        MessageCenter current = this.center;
        if (current == null) {
            throw new IllegalStateException("The cupnet server is not started yet; it starts with the application "
                    + "context (SmartLifecycle phase " + PHASE + "): send from an ApplicationRunner or later");
        }
        return current;
    }

}
