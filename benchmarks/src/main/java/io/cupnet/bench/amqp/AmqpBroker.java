package io.cupnet.bench.amqp;

import java.util.List;
import java.util.Map;

import io.cupnet.amqp.support.PrivateBroker;
import io.cupnet.bench.BenchOptions;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.connection.Connection;

/**
 * The RabbitMQ broker of a broker scenario, shared by both contenders: a private node started from the
 * installed {@code rabbitmq-server} for the run (cupnet-amqp's test {@link PrivateBroker}), or an existing
 * broker named by {@code --amqp-address} (user guest/guest).
 */
public final class AmqpBroker implements AutoCloseable {

    private final PrivateBroker privateNode;

    private final String host;

    private final int port;

    private final String origin;

    private final String version;

    private AmqpBroker(PrivateBroker privateNode, String host, int port, String origin) {
        this.privateNode = privateNode;
        this.host = host;
        this.port = port;
        this.origin = origin;
        this.version = serverVersion();
    }

    /** Starts the private node, or connects to the broker of {@code --amqp-address}, and reads its version. */
    public static AmqpBroker open(BenchOptions bench) {
        if (bench.amqpAddress() != null) {
            int colon = bench.amqpAddress().lastIndexOf(':');
            return new AmqpBroker(null, bench.amqpAddress().substring(0, colon),
                    Integer.parseInt(bench.amqpAddress().substring(colon + 1)), "existing broker (--amqp-address)");
        }
        long start = System.nanoTime();
        PrivateBroker node = PrivateBroker.start();
        String origin = String.format("private node started for this run in %.1f s from the installed "
                + "rabbitmq-server (own node name and ports, no plugins, data and logs in a temporary directory, "
                + "disk_free_limit 1MB)", (System.nanoTime() - start) / 1e9);
        try {
            return new AmqpBroker(node, "127.0.0.1", node.amqpPort(), origin);
        }
        catch (RuntimeException ex) {
            node.close();
            throw ex;
        }
    }

    /**
     * A new connection factory to the broker with correlated publisher confirms and publisher returns, as
     * cupnet's transport requires; the caller destroys it.
     */
    public CachingConnectionFactory connectionFactory(String name) {
        CachingConnectionFactory factory = new CachingConnectionFactory(this.host, this.port);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setPublisherConfirmType(ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        factory.setConnectionNameStrategy((connectionFactory) -> name);
        return factory;
    }

    /** The lines of the report's header that describe the broker. */
    public List<String> describe() {
        return List.of("broker:   " + this.version + " at " + this.host + ":" + this.port + ", " + this.origin);
    }

    private String serverVersion() {
        CachingConnectionFactory factory = connectionFactory("cupnet-bench-probe");
        try (Connection connection = factory.createConnection()) {
            Map<String, Object> server = connection.getDelegate().getServerProperties();
            return server.get("product") + " " + server.get("version") + " on " + server.get("platform");
        }
        finally {
            factory.destroy();
        }
    }

    /** Shuts the private node down; an existing broker is left as it is. */
    @Override
    public void close() {
        if (this.privateNode != null) {
            this.privateNode.close();
        }
    }

}
