package io.cupnet.docs;

import java.util.List;

import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.PeerIdentity;
import io.cupnet.UniqId;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.listener.CupnetHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/** The listener examples of docs/spring.md; {@link DocsSnippetsTest} checks that the guide shows this code. */
final class SpringListenerArguments {

    private SpringListenerArguments() {
    }

    record Order(String id, int quantity) {
    }

    // tag::listeners[]
    @Component
    class Echo {

        // Type 7 in, type 8 back to the sender with the same uniq id.
        @MessageListener(types = 7, replyType = 8)
        byte[] echo(byte[] body, PeerAddress from, UniqId uniqId) {
            return body;
        }

        // A POJO body is read as JSON with the application's JsonMapper; void sends no reply.
        @MessageListener(types = 9)
        void order(Order order, @Header(CupnetHeaders.FLAGS) int flags) {
        }

        // A batch listener takes up to batchSize messages at once and returns nothing.
        @MessageListener(types = 11, batch = true, batchSize = "50", batchTimeout = "200ms")
        void bulk(List<String> bodies) {
        }

        // Every type no other listener claims.
        @MessageListener(unclaimed = true)
        void other(CupMessage message) {
        }

    }
    // end::listeners[]

    // tag::identity[]
    @Component
    class Billing {

        @MessageListener(types = 7)
        void order(Order order, PeerAddress from, PeerIdentity identity) {
            if (identity == null || !"billing".equals(identity.commonName())) {
                throw new IllegalStateException(from + " is not billing");   // not handled, not acked
            }
        }

    }
    // end::identity[]

}
