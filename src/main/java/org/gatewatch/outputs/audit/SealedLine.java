package org.gatewatch.outputs.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One record of the trail as one JSON line whose last field is {@code "hash"}: the SHA-256 of everything before it,
 * which includes {@code "prev"}, the hash of the record before. Changing any byte of a record breaks its own hash;
 * rewriting the hash too breaks the next record's {@code prev}: the chain.
 */
record SealedLine(String text, long seq, String prev, String hash, JsonNode fields) {

    /** The {@code prev} of the very first record. */
    static final String ORIGIN = "0".repeat(64);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH_FIELD = ",\"hash\":\"";

    /** {@code body} gets {@code prev} as its last field before the hash. */
    static SealedLine seal(ObjectNode body, String prev) {
        body.put("prev", prev);
        String unsealed;
        try {
            unsealed = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An audit record cannot be written as JSON", e);
        }
        String head = unsealed.substring(0, unsealed.length() - 1);
        String hash = sha256(head);
        return new SealedLine(head + HASH_FIELD + hash + "\"}", body.path("seq").asLong(), prev, hash, body);
    }

    /** A line as read back; {@link Broken} names what does not hold. */
    static SealedLine open(String text) throws Broken {
        int at = text.lastIndexOf(HASH_FIELD);
        if (at < 0 || !text.endsWith("\"}")) {
            throw new Broken("not a sealed record");
        }
        String head = text.substring(0, at);
        String hash = text.substring(at + HASH_FIELD.length(), text.length() - 2);
        JsonNode fields;
        try {
            fields = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Broken("not valid JSON");
        }
        if (!sha256(head).equals(hash) || !hash.equals(fields.path("hash").asText())) {
            throw new Broken("its content does not match its hash (the record was changed)");
        }
        if (!fields.path("seq").canConvertToLong() || !fields.path("prev").isTextual()) {
            throw new Broken("no seq or prev");
        }
        return new SealedLine(text, fields.get("seq").asLong(), fields.get("prev").asText(), hash, fields);
    }

    static ObjectNode body() {
        return JSON.createObjectNode();
    }

    static JsonNode value(Object value) {
        return JSON.valueToTree(value);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }

    /** Why a line is not a valid record. */
    static final class Broken extends Exception {
        Broken(String reason) {
            super(reason);
        }
    }
}
