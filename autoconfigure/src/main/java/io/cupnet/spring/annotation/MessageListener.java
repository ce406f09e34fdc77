package io.cupnet.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that handles received cupnet messages of the given types.
 *
 * <p>Arguments are resolved by type: the body as {@code byte[]}, {@code String} (UTF-8) or
 * any other class (JSON), the whole {@code CupMessage}, the sender's {@code PeerAddress},
 * the {@code UniqId}, the sender's {@code PeerIdentity}, the {@code Acknowledgment} handle,
 * and message fields through {@code @Header(CupnetHeaders.FLAGS)}. A listener declared with
 * {@code batch = true} takes a {@code List} of bodies or of {@code CupMessage}s. A non-null
 * return value (or the value of a returned {@code CompletableFuture}) is sent back to the
 * sender as a reply with the same uniq id. Every listener is checked when the application
 * starts: a parameter cupnet cannot resolve, a type claimed by two listeners or inconsistent
 * batch settings fail the start-up with a report that names the method and the fix.
 *
 * <p>The {@code String} attributes resolve {@code ${...}} placeholders.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MessageListener {

    /** The message types this method handles. */
    int[] types() default {};

    /** Whether this method also handles every type that no other listener claims (one listener at most). */
    boolean unclaimed() default false;

    /** The type of replies built from return values; -1 for the request's type + 1. */
    int replyType() default -1;

    /**
     * Maximum calls of this method running at once, such as "4" or "${orders.concurrency}": the
     * method then runs on its own threads, as many as this, fed by a queue of at most
     * {@code cupnet.listener.queue-capacity} messages, and its calls may run in any order. Empty
     * or "0" for no own threads: the method runs on the handler thread that took the message, in
     * the order messages arrived. Neither changes the node's handler threads or other listeners'
     * order. While the queue is full the handler thread waits for room, so a listener with a
     * limit cannot run on the I/O threads.
     */
    String concurrency() default "";

    /**
     * Whether this method takes its messages in batches: its body parameter is a {@code List} of
     * bodies or of {@code CupMessage}s, and it returns nothing. A {@code List} body of a listener
     * without it is one message's JSON array.
     */
    boolean batch() default false;

    /** Maximum messages in one batch of a batch listener, such as "10" or "${orders.batch-size}". */
    String batchSize() default "10";

    /** Longest time a batch listener's first message waits for its batch to fill, such as "100ms" or "1s". */
    String batchTimeout() default "100ms";

}
