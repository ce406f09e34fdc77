/**
 * Internal: the guards and limits that bound what a peer can make a node hold: accept checks,
 * allowed ranges, first-frame and idle timeouts. Not API.
 */
package io.cupnet.internal.guard;
