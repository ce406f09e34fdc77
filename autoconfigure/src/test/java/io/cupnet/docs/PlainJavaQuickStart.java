package io.cupnet.docs;

import io.cupnet.CupMessage;
import io.cupnet.MessageCenter;
import io.cupnet.PeerAddress;
import io.cupnet.options.CupnetOptions;

/** The plain-Java example of README.md; {@link DocsSnippetsTest} checks that the README shows this code. */
final class PlainJavaQuickStart {

    private PlainJavaQuickStart() {
    }

    static void run() {
        // tag::plain-java[]
        CupnetOptions options = CupnetOptions.builder()
                .server(server -> server.host("127.0.0.1").port(7100))  // port 0 picks a free one: center.port()
                .build();
        MessageCenter center = new MessageCenter(options, (message, ack) ->
                System.out.println(message.type() + " from " + message.from() + ": " + message.bodyAsString()));
        center.start();

        CupMessage job = CupMessage.builder()
                .to(PeerAddress.parse("127.0.0.1:7200"))
                .type(7)
                .body("hello")
                .needAck()                  // resent until the peer acks it, or fails with ACK_TIMEOUT
                .build();
        center.send(job).whenComplete((result, failure) -> {
            // result is ACKED; or failure is a DeliveryException that names the reason
        });

        center.close();                     // stops, then drains for up to the shutdown timeout
        // end::plain-java[]
    }

}
