/**
 * Internal: TLS for connections between cupnet nodes: PEM material, SSL contexts, the handshake
 * handlers. Not API.
 */
package io.cupnet.internal.tls;
