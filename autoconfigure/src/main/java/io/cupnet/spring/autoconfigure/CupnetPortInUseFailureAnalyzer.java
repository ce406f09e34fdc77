package io.cupnet.spring.autoconfigure;

import io.cupnet.spring.core.CupnetPortInUseException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link CupnetPortInUseException} into a start-up report that names the port and
 * how to free or change it.
 */
class CupnetPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<CupnetPortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CupnetPortInUseException cause) {
        String description = "The cupnet server could not start: port " + cause.getPort() + " on " + cause.getHost()
                + " is already in use.";
        String action = "Stop the process that listens on port " + cause.getPort() + ", or set 'cupnet.server.port' "
                + "to another port (0 picks a free one), in application.properties/yml or on the command line "
                + "(--cupnet.server.port=...).";
        return new FailureAnalysis(description, action, cause);
    }

}
