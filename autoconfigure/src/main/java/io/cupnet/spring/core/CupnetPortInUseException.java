package io.cupnet.spring.core;

/**
 * Thrown when the cupnet server cannot start because its port is already taken by another
 * process (or another cupnet node).
 */
public class CupnetPortInUseException extends IllegalStateException {

    private final String host;

    private final int port;

    public CupnetPortInUseException(String host, int port, Throwable cause) {
        super("cupnet cannot listen on " + host + ":" + port + ": the port is already in use", cause);
        this.host = host;
        this.port = port;
    }

    /** The host the server was to bind. */
    public String getHost() {
        return this.host;
    }

    /** The port that is taken. */
    public int getPort() {
        return this.port;
    }

}
