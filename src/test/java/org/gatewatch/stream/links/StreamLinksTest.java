package org.gatewatch.stream.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** What a signed link opens: exactly its camera's stream and snapshot, until it expires, and nothing else. */
class StreamLinksTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00.400Z");

    private final StreamLinks links = at(NOW);

    /** The same key and first camera, with the clock stopped at {@code now}. */
    private static StreamLinks at(Instant now) {
        return new StreamLinks(KEY, "door", Clock.fixed(now, ZoneOffset.UTC));
    }

    private String token(String camera, long seconds) {
        return links.mint(camera, Duration.ofSeconds(seconds)).token();
    }

    @Test
    void theValveFindsItUnderTheAgreedNameAsAJdkType() {
        // The valve lives in Tomcat's lib/ and knows only this name and java.util.function.BiPredicate.
        assertEquals("org.gatewatch.streamLinks", StreamLinks.ATTRIBUTE);
        BiPredicate<String, String> seenByTheValve = links;
        assertTrue(seenByTheValve.test("/cameras/door/video_feed", token("door", 60)));
    }

    @Test
    void aTokenOpensItsCamerasStreamAndSnapshot() {
        String token = token("door", 60);
        assertTrue(links.test("/cameras/door/video_feed", token));
        assertTrue(links.test("/cameras/door/snapshot.jpg", token));
        assertTrue(links.test("/video_feed", token), "/video_feed shows the first camera");
    }

    @Test
    void theExpiryIsWholeSecondsAndNeverLaterThanAsked() {
        StreamLinks.Link link = links.mint("door", Duration.ofSeconds(60));
        assertEquals(Instant.parse("2026-12-06T08:01:00Z"), link.expires());
        assertThrows(IllegalArgumentException.class, () -> links.mint("door", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> links.mint("door", Duration.ofSeconds(-5)));
        assertThrows(IllegalArgumentException.class, () -> links.mint("door", StreamLinks.MAX_LIFETIME.plusSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> links.mint("../x", Duration.ofSeconds(5)));
        links.mint("door", StreamLinks.MAX_LIFETIME);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = token("door", 60);
        assertTrue(at(Instant.parse("2026-12-06T08:00:59.999Z")).test("/cameras/door/video_feed", token));
        assertFalse(at(Instant.parse("2026-12-06T08:01:00Z")).test("/cameras/door/video_feed", token),
                "expired at its expiry");
        assertFalse(at(NOW.plus(Duration.ofDays(30))).test("/cameras/door/snapshot.jpg", token));
    }

    @Test
    void aTokenForAnotherCameraIsRefused() {
        String token = token("yard", 60);
        assertTrue(links.test("/cameras/yard/video_feed", token));
        assertFalse(links.test("/cameras/door/video_feed", token));
        assertFalse(links.test("/cameras/door/snapshot.jpg", token));
        assertFalse(links.test("/video_feed", token), "/video_feed is the first camera, door");
        assertFalse(links.test("/cameras/yar/video_feed", token(("yard"), 60)));
        assertFalse(links.test("/cameras/yardx/video_feed", token));
    }

    @Test
    void everyAlteredCharacterIsRefused() {
        String token = token("door", 60);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < token.length(); i++) {
            char other = alphabet.charAt((alphabet.indexOf(token.charAt(i)) + 1) % alphabet.length());
            String altered = token.substring(0, i) + other + token.substring(i + 1);
            assertFalse(links.test("/cameras/door/video_feed", altered), "character " + i + " altered: " + altered);
        }
        assertFalse(links.test("/cameras/door/video_feed", token + "A"));
        assertFalse(links.test("/cameras/door/video_feed", token.substring(0, token.length() - 1)));
        assertFalse(links.test("/cameras/door/video_feed", token + "="), "padding is not the canonical spelling");
    }

    @Test
    void anAlteredByteIsRefusedWhereverItIs() {
        byte[] bytes = Base64.getUrlDecoder().decode(token("door", 60));
        for (int i = 0; i < bytes.length; i++) {
            byte[] altered = bytes.clone();
            altered[i] ^= 0x01;
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertFalse(links.test("/cameras/door/video_feed", token), "byte " + i + " altered");
        }
    }

    @Test
    void aLongerLifeWrittenIntoTheTokenBreaksItsMac() {
        byte[] bytes = Base64.getUrlDecoder().decode(token("door", 60));
        bytes[8] = (byte) 0xff;
        assertFalse(links.test("/cameras/door/video_feed", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        StreamLinks other = new StreamLinks("another key, another installation".getBytes(StandardCharsets.UTF_8),
                "door", Clock.fixed(NOW, ZoneOffset.UTC));
        String foreign = other.mint("door", Duration.ofSeconds(60)).token();
        assertTrue(other.test("/cameras/door/video_feed", foreign));
        assertFalse(links.test("/cameras/door/video_feed", foreign));
    }

    @Test
    void garbageEmptyAndMissingTokensAreRefused() {
        for (String garbage : new String[] {null, "", " ", "x", "====", "not a token", "AAAA", "%00", "a.b.c",
                "A".repeat(140), "A".repeat(100_000), "ñandú", "AQAAAAAAAAAAZG9vcg"}) {
            assertFalse(links.test("/cameras/door/video_feed", garbage), String.valueOf(garbage));
        }
        String base64WithPlusAndSlash = token("door", 60).replace('-', '+').replace('_', '/');
        if (!base64WithPlusAndSlash.equals(token("door", 60))) {
            assertFalse(links.test("/cameras/door/video_feed", base64WithPlusAndSlash), "only the URL-safe alphabet");
        }
    }

    @Test
    void onlyTheStreamAndSnapshotPathsOpen() {
        String token = token("door", 60);
        for (String path : new String[] {null, "", "/", "/cameras/door", "/cameras/door/", "/cameras/door/video_feed/",
                "/cameras/door/video_feed/extra", "/cameras/door/../other/video_feed", "/cameras/../door/video_feed",
                "/cameras/door/./video_feed", "/cameras//door/video_feed", "//cameras/door/video_feed",
                "/cameras/door/video_feed;x=1", "/cameras/door/snapshot.jpg.png", "/cameras/door/Video_feed",
                "/cameras/door%2Fx/video_feed", "/cameras/door/live", "/video_feed/", "/video_feed/extra",
                "/api/status", "/api/cameras/door/links", "/people", "/cameras/door/video_feed?token=" + token,
                "cameras/door/video_feed", "/CAMERAS/door/video_feed", "/gatewatch/cameras/door/video_feed"}) {
            assertFalse(links.test(path, token), path);
        }
    }

    @Test
    void aTokenIsCompactUrlSafeAndShowsNoKey() {
        String token = token("door", 60);
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
        assertTrue(token.length() <= 60, token.length() + " characters");
        assertTrue(token(("c".repeat(64)), 60).length() <= LinkToken.MAX_CHARS);
        String key = new String(KEY, StandardCharsets.UTF_8);
        StreamLinks.Link link = links.mint("door", Duration.ofSeconds(60));
        for (String shown : new String[] {links.toString(), link.toString(), new LinkToken(KEY).toString()}) {
            assertFalse(shown.contains(key) || shown.contains(link.token()), shown);
        }
    }
}
