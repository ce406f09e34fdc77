package io.cupnet.amqp.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Starts one {@link PrivateBroker} for all the broker tests of a run, on first use, and shuts it
 * down when the run ends (the root context's store closes it). Tests reach it through {@link #broker()}.
 */
public final class BrokerExtension implements BeforeAllCallback {

    private static final Namespace NAMESPACE = Namespace.create(BrokerExtension.class);

    private static volatile PrivateBroker broker;

    /** The broker of this run; only valid in a test class extended with this extension. */
    public static PrivateBroker broker() {
        PrivateBroker started = broker;
        if (started == null) {
            throw new IllegalStateException("No broker: annotate the test class with "
                    + "@ExtendWith(BrokerExtension.class)");
        }
        return started;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(PrivateBroker.class, (key) -> {
            PrivateBroker started = PrivateBroker.start();
            broker = started;
            return started;
        }, PrivateBroker.class);
    }

}
