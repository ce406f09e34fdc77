/**
 * cupnet's API: the {@link io.cupnet.MessageCenter} that sends and receives CUP012-3 messages, the
 * messages and addresses it carries ({@link io.cupnet.CupMessage}, {@link io.cupnet.PeerAddress},
 * {@link io.cupnet.UniqId}), the handler and acknowledgment a node implements, the results and
 * failures of a send, and the modes that tune it.
 *
 * <p>Options live in {@link io.cupnet.options}, Micrometer meters and counters in
 * {@link io.cupnet.metrics}. Packages under {@code io.cupnet.internal} are not API: they change
 * without notice.
 */
package io.cupnet;
