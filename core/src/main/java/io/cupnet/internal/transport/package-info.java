/**
 * Internal: connections to peers, their send queues and the write path, and the Netty transport
 * they run on. Not API.
 */
package io.cupnet.internal.transport;
