package io.cupnet.docs;

import java.time.Duration;

import io.cupnet.AckMode;
import io.cupnet.DispatchMode;
import io.cupnet.options.CupnetOptions;

/** The options example of docs/core.md; {@link DocsSnippetsTest} checks that the page shows this code. */
final class PlainJavaOptions {

    private PlainJavaOptions() {
    }

    static CupnetOptions options() {
        // tag::options[]
        CupnetOptions options = CupnetOptions.builder()
                .server(server -> server.host("0.0.0.0").advertisedHost("10.0.0.7").port(7100))
                .send(send -> send.queueCapacity(500).deliveryTimeout(Duration.ofSeconds(10)))
                .ack(ack -> ack.mode(AckMode.MANUAL).timeout(Duration.ofSeconds(20)))
                .listener(listener -> listener.concurrency(4).dispatch(DispatchMode.HANDLER_THREADS))
                .build();
        // end::options[]
        return options;
    }

}
