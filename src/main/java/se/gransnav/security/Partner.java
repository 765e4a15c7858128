package se.gransnav.security;

import java.util.List;
import java.util.Set;

import se.gransnav.normalise.Channel;
import se.gransnav.normalise.MessageType;

/**
 * One sending unit, as registered in {@code config/partners.yml}. Only hashes of its API keys are
 * kept; the keys themselves are never stored by the hub.
 */
public record Partner(
        String id,
        String name,
        OrganisationType organisationType,
        String municipalityCode,
        Set<Channel> channels,
        Set<MessageType> messageTypes,
        List<byte[]> apiKeyHashes) {

    public Partner {
        channels = Set.copyOf(channels);
        messageTypes = Set.copyOf(messageTypes);
        apiKeyHashes = List.copyOf(apiKeyHashes);
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
