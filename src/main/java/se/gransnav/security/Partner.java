package se.gransnav.security;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import se.gransnav.normalise.Channel;
import se.gransnav.normalise.MessageType;

/**
 * One sending unit, as registered in {@code config/partners.yml}. Only hashes of its API keys are
 * kept; the keys themselves are never stored by the hub. {@code statusFileCharset} is the
 * character set its status files (CSV) come in: UTF-8 or windows-1252.
 * {@code clientCertificates} are the SHA-256 fingerprints of the TLS client certificates that
 * identify it over HTTP (mutual TLS; two during a renewal); with {@code requireClientCertificate}
 * an API key alone does not authenticate it over HTTP.
 */
public record Partner(
        String id,
        String name,
        OrganisationType organisationType,
        String municipalityCode,
        Set<Channel> channels,
        Set<MessageType> messageTypes,
        List<byte[]> apiKeyHashes,
        Charset statusFileCharset,
        List<byte[]> clientCertificates,
        boolean requireClientCertificate) {

    public Partner {
        channels = Set.copyOf(channels);
        messageTypes = Set.copyOf(messageTypes);
        apiKeyHashes = List.copyOf(apiKeyHashes);
        statusFileCharset = statusFileCharset == null ? StandardCharsets.UTF_8 : statusFileCharset;
        clientCertificates = clientCertificates == null ? List.of() : List.copyOf(clientCertificates);
    }

    /** A partner without client certificates (API keys only). */
    public Partner(String id, String name, OrganisationType organisationType, String municipalityCode,
                   Set<Channel> channels, Set<MessageType> messageTypes, List<byte[]> apiKeyHashes,
                   Charset statusFileCharset) {
        this(id, name, organisationType, municipalityCode, channels, messageTypes, apiKeyHashes, statusFileCharset,
                List.of(), false);
    }

    /** A partner whose status files are in UTF-8. */
    public Partner(String id, String name, OrganisationType organisationType, String municipalityCode,
                   Set<Channel> channels, Set<MessageType> messageTypes, List<byte[]> apiKeyHashes) {
        this(id, name, organisationType, municipalityCode, channels, messageTypes, apiKeyHashes, StandardCharsets.UTF_8);
    }

    public boolean mayUse(Channel channel) {
        return channels.contains(channel);
    }

    public boolean maySend(MessageType type) {
        return messageTypes.contains(type);
    }

    @Override
    public String toString() {
        return "Partner[" + id + "]";
    }
}
