package io.cupnet;

/**
 * Which Netty transport carries the sockets.
 */
public enum TransportType {

    /** Epoll when the native library loads on this machine, NIO otherwise. */
    AUTO,

    /** Linux epoll; start-up fails when it is unavailable. */
    EPOLL,

    /** Java NIO, available everywhere. */
    NIO

}
