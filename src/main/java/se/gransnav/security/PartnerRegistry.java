package se.gransnav.security;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import se.gransnav.normalise.Channel;
import se.gransnav.normalise.MessageType;
import se.gransnav.routing.MunicipalityRegistry;
import se.gransnav.system.ConfigFileReader;
import se.gransnav.system.RegistryProperties;

/**
 * The partners of {@code config/partners.yml}. API keys are stored as {@code sha256:<hex>} of the
 * key: keys are long random strings, so a fast hash is enough to make the file useless to whoever
 * reads it, and lookup stays cheap on every request. A presented key is compared with every stored
 * hash in constant time.
 */
@Component
public class PartnerRegistry {

    private static final String SHA256_PREFIX = "sha256:";

    private final Map<String, Partner> byId;

    @Autowired
    PartnerRegistry(ConfigFileReader files, RegistryProperties properties, MunicipalityRegistry municipalities) {
        this(files.yaml(properties.partners(), PartnerFile.class).toPartners(), municipalities);
    }

    PartnerRegistry(List<Partner> partners, MunicipalityRegistry municipalities) {
        Map<String, Partner> map = new LinkedHashMap<>();
        for (Partner p : partners) {
            if (p.id() == null || !p.id().matches("[a-z0-9][a-z0-9-]{0,62}")) {
                throw new IllegalStateException("Partner id '" + p.id() + "' must be lower-case letters, digits and -");
            }
            if (p.organisationType() == null) {
                throw new IllegalStateException("Partner " + p.id() + " has no organisationType");
            }
            if (p.municipalityCode() != null && !municipalities.exists(p.municipalityCode())) {
                throw new IllegalStateException("Partner " + p.id() + " has municipality " + p.municipalityCode()
                        + ", which is not a Swedish municipality code");
            }
            if (map.put(p.id(), p) != null) {
                throw new IllegalStateException("Partner " + p.id() + " is configured twice");
            }
        }
        this.byId = Map.copyOf(map);
    }

    /** The partner one of whose keys is {@code presentedKey}, if any. */
    public Optional<Partner> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(presentedKey);
        Partner match = null;
        // Visit every key of every partner so the time taken does not tell which one came close.
        for (Partner partner : byId.values()) {
            for (byte[] stored : partner.apiKeyHashes()) {
                if (MessageDigest.isEqual(stored, presented)) {
                    match = partner;
                }
            }
        }
        return Optional.ofNullable(match);
    }

    public Optional<Partner> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Partner> all() {
        return byId.values();
    }

    /** The hash form of a key as it is written in {@code partners.yml}. */
    public static String hashForConfig(String apiKey) {
        return SHA256_PREFIX + HexFormat.of().formatHex(sha256(apiKey));
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The shape of {@code config/partners.yml}. */
    record PartnerFile(List<Entry> partners) {

        List<Partner> toPartners() {
            return partners == null ? List.of() : partners.stream().map(Entry::toPartner).toList();
        }

        record Entry(String id, String name, OrganisationType organisationType, String municipality,
                     Set<Channel> channels, Set<MessageType> messageTypes, List<String> apiKeyHashes,
                     String statusFileCharset) {

            Partner toPartner() {
                List<byte[]> hashes = new ArrayList<>();
                for (String h : apiKeyHashes == null ? List.<String>of() : apiKeyHashes) {
                    if (h == null || !h.matches("sha256:[0-9a-fA-F]{64}")) {
                        throw new IllegalStateException("Partner " + id
                                + " has an API key hash that is not sha256:<64 hex digits>");
                    }
                    hashes.add(HexFormat.of().parseHex(h.substring(SHA256_PREFIX.length())));
                }
                return new Partner(id, name, organisationType, municipality,
                        channels == null ? Set.of() : channels,
                        messageTypes == null ? Set.of() : messageTypes, hashes, charset());
            }

            private Charset charset() {
                if (statusFileCharset == null) {
                    return StandardCharsets.UTF_8;
                }
                return switch (statusFileCharset.trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "utf-8", "utf8" -> StandardCharsets.UTF_8;
                    case "windows-1252", "cp1252" -> Charset.forName("windows-1252");
                    default -> throw new IllegalStateException("Partner " + id
                            + " has statusFileCharset " + statusFileCharset + "; use UTF-8 or windows-1252");
                };
            }
        }
    }
}
