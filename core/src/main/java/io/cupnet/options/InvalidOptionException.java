package io.cupnet.options;

/**
 * Thrown when an option of a message center has a value it cannot use; names the option,
 * the value and what the value must be, so that configuration layers can name their own key.
 */
public class InvalidOptionException extends IllegalArgumentException {

    private final String option;

    private final transient Object value;

    private final String requirement;

    /**
     * @param option the option's name, such as {@code server.port} or {@code connect.backoff.initial}: the
     * group and the name, as in the Spring Boot starter's {@code cupnet.*} properties
     * @param value the rejected value
     * @param requirement what a valid value looks like, such as "between 0 and 65535"
     */
    public InvalidOptionException(String option, Object value, String requirement) {
        super("Option '" + option + "' is " + value + "; it must be " + requirement);
        this.option = option;
        this.value = value;
        this.requirement = requirement;
    }

    /** Checks a condition on an option's value. */
    static void check(boolean valid, String option, Object value, String requirement) {
        if (!valid) {
            throw new InvalidOptionException(option, value, requirement);
        }
    }

    /** The option's group and name, such as {@code ack.timeout}. */
    public String option() {
        return this.option;
    }

    /** The rejected value, or {@code null} when it was missing. */
    public Object value() {
        return this.value;
    }

    /** What a valid value looks like, such as "between 0 and 65535". */
    public String requirement() {
        return this.requirement;
    }

}
