package io.cupnet.options;

import java.time.Duration;

import io.cupnet.PeerAddress;

import static io.cupnet.options.InvalidOptionException.check;

/** The checks that several option groups share. */
final class OptionChecks {

    private OptionChecks() {
    }

    static void require(String option, Object value) {
        check(value != null, option, null, "set");
    }

    static void positive(String option, Duration value) {
        check(value != null && !value.isNegative() && !value.isZero(), option, value, "a positive duration");
    }

    static void positiveOrZero(String option, Duration value) {
        check(value != null && !value.isNegative(), option, value, "a positive duration, or zero to disable it");
    }

    static void ipv4(String option, String value) {
        try {
            PeerAddress.of(value, 0);
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            throw new InvalidOptionException(option, value,
                    "a dotted IPv4 address such as 127.0.0.1 "
                            + "(CUP012-3 carries only IPv4; host names are not resolved)");
        }
    }

}
