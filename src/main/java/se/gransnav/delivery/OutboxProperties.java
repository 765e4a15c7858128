package se.gransnav.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * File drops to förbund ({@code fileDrop: true} in {@code config/forbund.yml}).
 *
 * @param dir the outbox root: messages are written to {@code <dir>/<forbundId>/<yyyy-MM-dd>/<trackingId>.json}
 */
@ConfigurationProperties("gransnav.outbox")
public record OutboxProperties(@DefaultValue("./data/outbox") String dir) {
}
