package se.gransnav.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * File drops: each partner allowed the FILE channel has its folder {@code <dir>/<partnerId>/}.
 *
 * @param dir          the inbox root
 * @param pollDelay    time between two looks into a partner's folder
 * @param stableFor    a file is read only once its size and time stamp have not changed for this
 *                     long, so a file still being written is never read half-written
 * @param maxFileSize  larger files are refused (HUB-012) and moved to {@code .error/}
 */
@ConfigurationProperties("gransnav.inbox")
public record InboxProperties(
        @DefaultValue("./data/inbox") String dir,
        @DefaultValue("2s") Duration pollDelay,
        @DefaultValue("2s") Duration stableFor,
        @DefaultValue("100MB") DataSize maxFileSize) {
}
