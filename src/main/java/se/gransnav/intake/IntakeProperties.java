package se.gransnav.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxMessageSize the largest canonical message body accepted over HTTP (HUB-012 above it) */
@ConfigurationProperties("gransnav.intake")
public record IntakeProperties(@DefaultValue("1MB") DataSize maxMessageSize) {
}
