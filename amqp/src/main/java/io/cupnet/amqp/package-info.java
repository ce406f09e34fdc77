/**
 * The broker transport: cupnet messages over RabbitMQ (AMQP 0-9-1), addressed to topics and servers as
 * oslo.messaging's {@code Target} is, handled by the same {@link io.cupnet.MessageHandler} as CUP frames.
 */
package io.cupnet.amqp;
