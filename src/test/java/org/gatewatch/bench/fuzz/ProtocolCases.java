package org.gatewatch.bench.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Faults of HTTP itself and of parameters: query strings and headers beyond 8 KiB, malformed query strings and
 * parameter values, methods the resource does not have or nobody has, bad {@code Range} and {@code Content-Length},
 * and garbage {@code ?token=} on the stream URLs.
 */
final class ProtocolCases {

    /**
     * RFC 9110 section 9.1 and RFC 9112 section 6.1: a method or a transfer coding the server does not know SHOULD be
     * answered 501. Tomcat does so, and it is no server fault, so it is the one 5xx the checks accept.
     */
    static final Set<Integer> UNKNOWN_TO_HTTP = Set.of(501);

    /** The URLs that read their query string, each with a parameter value it refuses. */
    private static final String[][] BAD_PARAMS = {
            {"/api/people", "page=0"}, {"/api/people", "size=100000"}, {"/api/people", "page=abc"},
            {"/api/people", "size=-1"}, {"/api/events", "decision=MAYBE"}, {"/api/events", "from=yesterday"},
            {"/api/events", "to=2026-13-45"}, {"/api/events", "person=abc"}, {"/api/events", "page=99999999999"},
            {"/api/events/export.csv", "from=x"}, {"/api/events/export.csv", "decision=%00"},
            {"/api/enrollment", "wait=999"}, {"/api/enrollment", "wait=-1"}, {"/api/enrollment", "wait=abc"},
            {"/api/events/stream", "lastEventId=-5"}, {"/api/events/stream", "lastEventId=abc"},
            {"/people", "page=-3"}, {"/events", "from=notadate"}, {"/events", "decision=x"}, {"/events", "page=0"},
            {"/cameras/demo/snapshot.jpg", "overlay=maybe"}, {"/cameras/demo/video_feed", "fps=0"},
            {"/cameras/demo/video_feed", "fps=NaN"}, {"/cameras/demo/video_feed", "fps=Infinity"},
            {"/video_feed", "fps=-1"}, {"/video_feed", "fps=1e9"}, {"/cameras/demo/video_feed", "overlay=2"}};

    private ProtocolCases() {
    }

    private static String[] badParam(Draw d) {
        return BAD_PARAMS[d.nextInt(BAD_PARAMS.length)];
    }

    static BadRequest query(Draw d) {
        String[] p = badParam(d);
        String query;
        String what;
        switch (d.nextInt(5)) {
            case 0 -> {
                query = p[1];
                what = "a refused value";
            }
            case 1 -> {
                query = "q=" + "a".repeat(8200 + d.nextInt(30_000)) + "&" + p[1];
                what = "a query string beyond 8 KiB";
            }
            case 2 -> {
                query = d.pick("q=%zz", "q=%", "q=%e9", "q=%c0%ae", "%=1", "q=%ff%fe%fd", "q=a%2") + "&" + p[1];
                what = "malformed %-encoding";
            }
            case 3 -> {
                query = "p=1&".repeat(1001 + d.nextInt(1500)) + p[1];
                what = "more than 1000 parameters";
            }
            default -> {
                query = p[1] + "&" + p[1].replaceAll("=.*", "=") + d.pick("", "%00", "%0d%0a", "\u00e9", "&&&&", "=");
                what = "a refused value, repeated oddly";
            }
        }
        Wire w = d.request("GET", p[0] + "?" + query);
        return d.done("query", what + " on GET " + p[0], w);
    }

    static BadRequest headers(Draw d) {
        String[] p = badParam(d);
        Wire w = Wire.request("GET", d.at(p[0] + "?" + p[1]));
        String what;
        switch (d.nextInt(9)) {
            case 0 -> {
                what = "a header beyond 8 KiB";
                d.withUsualHeaders(w).header("X-Pad", "h".repeat(8200 + d.nextInt(20_000)));
            }
            case 1 -> {
                int n = 300 + d.nextInt(500);
                what = n + " headers";
                d.withUsualHeaders(w);
                for (int i = 0; i < n; i++) {
                    w.header("X-H" + i, "v");
                }
            }
            case 2 -> {
                what = "a folded header line";
                d.withUsualHeaders(w).rawHeader("X-Folded: a").rawHeader(" continued");
            }
            case 3 -> {
                what = "a header line without a colon";
                d.withUsualHeaders(w).rawHeader(d.pick("NoColonHere", "Bad Name: v", ": empty name", "X\u0000Y: v"));
            }
            case 4 -> {
                what = "a control byte in a header value";
                d.withUsualHeaders(w).header("X-Ctl", "a" + d.pick("\u0000", "\u0001", "\u007f", "\r") + "b");
            }
            case 5 -> {
                what = "no Host header";
                w.header("Connection", "close");
            }
            case 6 -> {
                what = "two Host headers";
                d.withUsualHeaders(w).header("Host", "evil.example");
            }
            case 7 -> {
                what = "a bad Range";
                d.withUsualHeaders(w).header("Range", badRange(d));
            }
            default -> {
                what = "a huge cookie";
                d.withUsualHeaders(w).header("Cookie", "JSESSIONID=" + "c".repeat(9000));
            }
        }
        return d.done("header", what + " on GET " + p[0], w);
    }

