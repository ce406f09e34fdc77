package io.cupnet;

import java.util.Locale;

/** The two lanes of a send queue: urgent frames ({@code FLAG_URGENT}) are written first. */
public enum Lane {

    URGENT, NORMAL;

    /** The lower-case name used as a metric tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

}
