package org.gatewatch.bench.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * Bodies beyond the limits: JSON past the API's 64 KiB (with a length and chunked), uploads past the 10 MiB part
 * and 11 MiB request limits of web.xml, a form past Tomcat's 2 MiB maxPostSize. The filler is streamed.
 */
final class OversizeCases {

    static final int JSON_CAP = 64 * 1024;
    static final int PART_CAP = 10 * 1024 * 1024;
    static final int REQUEST_CAP = 11 * 1024 * 1024;
    static final int FORM_CAP = 2 * 1024 * 1024;

    private OversizeCases() {
    }

    static BadRequest make(Draw d) {
        int pick = d.nextInt(100);
        if (pick < 35) {
            long fill = JSON_CAP + 1 + d.nextInt(d.chance(80) ? 64 * 1024 : 2 * 1024 * 1024);
            String url = d.chance(60) ? "/api/people" : "/api/people/" + d.person();
            Wire w = d.request(url.equals("/api/people") ? "POST" : "PUT", url).header("Content-Type",
                    "application/json").body("{\"name\":\"Big\",\"notes\":\"");
            return d.filled("oversize", "a JSON body of " + (fill + 30) + " bytes to " + url, w, fill, utf8("\"}"));
        }
        if (pick < 60) {
            StringBuilder chunks = new StringBuilder();
            String chunk = "y".repeat(8192);
            int n = JSON_CAP / 8192 + 1 + d.nextInt(8);
            chunks.append("11\r\n{\"notes\":\"yyyyyy\r\n");
            for (int i = 0; i < n; i++) {
                chunks.append("2000\r\n").append(chunk).append("\r\n");
            }
            chunks.append("2\r\n\"}\r\n0\r\n\r\n");
            Wire w = d.request("POST", "/api/people").header("Content-Type", "application/json")
                    .header("Transfer-Encoding", "chunked").noContentLength().body(chunks.toString());
            return d.done("oversize", "a chunked JSON body of " + n * 8192 + " bytes", w);
        }
        String boundary = "gwbig" + d.index;
        String url = d.chance(50) ? "/api/people/" + d.person() + "/faces" : "/people/" + d.person();
        String head = (url.startsWith("/people/") ? "--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"action\"\r\n\r\nupload\r\n" : "") + "--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"image\"; filename=\"big.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n";
        byte[] tail = utf8("\r\n--" + boundary + "--\r\n");
        if (pick < 85) {
            long fill = REQUEST_CAP + 1 + d.nextInt(4 * 1024 * 1024);
            Wire w = d.request("POST", url).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .body(head);
            return d.filled("oversize", "an upload of " + fill + " bytes, past the request limit, to " + url, w, fill,
                    tail);
        }
        if (pick < 93) {
            long fill = PART_CAP + 1 + d.nextInt(512 * 1024);
            Wire w = d.request("POST", url).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .body(head);
            return d.filled("oversize", "a part of " + fill + " bytes, past the part limit, to " + url, w, fill,
                    tail);
        }
        long fill = FORM_CAP + 1 + d.nextInt(1024 * 1024);
        Wire w = d.request("POST", d.chance(50) ? "/people" : "/people/" + d.person())
                .header("Content-Type", "application/x-www-form-urlencoded").body("action=save&name=");
        return d.filled("oversize", "a form of " + fill + " bytes, past maxPostSize", w, fill, new byte[0]);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
