package io.cupnet.amqp.support;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.cupnet.amqp.AmqpSettings;
import io.cupnet.amqp.AmqpTransport;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;

/**
 * A node serving a topic in its own JVM, for tests that kill a consumer's process. Arguments: the broker's AMQP
 * port on 127.0.0.1, the topic, the prefetch, and how many messages it handles before its handler blocks for good
 * (one consumer). It prints {@code READY} once started, then {@code HANDLED <uniq id>} as its handler takes each
 * message, flushed before the handler returns and so before any ack. It closes when its standard input ends.
 */
public final class ConsumerProcess {

    private ConsumerProcess() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        PrintStream out = System.out;
        int handledBeforeBlocking = Integer.parseInt(args[3]);
        AtomicInteger handled = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        CachingConnectionFactory connectionFactory = new CachingConnectionFactory("127.0.0.1",
                Integer.parseInt(args[0]));
        connectionFactory.setPublisherConfirmType(ConfirmType.CORRELATED);
        connectionFactory.setPublisherReturns(true);
        AmqpSettings settings = AmqpSettings.builder().topic(args[1]).prefetch(Integer.parseInt(args[2])).build();
        AmqpTransport transport = new AmqpTransport(connectionFactory, settings, (message, ack) -> {
            out.println("HANDLED " + message.uniqId());
            out.flush();
            if (handled.incrementAndGet() > handledBeforeBlocking) {
                never.await();
            }
        });
        transport.start();
        out.println("READY");
        out.flush();
        while (System.in.read() != -1) {
            // runs until the test closes our standard input or kills us
        }
        never.countDown();
        transport.destroy();
        System.exit(0);
    }

}
