package se.gransnav.security;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests per partner per minute on the HTTP API, beyond which the partner gets 429 with
 * Retry-After. A burst of a whole minute's worth is allowed at once; after that requests are let
 * through at the steady rate.
 *
 * @param requestsPerMinute the limit of every partner
 * @param perPartner        other limits for some partners, by partner id
 */
@ConfigurationProperties("gransnav.security.rate-limit")
public record RateLimitProperties(@DefaultValue("1200") int requestsPerMinute,
                                  @DefaultValue Map<String, Integer> perPartner) {

    public RateLimitProperties {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("gransnav.security.rate-limit.requests-per-minute must be at least 1");
        }
        perPartner = Map.copyOf(perPartner);
        perPartner.forEach((partner, limit) -> {
            if (limit == null || limit < 1) {
                throw new IllegalArgumentException("gransnav.security.rate-limit.per-partner." + partner
                        + " must be at least 1");
            }
        });
    }

    int limitOf(String partnerId) {
        return perPartner.getOrDefault(partnerId, requestsPerMinute);
    }
}
