package se.gransnav.security;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
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
 *
 * <p>Client certificates (mutual TLS) are pinned as {@code sha256:<hex>} of the whole DER-encoded
 * certificate, the fingerprint {@code openssl x509 -noout -fingerprint -sha256} and {@code keytool
 * -printcert} show (colons and upper case are accepted too). A fingerprint is no secret, so it is
 * looked up directly; each may belong to one partner only.
 */
@Component
public class PartnerRegistry {

    private static final String SHA256_PREFIX = "sha256:";

    private final Map<String, Partner> byId;
    /** By lower-case hex fingerprint. */
    private final Map<String, Partner> byCertificate;

    @Autowired
    PartnerRegistry(ConfigFileReader files, RegistryProperties properties, MunicipalityRegistry municipalities) {
        this(files.yaml(properties.partners(), PartnerFile.class).toPartners(), municipalities);
    }

    PartnerRegistry(List<Partner> partners, MunicipalityRegistry municipalities) {
        Map<String, Partner> map = new LinkedHashMap<>();
        Map<String, Partner> certificates = new LinkedHashMap<>();
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
            if (p.requireClientCertificate() && p.clientCertificates().isEmpty()) {
                throw new IllegalStateException("Partner " + p.id()
                        + " has requireClientCertificate but no clientCertificates");
            }
            for (byte[] fingerprint : p.clientCertificates()) {
                Partner other = certificates.put(HexFormat.of().formatHex(fingerprint), p);
                if (other != null) {
                    throw new IllegalStateException("Partner " + p.id() + " has a client certificate that "
                            + (other == p ? "it lists twice" : "partner " + other.id() + " has too"));
                }
            }
        }
        this.byId = Map.copyOf(map);
        this.byCertificate = Map.copyOf(certificates);
    }

    /**
     * Who is calling over HTTP, from what came with the request: the API key (null when none was
     * sent) and the client certificate the TLS layer verified (null when none). Each credential
     * that was presented must be valid and all must name the same partner: a certificate pinned
     * for no partner fails even with a good key, and so does a certificate of one partner with the
     * key of another. A certificate alone is enough; a key alone is not for a partner with
     * {@code requireClientCertificate}.
     */
    public Optional<Partner> authenticate(String presentedKey, X509Certificate certificate) {
        Partner byKey = null;
        if (presentedKey != null) {
            byKey = authenticate(presentedKey).orElse(null);
            if (byKey == null) {
                return Optional.empty();
            }
        }
        if (certificate == null) {
            return byKey == null || byKey.requireClientCertificate() ? Optional.empty() : Optional.of(byKey);
        }
        Partner byCert = byClientCertificate(certificate).orElse(null);
        if (byCert == null || (byKey != null && !byKey.id().equals(byCert.id()))) {
            return Optional.empty();
        }
        return Optional.of(byCert);
    }

    /** The partner that pinned this client certificate, if any. */
    public Optional<Partner> byClientCertificate(X509Certificate certificate) {
        return Optional.ofNullable(byCertificate.get(HexFormat.of().formatHex(fingerprint(certificate))));
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

    /** The fingerprint of a client certificate as it is written in {@code partners.yml}. */
    public static String fingerprintForConfig(X509Certificate certificate) {
        return SHA256_PREFIX + HexFormat.of().formatHex(fingerprint(certificate));
    }

    static byte[] sha256(String value) {
        return sha256(value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] fingerprint(X509Certificate certificate) {
        try {
            return sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("a client certificate that cannot be encoded", e);
        }
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * A fingerprint from {@code partners.yml}: {@code sha256:} and 64 hex digits, in either case,
     * optionally in colon-separated pairs as openssl and keytool print them.
     */
    static byte[] parseFingerprint(String partnerId, String fingerprint) {
        String hex = fingerprint == null || !fingerprint.startsWith(SHA256_PREFIX) ? ""
                : fingerprint.substring(SHA256_PREFIX.length());
        if (hex.matches("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){31}")) {
            hex = hex.replace(":", "");
        }
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalStateException("Partner " + partnerId
                    + " has a client certificate that is not sha256:<64 hex digits> (the SHA-256 fingerprint)");
        }
        return HexFormat.of().parseHex(hex);
    }

    /** The shape of {@code config/partners.yml}. */
    record PartnerFile(List<Entry> partners) {

        List<Partner> toPartners() {
            return partners == null ? List.of() : partners.stream().map(Entry::toPartner).toList();
        }

        record Entry(String id, String name, OrganisationType organisationType, String municipality,
                     Set<Channel> channels, Set<MessageType> messageTypes, List<String> apiKeyHashes,
                     String statusFileCharset, List<String> clientCertificates, Boolean requireClientCertificate) {

            Partner toPartner() {
                List<byte[]> hashes = new ArrayList<>();
                for (String h : apiKeyHashes == null ? List.<String>of() : apiKeyHashes) {
                    if (h == null || !h.matches("sha256:[0-9a-fA-F]{64}")) {
                        throw new IllegalStateException("Partner " + id
                                + " has an API key hash that is not sha256:<64 hex digits>");
                    }
                    hashes.add(HexFormat.of().parseHex(h.substring(SHA256_PREFIX.length())));
                }
                List<byte[]> certificates = new ArrayList<>();
                for (String c : clientCertificates == null ? List.<String>of() : clientCertificates) {
                    certificates.add(parseFingerprint(id, c));
                }
                return new Partner(id, name, organisationType, municipality,
                        channels == null ? Set.of() : channels,
                        messageTypes == null ? Set.of() : messageTypes, hashes, charset(),
                        certificates, Boolean.TRUE.equals(requireClientCertificate));
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
