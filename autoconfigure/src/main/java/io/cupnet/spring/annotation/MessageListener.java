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
 * the {@code UniqId}, the {@code Acknowledgment} handle, and message fields through
 * {@code @Header(CupnetHeaders.FLAGS)}. A listener whose body parameter is a {@code List}
 * is a batch listener. A non-null return value (or the value of a returned
 * {@code CompletableFuture}) is sent back to the sender as a reply with the same uniq id.
 * A type claimed by two listeners is a start-up error.
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
     * Maximum calls of this method running at once; 0 for no limit beyond the handler threads,
     * which are raised to at least this number.
     */
    int concurrency() default 0;

    /** Maximum messages in one batch, for a batch listener (a {@code List} body parameter). */
    int batchSize() default 10;

    /** Longest time a batch listener's first message waits for its batch to fill, such as "100ms" or "1s". */
    String batchTimeout() default "100ms";

}
