package io.cupnet.spring.listener;

/**
 * Thrown at start-up when a {@code @MessageListener} method cannot be used as declared: the
 * message names the method, what is wrong and how to fix it.
 */
public class ListenerConfigurationException extends IllegalStateException {

    private final String listener;

    private final String problem;

    private final String action;

    /**
     * @param listener the listener method, as {@code Class.method(ParamTypes)}
     * @param problem what is wrong, one sentence
     * @param action what to change, one or more sentences
     */
    public ListenerConfigurationException(String listener, String problem, String action) {
        super(problem + ". " + action);
        this.listener = listener;
        this.problem = problem;
        this.action = action;
    }

    /** The listener method at fault, as {@code Class.method(ParamTypes)}. */
    public String getListener() {
        return this.listener;
    }

    /** What is wrong with it. */
    public String getProblem() {
        return this.problem;
    }

    /** What to change. */
    public String getAction() {
        return this.action;
    }

}
