package org.gatewatch.bench.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BadRequestsTest {

    private static final FuzzTarget TARGET = new FuzzTarget(new InetSocketAddress("127.0.0.1", 8080), "/gatewatch",
            7, List.of("Basic YWRtaW46eA==", "Basic Z3VhcmQ6eA=="), List.of(), false);

    @Test
    void aSeedAndAnIndexAlwaysGiveTheSameRequest() {
        BadRequests a = new BadRequests(TARGET, 42);
        BadRequests b = new BadRequests(TARGET, 42);
        for (long i = 0; i < 500; i++) {
            assertArrayEquals(a.make(i).wire(), b.make(i).wire(), "case " + i);
        }
        assertFalse(new String(new BadRequests(TARGET, 43).make(0).wire(), StandardCharsets.ISO_8859_1)
                .equals(new String(a.make(0).wire(), StandardCharsets.ISO_8859_1)), "another seed, other requests");
    }

    /** A request that carried a marker would blind the check for it: the answer may echo what was sent. */
    @Test
    void noRequestCarriesWhatTheChecksLookForInAnswers() {
        BadRequests requests = new BadRequests(TARGET, 7);
        Set<String> kinds = new HashSet<>();
        for (long i = 0; i < 5000; i++) {
            BadRequest r = requests.make(i);
            kinds.add(r.kind());
            String sent = new String(r.wire(), StandardCharsets.ISO_8859_1);
            for (String marker : ResponseCheck.INSIDES) {
                assertFalse(sent.contains(marker), () -> "case " + r.describe() + " carries '" + marker + "'");
            }
        }
        assertEquals(Set.of("multipart", "image", "json", "oversize", "path", "query", "header", "method", "range",
                "content-length", "token"), kinds);
    }

    /** The target person is aimed at, never deleted, nor any face of theirs. */
    @Test
    void noRequestDeletesTheTargetPersonOrAFace() {
        BadRequests requests = new BadRequests(TARGET, 11);
        for (long i = 0; i < 5000; i++) {
            String line = new String(requests.make(i).wire(), StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
            assertFalse(line.matches("DELETE /gatewatch/api/people/7(/faces/\\d+(\\.jpg)?)? HTTP/1.1")
                    || line.matches("DELETE /gatewatch/api/people/[1-9]\\d{0,8} HTTP/1.1"), line);
            assertTrue(line.length() < 60_000, "a request line is bounded");
        }
    }
}
