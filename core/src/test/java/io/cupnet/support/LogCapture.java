package io.cupnet.support;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Records what cupnet logs at INFO and above during a test; register with {@code @RegisterExtension}.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private final Logger logger = (Logger) LoggerFactory.getLogger("io.cupnet");

    @Override
    public void beforeEach(ExtensionContext context) {
        this.appender.list.clear();
        this.appender.start();
        this.logger.addAppender(this.appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        this.logger.detachAppender(this.appender);
        this.appender.stop();
    }

    /** The lines at INFO or above whose message contains {@code text}, such as a peer's address. */
    public List<String> linesContaining(String text) {
        synchronized (this.appender) {
            return List.copyOf(this.appender.list)
                .stream()
                .filter((event) -> event.getLevel().isGreaterOrEqual(Level.INFO))
                .map((event) -> event.getLevel() + " " + event.getFormattedMessage())
                .filter((line) -> line.contains(text))
                .toList();
        }
    }

}
