/**
 * What a {@link io.cupnet.MessageCenter} counts ({@link io.cupnet.metrics.CupnetStats}) and the binder
 * that publishes it as Micrometer meters ({@link io.cupnet.metrics.CupnetMetrics}); Micrometer is
 * optional and only the binder needs it.
 */
package io.cupnet.metrics;
