package io.cupnet.bench.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.internal.wire.CupFrameEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The raw-socket attacker of the hostile scenario, two loops on threads of their own that stop
 * at a deadline or after a fixed number of frames and connections, whichever comes first:
 *
 * <ul>
 * <li><b>Spoofed claims</b>: {@link #SPOOFED_PER_SECOND} fresh connections a second, each writing
 * frames whose {@code from} the connection may not speak for, alternately a need-ack first frame
 * claiming another IP (10.x.y.z) and a second frame claiming another port than the first; it then
 * waits for the node to close the connection.</li>
 * <li><b>A stalled ack target</b>: one connection writing {@link #STALLED_PER_SECOND} need-ack
 * frames a second with {@link #STALLED_BODY}-byte bodies, each claiming {@code from} a
 * {@link StalledAckTarget} on loopback, which accepts the node's connection and never reads
 * the acks.</li>
 * </ul>
 */
final class HostileAttack {

    static final int SPOOFED_PER_SECOND = 100;

    static final int STALLED_PER_SECOND = 2_000;

    static final int STALLED_BODY = 4096;

    /** The most spoofed connections and stalled-target frames one run makes, whatever its length. */
    private static final long MAX_SPOOFED = 1_000_000;

    private static final long MAX_STALLED = 10_000_000;

    private static final int TICKS_PER_SECOND = 100;

    private static final int READ_TIMEOUT_MILLIS = 5_000;

    /** The message type of the attacker's frames, unlike the normal traffic's. */
    static final int ATTACK_TYPE = 7;

    private final PeerAddress node;

    private final PeerAddress stalledTarget;

    private final LongAdder spoofedConnections = new LongAdder();

    private final LongAdder spoofedClosedByNode = new LongAdder();

    private final LongAdder stalledFrames = new LongAdder();

    private final LongAdder errors = new LongAdder();

    private volatile long deadline;

    private Thread spoofer;

    private Thread staller;

    private volatile Socket stalledConnection;

    HostileAttack(PeerAddress node, PeerAddress stalledTarget) {
        this.node = node;
        this.stalledTarget = stalledTarget;
    }

    /** Starts both loops; they stop by themselves after {@code seconds}. */
    void start(double seconds) {
        this.deadline = System.nanoTime() + (long) (seconds * 1e9);
        this.spoofer = daemon(this::spoofLoop, "hostile-spoofer");
        this.staller = daemon(this::stallLoop, "hostile-staller");
    }

    /** Waits for both loops to end, closing the stalled connection if its last write blocks. */
    void join() throws Exception {
        this.spoofer.join();
        this.staller.join(TimeUnit.SECONDS.toMillis(10));
        Socket socket = this.stalledConnection;
        if (socket != null) {
            socket.close();
        }
        this.staller.join();
    }

    long spoofedConnections() {
        return this.spoofedConnections.sum();
    }

    long spoofedClosedByNode() {
        return this.spoofedClosedByNode.sum();
    }

    long stalledFrames() {
        return this.stalledFrames.sum();
    }

    /** I/O errors of the attacker's own sockets (a refused connect, a reset while writing). */
    long errors() {
        return this.errors.sum();
    }

    private void spoofLoop() {
        long tickNanos = TimeUnit.SECONDS.toNanos(1) / SPOOFED_PER_SECOND;
        long next = System.nanoTime();
        for (long i = 0; i < MAX_SPOOFED && System.nanoTime() < this.deadline; i++) {
            spoofOnce(i);
            next += tickNanos;
            parkUntil(next);
        }
    }

    private void spoofOnce(long i) {
        byte[] frames = ((i & 1) == 0) ? encode(spoofedIp(i)) : encode(samePeer(i, 7001), samePeer(i, 7002));
        try (Socket socket = new Socket(this.node.ip(), this.node.port())) {
            socket.setSoLinger(true, 0);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            this.spoofedConnections.increment();
            socket.getOutputStream().write(frames);
            if (closedByNode(socket.getInputStream())) {
                this.spoofedClosedByNode.increment();
            }
        }
        catch (IOException ex) {
            this.errors.increment();
        }
    }

    /** A need-ack first frame claiming another IP than the connection's, 127.0.0.1. */
    private CupMessage spoofedIp(long i) {
        PeerAddress claimed = PeerAddress.of("10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255),
                7000);
        return frame(claimed, UniqId.of(i + 1), new byte[16], true);
    }

    /** A plain frame from 127.0.0.1 at {@code port}: valid first, refused as a second frame at another port. */
    private CupMessage samePeer(long i, int port) {
        return frame(PeerAddress.of("127.0.0.1", port), UniqId.of(i + 1), new byte[16], false);
    }

    /** Reads until the node closes; false when the read timed out with the connection still open. */
    private static boolean closedByNode(InputStream in) throws IOException {
        try {
            while (in.read() != -1) {
                // the node writes nothing on a connection it refuses
            }
            return true;
        }
        catch (java.net.SocketTimeoutException ex) {
            return false;
        }
        catch (SocketException reset) {
            return true;
        }
    }

    private void stallLoop() {
        byte[] body = new byte[STALLED_BODY];
        int perTick = STALLED_PER_SECOND / TICKS_PER_SECOND;
        long tickNanos = TimeUnit.SECONDS.toNanos(1) / TICKS_PER_SECOND;
        try (Socket socket = new Socket(this.node.ip(), this.node.port())) {
            this.stalledConnection = socket;
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            long next = System.nanoTime();
            long sent = 0;
            while (sent < MAX_STALLED && System.nanoTime() < this.deadline) {
                CupMessage[] batch = new CupMessage[perTick];
                for (int i = 0; i < perTick; i++) {
                    batch[i] = frame(this.stalledTarget, UniqId.of(++sent), body, true);
                }
                out.write(encode(sent == perTick, batch));
                this.stalledFrames.add(perTick);
                next += tickNanos;
                parkUntil(next);
            }
        }
        catch (IOException ex) {
            if (System.nanoTime() < this.deadline) {
                this.errors.increment();
            }
        }
    }

    private CupMessage frame(PeerAddress from, UniqId uniqId, byte[] body, boolean needAck) {
        CupMessage.Builder builder = CupMessage.builder().from(from).to(this.node).type(ATTACK_TYPE).uniqId(uniqId)
            .body(body);
        return needAck ? builder.needAck().build() : builder.build();
    }

    /** The frames of a fresh connection: the first with the head. */
    private static byte[] encode(CupMessage... frames) {
        return encode(true, frames);
    }

    private static byte[] encode(boolean firstOfConnection, CupMessage... frames) {
        ByteBuf bytes = Unpooled.buffer();
        try {
            for (int i = 0; i < frames.length; i++) {
                CupFrameEncoder.encode(frames[i], firstOfConnection && i == 0, bytes);
            }
            return ByteBufUtil.getBytes(bytes);
        }
        finally {
            bytes.release();
        }
    }

    private static Thread daemon(Runnable loop, String name) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void parkUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

}
