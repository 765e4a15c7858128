package se.gransnav.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A token bucket per partner ({@link RateLimitProperties}): each HTTP request takes a token; a
 * minute's worth of tokens refills evenly over the minute. Kept in memory: a restart forgives.
 */
@Component
public class RequestRateLimits {

    private static final double NANOS_PER_MINUTE = 60e9;

    private final RateLimitProperties properties;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Autowired
    RequestRateLimits(RateLimitProperties properties) {
        this(properties, System::nanoTime);
    }

    RequestRateLimits(RateLimitProperties properties, LongSupplier nanoTime) {
        this.properties = properties;
        this.nanoTime = nanoTime;
    }

    /** Takes one request of the partner's allowance, or throws with the seconds to wait. */
    public void acquire(String partnerId) {
        Bucket bucket = buckets.computeIfAbsent(partnerId, id -> new Bucket(properties.limitOf(id), nanoTime.getAsLong()));
        long waitSeconds = bucket.take(nanoTime.getAsLong());
        if (waitSeconds > 0) {
            throw new RateLimitedException(waitSeconds);
        }
    }

    private static final class Bucket {
        private final int perMinute;
        private double tokens;
        private long refilledAt;

        Bucket(int perMinute, long now) {
            this.perMinute = perMinute;
            this.tokens = perMinute;
            this.refilledAt = now;
        }

        /** 0 when a token was taken, else the whole seconds until one is there. */
        synchronized long take(long now) {
            tokens = Math.min(perMinute, tokens + (now - refilledAt) * perMinute / NANOS_PER_MINUTE);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double nanosToNext = (1 - tokens) * NANOS_PER_MINUTE / perMinute;
            return Math.max(1, (long) Math.ceil(nanosToNext / 1e9));
        }
    }

    /** The partner has used its allowance; answered 429 with Retry-After. */
    public static final class RateLimitedException extends RuntimeException {
        private final long retryAfterSeconds;

        RateLimitedException(long retryAfterSeconds) {
            super("too many requests; retry after " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