    private static String badRange(Draw d) {
        return d.pick("bytes=abc", "bytes=9-1", "bytes=-", "bytes=99999999999999999999-", "pages=1-2", "bytes=0-0,"
                .repeat(500) + "1-1", "bytes=-0", "bytes", "bytes=1-2-3", "bytes=\u0000");
    }

    /** A Range that cannot be met on a static file, or any bad Range on a resource that does not exist. */
    static BadRequest range(Draw d) {
        String range;
        String path;
        if (d.chance(50)) {
            path = "/static/css/gatewatch.css";
            range = d.pick("bytes=999999999-", "bytes=9-1", "bytes=-0", "bytes=99999999999999999999-");
        } else {
            path = d.pick("/api/people/" + d.person() + "/faces/" + Draw.ABSENT_ID + ".jpg",
                    "/api/events/" + Draw.ABSENT_ID + "/frame.jpg", "/static/none.css", "/api/events/abc/face.jpg");
            range = badRange(d);
        }
        Wire w = d.request("GET", path).header("Range", range);
        return d.done("range", "Range: " + Printable.of(range, 40) + " on GET " + path, w);
    }

    static BadRequest method(Draw d) {
        String path = d.pick("/api/status", "/api/people", "/api/people/" + d.person(), "/api/events", "/people",
                "/events", "/", "/healthz", "/readyz", "/api/enrollment", "/cameras/demo/snapshot.jpg",
                "/static/css/gatewatch.css", "/api/events/stream", "/cameras/demo/video_feed");
        int pick = d.nextInt(4);
        if (pick == 0) {
            String m = d.pick("FOO", "PROPFIND", "MKCOL", "get", "G3T", "BREW", "CONNECT", "SEARCH", "LOCK");
            Wire w = d.request(m, path);
            return d.done("method", "unknown method " + m + " on " + path + " (501 allowed: RFC 9110)", w,
                    UNKNOWN_TO_HTTP);
        }
        if (pick == 1) {
            String m = d.pick("GE(T", "GET GET", "G\u0000T", "", "P".repeat(9000), "\u00c9T\u00c9");
            Wire w = d.withUsualHeaders(Wire.line(m + " " + d.at(path) + " HTTP/1.1"));
            return d.done("method", "a malformed method on " + path + " (501 allowed: RFC 9110)", w, UNKNOWN_TO_HTTP);
        }
        if (pick == 2 && d.chance(15)) {
            Wire w = d.withUsualHeaders(Wire.line("GET " + d.at(path) + " HTTP/" + d.pick("9.9", "2.0", "3.0")));
            return d.done("method", "an HTTP version Tomcat does not speak (505 allowed: RFC 9110)", w, Set.of(505));
        }
        if (pick == 2) {
            // Not "GET /path" (Tomcat answers HTTP/0.9, without a status line) nor doubled spaces (RFC 9112 lets a
            // server take any whitespace between the parts).
            String line = d.pick("GET " + d.at(path)
                    + " HTTP/1.1 extra", "GET " + d.at(path) + " http/1.1",
                    "GET http://evil.example" + d.at(path) + "x HTTP/1.1", "GET * HTTP/1.1", "\u0016\u0003\u0001",
                    "GET " + d.at(path) + " HTTP/1.1\u0000");
            Wire w = d.withUsualHeaders(Wire.line(line));
            return d.done("method", "a malformed request line", w, UNKNOWN_TO_HTTP);
        }
        // A method HTTP knows that this resource does not have.
        String known = d.pick("PUT", "DELETE", "PATCH", "TRACE", "POST");
        // Not the methods these resources do have (the static files answer POST as GET).
        if (known.equals("POST")
                && (path.equals("/api/people") || path.equals("/people") || path.startsWith("/static/"))
                || !known.equals("POST") && !known.equals("TRACE") && path.startsWith("/api/people/")) {
            known = "PATCH";
        }
        Wire w = d.request(known, path);
        return d.done("method", known + " on " + path, w);
    }

