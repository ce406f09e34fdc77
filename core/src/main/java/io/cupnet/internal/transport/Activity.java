package io.cupnet.internal.transport;

import java.time.Instant;

import io.cupnet.MessageCenter;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * When a connection last read or wrote a batch of frames; touched at most once per batch,
 * never per frame, and read only by {@link MessageCenter#peers()}.
 */
public final class Activity {

    static final AttributeKey<Activity> KEY = AttributeKey.valueOf("cupnet.activity");

    private volatile long lastMillis = System.currentTimeMillis();

    /** Records activity on a channel that has an {@link Activity}. */
    static void touch(Channel channel) {
        Activity activity = channel.attr(KEY).get();
        if (activity != null) {
            activity.lastMillis = System.currentTimeMillis();
        }
    }

    /** The last activity of a channel, {@code null} when it has no {@link Activity}. */
    public static Instant lastOf(Channel channel) {
        Activity activity = channel.attr(KEY).get();
        return (activity != null) ? Instant.ofEpochMilli(activity.lastMillis) : null;
    }

}
