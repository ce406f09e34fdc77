package io.cupnet.spring.autoconfigure;

import io.cupnet.options.CupnetOptions;

/**
 * Callback that changes the {@link CupnetOptions.Builder} after the {@code cupnet.*}
 * properties were applied and before the options are built; declare it as a bean.
 */
@FunctionalInterface
public interface CupnetOptionsCustomizer {

    /** Changes the builder; values set here are validated when the options are built. */
    void customize(CupnetOptions.Builder builder);

}
