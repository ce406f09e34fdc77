package io.cupnet.support;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.cupnet.MessageCenter;
import io.cupnet.options.CupnetOptions;

/**
 * A receiving node in its own JVM, for tests that kill a peer's process: binds the port given
 * as its first argument (0 for any), prints {@code PORT <port>}, then {@code HANDLED <body>} for
 * every message its handler takes, flushed before the handler returns and so before the ack is
 * sent. The handler then spends the microseconds given as second argument, so that frames queue
 * up. It closes when its standard input ends.
 */
public final class ReceiverProcess {

    private ReceiverProcess() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        long handlingNanos = TimeUnit.MICROSECONDS.toNanos(Long.parseLong(args[1]));
        CupnetOptions options = CupnetOptions.builder()
            .server(s -> s.host("127.0.0.1").port(Integer.parseInt(args[0])))
            .ack(a -> a.retryInterval(Duration.ofMillis(200)))
            .shutdownTimeout(Duration.ofSeconds(2))
            .build();
        MessageCenter center = new MessageCenter(options, (message, ack) -> {
            out.println("HANDLED " + message.bodyAsString());
            out.flush();
            LockSupport.parkNanos(handlingNanos);
        });
        center.start();
        out.println("PORT " + center.port());
        out.flush();
        while (System.in.read() != -1) {
            // runs until the test closes our standard input
        }
        center.close();
        System.exit(0);
    }

}
