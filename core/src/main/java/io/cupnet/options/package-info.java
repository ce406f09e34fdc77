/**
 * The options of a {@link io.cupnet.MessageCenter}, in the same groups as the {@code cupnet.*}
 * properties of the Spring Boot starter; {@link io.cupnet.options.CupnetOptions#builder()} starts one.
 */
package io.cupnet.options;
