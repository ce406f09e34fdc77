package io.cupnet.spring.autoconfigure;

/**
 * Thrown at start-up when a {@code cupnet.*} property has a value cupnet cannot use; the
 * message names the property, the value and what it must be.
 */
public class InvalidCupnetPropertyException extends IllegalArgumentException {

    private final String property;

    private final transient Object value;

    private final String requirement;

    public InvalidCupnetPropertyException(String property, Object value, String requirement, Throwable cause) {
        super("Property '" + property + "' is " + describe(value) + "; it must be " + requirement
                + ". Fix it in application.properties/yml or on the command line (--" + property + "=...)", cause);
        this.property = property;
        this.value = value;
        this.requirement = requirement;
    }

    /** The name of the invalid property, such as {@code cupnet.server.port}. */
    public String getProperty() {
        return this.property;
    }

    public Object getValue() {
        return this.value;
    }

    /** What a valid value looks like, such as "between 0 and 65535". */
    public String getRequirement() {
        return this.requirement;
    }

    private static String describe(Object value) {
        return (value instanceof CharSequence) ? "'" + value + "'" : String.valueOf(value);
    }

}
