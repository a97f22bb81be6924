package org.gatewatch.stream.links;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The text of a link's {@code token}: URL-safe base64 without padding of a version byte, the expiry (seconds since
 * the epoch, 8 bytes), the camera id (UTF-8) and an HMAC-SHA256 of those three. Binary rather than JSON so that a link
 * for a short camera id stays near 60 characters. It says nothing of stream or snapshot: a link opens both.
 */
final class LinkToken {

    /** Bumped when the layout changes, so that a token of the old layout is refused rather than misread. */
    static final byte VERSION = 1;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int HEADER_BYTES = 1 + Long.BYTES;
    private static final int MAC_BYTES = 32;
    /** Far above the longest valid token (a 64-character id gives 140): anything longer is refused undecoded. */
    static final int MAX_CHARS = 256;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a token with a valid MAC says; whether it has expired is the caller's question. */
    record Claim(String cameraId, long expiresEpochSecond) {
    }

    private final SecretKeySpec key;

    LinkToken(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    String sign(String cameraId, long expiresEpochSecond) {
        byte[] id = cameraId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(HEADER_BYTES + id.length + MAC_BYTES);
        payload.put(VERSION).putLong(expiresEpochSecond).put(id);
        payload.put(mac(payload.array(), HEADER_BYTES + id.length));
        return ENCODER.encodeToString(payload.array());
    }

    /** The claim of a token whose MAC is right; empty for anything else, never an exception. */
    Optional<Claim> read(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_CHARS) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // The decoder ignores the unused low bits of the last character and accepts padding: only the one canonical
        // spelling of the bytes counts, so that every altered character is refused.
        if (bytes.length <= HEADER_BYTES + MAC_BYTES || bytes[0] != VERSION
                || !ENCODER.encodeToString(bytes).equals(token)) {
            return Optional.empty();
        }
        int signed = bytes.length - MAC_BYTES;
        if (!MessageDigest.isEqual(mac(bytes, signed), Arrays.copyOfRange(bytes, signed, bytes.length))) {
            return Optional.empty();
        }
        long expires = ByteBuffer.wrap(bytes, 1, Long.BYTES).getLong();
        return Optional.of(new Claim(new String(bytes, HEADER_BYTES, signed - HEADER_BYTES, StandardCharsets.UTF_8),
                expires));
    }

    private byte[] mac(byte[] bytes, int length) {
        try {
            // A Mac is not thread-safe, and making one costs microseconds: one per token.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(bytes, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Nothing of the key. */
    @Override
    public String toString() {
        return "LinkToken[" + ALGORITHM + "]";
    }
}
