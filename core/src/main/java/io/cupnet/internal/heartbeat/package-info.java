/**
 * Internal: heartbeats, their answers and round-trip times. Not API.
 */
package io.cupnet.internal.heartbeat;
