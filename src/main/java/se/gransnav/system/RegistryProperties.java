package se.gransnav.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the operator-edited registries live.
 *
 * @param forbund        the förbund and their memberships
 * @param partners       the partners and their API key hashes
 * @param municipalities the list of Swedish municipalities (SCB codes)
 */
@ConfigurationProperties("gransnav.registry")
public record RegistryProperties(
        @DefaultValue("file:config/forbund.yml") String forbund,
        @DefaultValue("file:config/partners.yml") String partners,
        @DefaultValue("file:config/kommuner.csv") String municipalities) {
}
