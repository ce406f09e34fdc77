/**
 * Internal: need-ack tracking (pending acks on a timer wheel, their limits) and the receive side's
 * dedup window. Not API.
 */
package io.cupnet.internal.ack;
