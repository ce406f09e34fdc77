package io.cupnet;

/**
 * Where the {@link MessageHandler} runs.
 */
public enum DispatchMode {

    /**
     * On handler threads that take frames off the receive queue: the I/O thread only decodes,
     * so a slow or blocking handler never holds up a connection. The default.
     */
    HANDLER_THREADS,

    /**
     * On the connection's I/O thread, as soon as the frames of a read are decoded: no queue and
     * no thread hand-off, so the lowest latency and the least CPU per message. Only for handlers
     * that never block: while one runs, every connection on that I/O thread waits, which is also
     * the backpressure (the receive queue and its watermarks are not used).
     */
    IO_THREAD

}
