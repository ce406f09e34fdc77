package io.cupnet.docs;

import java.util.concurrent.ExecutorService;

import io.cupnet.Acknowledgment;
import io.cupnet.CupMessage;
import io.cupnet.DeferredHandling;
import io.cupnet.MessageHandler;

/** The deferred-handling example of docs/core.md; {@link DocsSnippetsTest} checks that the page shows this code. */
final class PlainJavaDefer {

    private PlainJavaDefer() {
    }

    // tag::defer[]
    class HandOn implements MessageHandler {

        private final ExecutorService workers;

        HandOn(ExecutorService workers) {
            this.workers = workers;
        }

        @Override
        public void onMessage(CupMessage message, Acknowledgment acknowledgment) {
            DeferredHandling handling = acknowledgment.defer();
            this.workers.execute(() -> {
                try {
                    process(message);
                    handling.succeeded();   // acks a need-ack message in AFTER_SUCCESS mode
                }
                catch (RuntimeException ex) {
                    handling.failed();      // unacked: its sender's next copy is handled again
                }
            });
        }

        private void process(CupMessage message) {
        }

    }
    // end::defer[]

}
