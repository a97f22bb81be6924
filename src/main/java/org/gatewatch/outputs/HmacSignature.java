package org.gatewatch.outputs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook's signatures: {@code X-GateWatch-Signature} is {@code sha256=<hex HMAC-SHA256 of "TIMESTAMP.BODY">},
 * with TIMESTAMP the value of {@code X-GateWatch-Timestamp} (Unix seconds when the try was sent), so a receiver can
 * refuse a replayed request: an altered timestamp breaks the signature. {@code X-GateWatch-Body-Signature} keeps the
 * older HMAC of the body alone for receivers written against it.
 */
public final class HmacSignature {

    public static final String HEADER = "X-GateWatch-Signature";
    public static final String TIMESTAMP_HEADER = "X-GateWatch-Timestamp";
    public static final String BODY_HEADER = "X-GateWatch-Body-Signature";

    private HmacSignature() {
    }

    /** Of the body alone. */
    public static String of(String secret, byte[] body) {
        return sign(secret, new byte[0], body);
    }

    /** Of {@code timestamp + "." + body}. */
    public static String of(String secret, long timestamp, byte[] body) {
        return sign(secret, (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
    }

    private static String sign(String secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
