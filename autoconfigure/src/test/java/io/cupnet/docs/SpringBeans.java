package io.cupnet.docs;

import io.cupnet.AckTracking;
import io.cupnet.Connections;
import io.cupnet.PeerSnapshot.Direction;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/** The bean examples of docs/spring.md; {@link DocsSnippetsTest} checks that the guide shows this code. */
final class SpringBeans {

    private SpringBeans() {
    }

    // tag::report[]
    @Component
    class CupnetReport {

        private final Connections connections;

        private final AckTracking acks;

        CupnetReport(Connections connections, AckTracking acks) {
            this.connections = connections;
            this.acks = acks;
        }

        String line() {
            return this.connections.openConnections(Direction.OUTBOUND) + " outbound, " + this.acks.pending()
                    + " pending, " + this.acks.timedOut() + " timed out";
        }

    }
    // end::report[]

    // tag::event-loops[]
    @Configuration
    class NettyThreads {

        @Bean(name = "cupnetEventLoopGroup", destroyMethod = "shutdownGracefully")
        EventLoopGroup cupnetEventLoopGroup() {
            return new MultiThreadIoEventLoopGroup(4, NioIoHandler.newFactory());
        }

    }
    // end::event-loops[]

}
