package se.gransnav.routing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The participant pseudonym of contract section 7: HMAC-SHA256 of the normalised 12-digit identity
 * number, keyed with the förbund's own secret, truncated to 128 bits and hex-encoded. The same
 * participant always gets the same reference at one förbund, different references at different
 * förbund (so they cannot join their data on it), and without the secret nobody can test guesses
 * of identity numbers against it.
 */
@Component
public class ParticipantRefs {

    public String of(Forbund forbund, String normalisedIdentityNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(forbund.participantRefSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(normalisedIdentityNumber.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
