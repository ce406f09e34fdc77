package io.cupnet.support;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The nodes a test started, closed after each test; register with {@code @RegisterExtension}.
 */
public final class Nodes implements AfterEachCallback {

    private final List<Node> started = new ArrayList<>();

    /** Keeps a node to close after the test, and returns it. */
    public Node add(Node node) {
        this.started.add(node);
        return node;
    }

    public Node get(int index) {
        return this.started.get(index);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        this.started.forEach(Node::close);
        this.started.clear();
    }

}
