package io.cupnet.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidCupnetPropertyException} into a start-up report that names the
 * property and how to fix it.
 */
class InvalidCupnetPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCupnetPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidCupnetPropertyException cause) {
        String description = "The cupnet property '" + cause.getProperty() + "' is invalid: " + cause.getMessage();
        String action = "Set '" + cause.getProperty() + "' to a value that is " + cause.getRequirement()
                + ", in application.properties/yml or on the command line (--" + cause.getProperty() + "=...).";
        return new FailureAnalysis(description, action, cause);
    }

}
