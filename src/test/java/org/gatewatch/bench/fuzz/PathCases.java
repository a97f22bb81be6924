package org.gatewatch.bench.fuzz;

/**
 * Request targets that try to leave the webapp or confuse its routing: dot segments plain and encoded, NUL,
 * doubled slashes, overlong UTF-8, path parameters, backslashes, and ids that are too long, not numbers or negative.
 * Every target names something that does not exist or must not be served.
 */
final class PathCases {

    private PathCases() {
    }

    /** Ids no resource has. ("%2e%2e" is not one: Tomcat decodes it to "..", a way up to a real resource.) */
    private static String badId(Draw d) {
        return d.pick("abc", "-1", "0", "-9223372036854775808", "9223372036854775808", "1e3", "0x10", "1.0",
                "%20" + Draw.ABSENT_ID, String.valueOf(Draw.ABSENT_ID), "NaN", "%2D1", "null", "undefined",
                "9".repeat(100 + d.nextInt(6000)), "%00", "..%2f..", "%2e%2e%2e", "%c0%ae%c0%ae", "%u002e", "*", "%",
                "a;jsessionid=" + d.text(32, "0123456789ABCDEF"), "%ff%fe", "\u00e9", "%e2%80%ae", "1%0d%0aX:y");
    }

    /** A route of the app with one bad segment. */
    private static String route(Draw d) {
        String id = badId(d);
        long p = d.person();
        return d.pick("/api/people/" + id, "/api/people/" + id + "/faces", "/api/people/" + p + "/faces/" + id + ".jpg",
                "/api/people/" + p + "/faces/" + id, "/api/events/" + id, "/api/events/" + id + "/frame.jpg",
                "/api/events/" + id + "/face.jpg", "/people/" + id, "/cameras/" + id + "/video_feed",
                "/cameras/" + id + "/snapshot.jpg", "/cameras/demo/" + id,
                "/api/people/" + p + "/faces/from-camera/" + id,
                "/api/people/" + p + "/" + id, "/api/events/" + id + "/" + id, "/static/" + id + ".css");
    }

    /** A target that tries to reach past the webapp or into its private folders. */
    private static String escape(Draw d) {
        return d.pick(
                "/../manager/html", "/../../../../etc/passwd", "/static/../WEB-INF/web.xml",
                "/static/%2e%2e/WEB-INF/web.xml", "/static/%2E%2E/%2E%2E/etc/passwd", "/static/..%2fWEB-INF/web.xml",
                "/static/..%5cWEB-INF%5cweb.xml", "/static/..;/WEB-INF/web.xml",
                "/api/people/..;/..;/META-INF/context.xml",
                "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/static/%c0%af..%c0%afWEB-INF/web.xml",
                "/static/%e0%80%ae%e0%80%ae/WEB-INF/web.xml", "/static/%f0%80%80%ae./WEB-INF/web.xml",
                "/WEB-INF/web.xml", "/WEB-INF/jsp/live.jsp", "/META-INF/context.xml", "/WEB-INF/lib/",
                "/WEB-INF/classes/org/gatewatch/app/GateWatchListener.class", "/web-inf/web.xml", "/WEB-INF./web.xml",
                "/static/css/gatewatch.css%00.jsp", "/static%00/x", "/api/people%00", "/static\\..\\WEB-INF\\web.xml",
                "/api\\people\\..\\..\\WEB-INF", "//WEB-INF//web.xml", "///../WEB-INF/web.xml", "/./WEB-INF/web.xml",
                "/static/.%2e/.%2e/etc/passwd", "/static/css/;jsessionid=1/../../WEB-INF/web.xml",
                "/WEB-INF/web.xml;jsessionid=" + d.text(16, "0123456789"), "/static/css/gatewatch.css::$DATA",
                "/%5c..%5c..%5cWEB-INF%5cweb.xml", "/static/%252e%252e/WEB-INF/web.xml", "/index.jsp",
                "/WEB-INF/jsp/live.jsp%20", "/static/..%00/WEB-INF/web.xml");
    }

    static BadRequest make(Draw d) {
        String path;
        String what;
        int pick = d.nextInt(10);
        if (pick < 4) {
            path = route(d);
            what = "a bad id";
        } else if (pick < 8) {
            path = escape(d);
            what = "a way out";
        } else {
            path = route(d).replace("/", d.pick("//", "/./", "/;x=y/", "/%2f", "\\"));
            what = "mangled separators";
        }
        String method = d.pick("GET", "GET", "GET", "HEAD", "POST", "DELETE");
        Wire w = d.withUsualHeaders(Wire.request(method, d.chance(15) ? path : d.at(path)));
        return d.done("path", what + ": " + method + " " + path, w);
    }
}
