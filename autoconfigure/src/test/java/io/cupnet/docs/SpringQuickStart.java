package io.cupnet.docs;

import io.cupnet.PeerAddress;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.core.CupnetTemplate;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

/** The Spring example of README.md; {@link DocsSnippetsTest} checks that the README shows this code. */
final class SpringQuickStart {

    private SpringQuickStart() {
    }

    record Order(String id, int quantity) {
    }

    // tag::spring-listener[]
    @Component
    class Orders {

        // Type 7 in (its JSON body read as an Order); the return value goes back to the sender as type 8.
        @MessageListener(types = 7, replyType = 8)
        String take(Order order, PeerAddress sender) {
            return "accepted " + order.id() + " from " + sender;
        }

    }
    // end::spring-listener[]

    // tag::spring-template[]
    @Service
    class Dispatcher {

        private final CupnetTemplate cupnet;

        Dispatcher(CupnetTemplate cupnet) {
            this.cupnet = cupnet;
        }

        void dispatch(Order order) {
            this.cupnet.sendAndAwaitAck("10.0.0.7:7100", 7, order)   // the body goes as JSON
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        System.err.println(order.id() + " not delivered: " + failure.getMessage());  // names the reason
                    }
                });
        }

    }
    // end::spring-template[]

}
