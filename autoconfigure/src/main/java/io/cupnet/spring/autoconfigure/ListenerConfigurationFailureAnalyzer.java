package io.cupnet.spring.autoconfigure;

import io.cupnet.spring.listener.ListenerConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link ListenerConfigurationException} into a start-up report that names the
 * {@code @MessageListener} method, what is wrong with it and how to fix it.
 */
class ListenerConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ListenerConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ListenerConfigurationException cause) {
        return new FailureAnalysis(cause.getProblem() + ".", cause.getAction(), cause);
    }

}