    static BadRequest contentLength(Draw d) {
        String url = d.pick("/api/people", "/api/people/" + d.person() + "/faces", "/people");
        String body = "{\"name\":\"Fuzz CL " + d.index + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Wire w = d.request("POST", url).header("Content-Type", url.equals("/people")
                ? "application/x-www-form-urlencoded" : "application/json").noContentLength();
        String what;
        switch (d.nextInt(9)) {
            case 0 -> {
                String v = d.pick("abc", "-1", "1.5", "0x10", "99999999999999999999", "1e3", "", "+5");
                what = "Content-Length: " + v;
                w.header("Content-Length", v).body(bytes);
            }
            case 1 -> {
                what = "two different Content-Lengths";
                w.header("Content-Length", String.valueOf(bytes.length)).header("Content-Length", "3").body(bytes);
            }
            case 2 -> {
                // RFC 9112 lets a server read such a body by its chunks, as Tomcat does: the chunks carry the fault.
                what = "Content-Length and chunked, the chunks cut the JSON";
                w.header("Content-Length", String.valueOf(bytes.length)).header("Transfer-Encoding", "chunked")
                        .body("5\r\n" + body.substring(0, 5) + "\r\n0\r\n\r\n" + body.substring(5));
            }
            case 3 -> {
                String te = d.pick("gzip", "chunked, gzip", "identity", "x-fuzz", "chunked, chunked");
                what = "Transfer-Encoding: " + te + " (501 allowed: RFC 9112)";
                w.header("Transfer-Encoding", te).body(bytes);
                return d.done("content-length", what + " to POST " + url, w, UNKNOWN_TO_HTTP);
            }
            case 4 -> {
                what = "a bad chunk size";
                w.header("Transfer-Encoding", "chunked").body(d.pick("zz", "-1", "FFFFFFFFFFFFFFFFFFFF", "1;"
                        + "e".repeat(9000), "") + "\r\n" + body + "\r\n0\r\n\r\n");
            }
            case 5 -> {
                int n = 1 + d.nextInt(bytes.length - 1);
                what = "Content-Length " + n + ", shorter than the " + bytes.length + "-byte body";
                w.header("Content-Length", String.valueOf(n)).body(bytes);
            }
            case 6 -> {
                what = "Content-Length: 0 with a body";
                w.header("Content-Length", "0").body(bytes);
            }
            case 7 -> {
                what = "a chunked body cut short";
                w.header("Transfer-Encoding", "chunked").body("ff\r\n" + body);
                return new BadRequest(d.index, "content-length", what + " to POST " + url, w.bytes(), 0,
                        new byte[0], Set.of(), true);
            }
            default -> {
                what = "a Content-Length longer than the body, then the client's side closed";
                w.header("Content-Length", String.valueOf(bytes.length + 1 + d.nextInt(10_000))).body(bytes);
                return new BadRequest(d.index, "content-length", what + " to POST " + url, w.bytes(), 0,
                        new byte[0], Set.of(), true);
            }
        }
        return d.done("content-length", what + " to POST " + url, w);
    }

    /** Garbage tokens on the stream URLs; with logins off, each also has a fault the app refuses. */
    static BadRequest token(Draw d) {
        String token = d.pick("garbage", "", "%zz", "a".repeat(200), "eyJhbGciOiJub25lIn0.e30.", "1.2.3",
                "%00", "..%2f..", "AAAA".repeat(2500), "0000000000.deadbeef", "-1.x");
        if (d.target.loginsRequired() && d.chance(50)) {
            String path = d.pick("/video_feed", "/cameras/demo/video_feed", "/cameras/demo/snapshot.jpg");
            // Without a user's credentials: with them the stream would rightly be served.
            Wire w = Wire.request("GET", d.at(path) + "?token=" + token).header("Host", d.target.hostHeader())
                    .header("Connection", "close");
            return new BadRequest(d.index, "token", "a garbage token on " + path + " [anonymous]", w.bytes(), 0,
                    new byte[0], Set.of(), false);
        }
        String path = d.pick("/cameras/nocam/video_feed", "/cameras/demo/video_feed?fps=0&",
                "/cameras/demo/snapshot.jpg?overlay=2&", "/video_feed?fps=-1&", "/cameras/demo/video_feed?fps=%zz&",
                "/cameras/nocam/snapshot.jpg", "/cameras/demo/video_feed/x");
        String target = path + (path.contains("?") ? "" : "?") + "token=" + token;
        Wire w = d.request("GET", target);
        return d.done("token", "a garbage token on " + target, w);
    }
}
