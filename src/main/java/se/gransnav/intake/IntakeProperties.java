package se.gransnav.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxMessageSize the largest canonical message body accepted over HTTP (HUB-012 above it)
 * @param batchSize      how many rows or elements of a file are accepted together: one database
 *                       transaction and one broker transaction for all of them
 */
@ConfigurationProperties("gransnav.intake")
public record IntakeProperties(@DefaultValue("1MB") DataSize maxMessageSize, @DefaultValue("500") int batchSize) {

    public IntakeProperties {
        if (batchSize < 1 || batchSize > 5000) {
            throw new IllegalArgumentException("gransnav.intake.batch-size must be between 1 and 5000, not " + batchSize);
        }
    }
}
