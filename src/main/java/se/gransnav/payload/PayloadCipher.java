package se.gransnav.payload;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Seals and opens the payloads the hub keeps for replay: AES-256-GCM (AES/GCM/NoPadding), a random
 * 12-byte IV per message, a 128-bit tag. A sealed payload is the base64 of IV followed by the
 * ciphertext and tag, and travels with two JMS properties: {@link #VERSION} (the format) and
 * {@link #KEY_ID} (the first 8 bytes, in hex, of the SHA-256 of the key — never the key). The
 * additional authenticated data binds the format, the key id and a context the caller chooses (the
 * dead letter's original queue and tracking id), so a sealed body cannot be moved to another message.
 *
 * <p>The key is {@code gransnav.payloads.encryption-key}; {@code gransnav.payloads.previous-keys}
 * open what older keys sealed. A missing or malformed key stops the hub at start, naming the property
 * and never its value. A payload that cannot be opened — unknown key, wrong key, altered ciphertext,
 * IV or context — throws {@link SealedPayloadException}, which names the key id and nothing of the body.
 */
@Component
public class PayloadCipher {

    /** JMS property: the format of a sealed body; its presence marks the body as sealed. */
    public static final String VERSION = "hubPayloadSealed";
    /** JMS property: which key sealed the body (a fingerprint, not the key). */
    public static final String KEY_ID = "hubPayloadKeyId";
    /** The only format so far. */
    public static final String V1 = "v1";

    static final String KEY_PROPERTY = "gransnav.payloads.encryption-key";
    static final String PREVIOUS_KEYS_PROPERTY = "gransnav.payloads.previous-keys";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final SecretKey sealingKey;
    private final String sealingKeyId;
    private final Map<String, SecretKey> openingKeys = new LinkedHashMap<>();

    @Autowired
    public PayloadCipher(PayloadProperties properties) {
        this(properties.encryptionKey(), properties.previousKeys());
        LoggerFactory.getLogger(PayloadCipher.class).info("Dead letters are sealed with the key of id {} ({}); {} "
                + "previous key(s) open older ones", sealingKeyId, KEY_PROPERTY, openingKeys.size() - 1);
    }

    PayloadCipher(String encryptionKey, List<String> previousKeys) {
        if (encryptionKey == null || encryptionKey.isBlank()) {
            throw new IllegalStateException(KEY_PROPERTY + " is not set (environment: GRANSNAV_PAYLOADS_ENCRYPTION_KEY): "
                    + "the hub seals the dead letters it keeps with it; make one with `openssl rand -base64 32`");
        }
        this.sealingKey = key(encryptionKey, KEY_PROPERTY);
        this.sealingKeyId = keyId(sealingKey);
        openingKeys.put(sealingKeyId, sealingKey);
        for (int i = 0; i < previousKeys.size(); i++) {
            SecretKey previous = key(previousKeys.get(i), PREVIOUS_KEYS_PROPERTY + "[" + i + "]");
            openingKeys.putIfAbsent(keyId(previous), previous);
        }
    }

    /** A sealed payload: the text to store, and the id of the key that sealed it. */
    public record Sealed(String text, String keyId, String version) {
    }

    /** The id of the key that seals (for the start-up log and the docs; not secret). */
    public String keyId() {
        return sealingKeyId;
    }

    /** Seals {@code plaintext} with the current key, bound to {@code context}. */
    public Sealed seal(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, sealingKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(V1, sealingKeyId, context));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return new Sealed(Base64.getEncoder().encodeToString(out), sealingKeyId, V1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getClass().getName(), e);
        }
    }

    /**
     * Opens a payload {@link #seal} made with this key or one of the previous keys, given the same
     * context; throws {@link SealedPayloadException} otherwise.
     */
    public String open(Sealed sealed, String context) {
        if (!V1.equals(sealed.version())) {
            throw new SealedPayloadException("sealed payload of unknown format " + printable(sealed.version()));
        }
        SecretKey key = sealed.keyId() == null ? null : openingKeys.get(sealed.keyId());
        if (key == null) {
            throw new SealedPayloadException("sealed payload with key id " + printable(sealed.keyId())
                    + ", which is neither " + KEY_PROPERTY + " nor one of " + PREVIOUS_KEYS_PROPERTY);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.text() == null ? "" : sealed.text());
        } catch (IllegalArgumentException e) {
            throw new SealedPayloadException("sealed payload (key id " + sealed.keyId() + ") is not base64");
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new SealedPayloadException("sealed payload (key id " + sealed.keyId() + ") is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(aad(sealed.version(), sealed.keyId(), context));
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SealedPayloadException("sealed payload (key id " + sealed.keyId()
                    + ") failed authentication: altered, or sealed for another message");
        } catch (GeneralSecurityException e) {
            throw new SealedPayloadException("sealed payload (key id " + sealed.keyId() + ") could not be opened: "
                    + e.getClass().getName());
        }
    }

    private static byte[] aad(String version, String keyId, String context) {
        return ("gransnav-payload|" + version + "|" + keyId + "|" + (context == null ? "" : context))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static SecretKey key(String base64, String property) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64; make a key with `openssl rand -base64 32`");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(property + " must be the base64 of exactly 32 bytes (AES-256), not "
                    + bytes.length + "; make one with `openssl rand -base64 32`");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    static String keyId(SecretKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key id of a base64 key, as the hub would report it (for ProductionReadiness and tests). */
    public static String keyIdOf(String base64Key) {
        return keyId(key(base64Key, "key"));
    }

    private static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String safe = value.replaceAll("[^0-9A-Za-z._-]", "?");
        return safe.length() > 32 ? safe.substring(0, 32) + "…" : safe;
    }

    /** A sealed payload that cannot be opened; its message names the key id, never the key or the body. */
    public static final class SealedPayloadException extends RuntimeException {
        SealedPayloadException(String message) {
            super(message);
        }
    }
}
