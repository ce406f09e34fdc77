/**
 * Spring Boot auto-configuration of the broker transport, on with {@code cupnet.amqp.enabled=true}.
 */
package io.cupnet.amqp.autoconfigure;
