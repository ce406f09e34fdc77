package io.cupnet.bench.cupnet;

import io.cupnet.MessageCenter;
import io.cupnet.MessageHandler;
import io.cupnet.PeerAddress;
import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.Contender;

/**
 * A cupnet contender made of a sender node and a receiver node: what every cupnet scenario
 * shares, its options, the body it sends, starting both nodes and closing them.
 */
public abstract class CupnetPair implements Contender {

    /** A handler that does nothing. */
    protected static final MessageHandler NO_OP = (message, acknowledgment) -> {
    };

    protected final BenchOptions bench;

    /** The body of every message, sized so that a frame has {@code --size} bytes. */
    protected final byte[] body;

    protected MessageCenter receiver;

    protected MessageCenter sender;

    /** The receiver's address, where the sender sends. */
    protected PeerAddress to;

    protected CupnetPair(BenchOptions bench) {
        this.bench = bench;
        this.body = CupnetNodes.body(bench.size());
    }

    @Override
    public final String name() {
        return "cupnet";
    }

    /** Starts the receiver, then the sender, each with its handler. */
    protected final void startNodes(MessageHandler receiverHandler, MessageHandler senderHandler) {
        startSender(CupnetNodes.start(this.bench, receiverHandler), senderHandler);
    }

    /** Starts the sender towards a receiver started elsewhere. */
    protected final void startSender(MessageCenter receiver, MessageHandler senderHandler) {
        this.receiver = receiver;
        this.sender = CupnetNodes.start(this.bench, senderHandler);
        this.to = receiver.localAddress();
    }

    @Override
    public void close() {
        CupnetNodes.closeAll(this.sender, this.receiver);
    }

}
