package io.cupnet;

/**
 * Which Netty transport carries the sockets.
 */
public enum TransportType {

    /**
     * Epoll when Netty's native epoll ({@code io.netty:netty-transport-native-epoll}, an optional
     * dependency the application adds) is on the class path and loads on this machine, NIO otherwise.
     */
    AUTO,

    /** Linux epoll; start-up fails when it is absent from the class path or unavailable. */
    EPOLL,

    /** Java NIO, available everywhere. */
    NIO

}
