package se.gransnav.payload;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The payloads the hub keeps for replay (its dead letters): the key they are sealed with, and how
 * long they are kept.
 *
 * @param encryptionKey  base64 of 32 random bytes ({@code openssl rand -base64 32}); every dead letter
 *                       is sealed with it (AES-256-GCM). Required: the hub names this property and
 *                       stops when it is missing or malformed. Environment:
 *                       {@code GRANSNAV_PAYLOADS_ENCRYPTION_KEY}
 * @param previousKeys   earlier keys, base64 as well, used only to open dead letters sealed before a
 *                       key change; never to seal
 * @param retention      dead letters older than this (by the time they were dead-lettered) are
 *                       deleted from every DLQ.* queue of the hub
 * @param purgeInterval  how often the hub looks for such dead letters and logs how many it deleted
 * @param sealInterval   how often the hub seals the dead letters the broker moved itself (which
 *                       arrive in clear)
 */
@ConfigurationProperties("gransnav.payloads")
public record PayloadProperties(String encryptionKey,
                                @DefaultValue List<String> previousKeys,
                                @DefaultValue("30d") Duration retention,
                                @DefaultValue("1h") Duration purgeInterval,
                                @DefaultValue("1m") Duration sealInterval) {

    public PayloadProperties {
        previousKeys = previousKeys == null ? List.of() : List.copyOf(previousKeys);
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("gransnav.payloads.retention must be positive");
        }
    }
}
