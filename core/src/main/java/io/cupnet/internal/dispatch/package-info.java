/**
 * Internal: the receive queue and the dispatcher that runs the handler on handler threads or on the
 * I/O thread. Not API.
 */
package io.cupnet.internal.dispatch;
