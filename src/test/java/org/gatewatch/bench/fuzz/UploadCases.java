package org.gatewatch.bench.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Malformed multipart bodies and hostile images, posted to the two face upload URLs: the API's
 * {@code POST /api/people/{id}/faces} and the person page's form, {@code POST /people/{id}} with action=upload.
 */
final class UploadCases {

    private UploadCases() {
    }

    /** The upload URL of the target's person, the API's or the page's, or of a person that does not exist. */
    private static String url(Draw d) {
        long id = d.chance(85) ? d.person() : Draw.ABSENT_ID;
        return d.chance(50) ? "/api/people/" + id + "/faces" : "/people/" + id;
    }

    /** Starts a body as the page's form sends it (action=upload first) when the URL is the page's. */
    private static Multipart form(Draw d, String url, String boundary) {
        Multipart m = new Multipart(boundary);
        return url.startsWith("/people/") && d.chance(90) ? m.field("action", "upload") : m;
    }

    private static String boundary(Draw d) {
        return "gwfuzz" + d.text(16, "abcdefghijklmnopqrstuvwxyz0123456789");
    }

    static BadRequest multipart(Draw d) {
        String url = url(d);
        String b = boundary(d);
        Multipart m = form(d, url, b);
        byte[] image = Images.random(d);
        String contentType = m.contentType();
        String what;
        switch (d.nextInt(16)) {
            case 0 -> {
                what = "the body's boundary is not the header's";
                m.file("image", "a.jpg", "image/jpeg", image).end();
                contentType = "multipart/form-data; boundary=" + boundary(d);
            }
            case 1 -> {
                what = "no boundary parameter";
                m.file("image", "a.jpg", "image/jpeg", image).end();
                contentType = d.pick("multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data;");
            }
            case 2 -> {
                String huge = "b".repeat(1000 + d.nextInt(7000));
                what = "a " + huge.length() + "-character boundary";
                m = form(d, url, huge).file("image", "a.jpg", "image/jpeg", image).end();
                contentType = m.contentType();
            }
            case 3 -> {
                what = "the part cut short, no closing boundary";
                m.file("image", "a.jpg", "image/jpeg", image);
                byte[] all = m.bytes();
                m = new Multipart(b).raw(Arrays.copyOf(all, all.length - 2 - d.nextInt(Math.max(1, image.length))));
            }
            case 4 -> {
                what = "a part with no Content-Disposition";
                m.raw("--" + b + "\r\nContent-Type: image/jpeg\r\n\r\n").raw(image).raw("\r\n").end();
            }
            case 5 -> {
                what = "a part with a Content-Disposition that names nothing";
                m.raw("--" + b + "\r\nContent-Disposition: " + d.pick("form-data", "attachment", "form-data; name=",
                        "form-data; filename", "; ; ;", "form-data; name=\"image\"; filename=\"unterminated")
                        + "\r\n\r\n").raw(image).raw("\r\n").end();
            }
            case 6 -> {
                int size = 9000 + d.nextInt(40_000);
                what = "a part header of " + size + " bytes";
                m.raw("--" + b + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\nX-Pad: "
                        + "p".repeat(size) + "\r\n\r\n").raw(image).raw("\r\n").end();
            }
            case 7 -> {
                int n = 500 + d.nextInt(2000);
                what = n + " header lines in one part";
                m.raw("--" + b + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\n"
                        + "X-H: v\r\n".repeat(n) + "\r\n").raw(image).raw("\r\n").end();
            }
            case 8 -> {
                what = "no file part, only fields";
                m.field("image", "not a file").field("other", d.text(20, "abc")).end();
            }
            case 9 -> {
                what = "an empty multipart body";
                m = new Multipart(b);
            }
            case 10 -> {
                what = "LF instead of CRLF";
                m.file("image", "a.jpg", "image/jpeg", image).end();
                m = new Multipart(b).raw(new String(m.bytes(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n"));
            }
            case 11 -> {
                what = "a nested multipart/mixed part of garbage";
                m.raw("--" + b + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\n"
                        + "Content-Type: multipart/mixed; boundary=inner\r\n\r\n--inner\r\n\r\n").raw(image)
                        .raw("\r\n--inner\r\n").end();
            }
            case 12 -> {
                what = "a multipart body sent as " + (contentType = d.pick("text/plain", "application/json",
                        "application/octet-stream", "image/jpeg", "multipart/mixed; boundary=" + b));
                m.file("image", "a.jpg", "image/jpeg", image).end();
            }
            case 13 -> {
                what = "random bytes as a multipart body";
                m = new Multipart(b).raw(d.randomBytes(d.nextInt(8192)));
            }
            case 14 -> {
                int n = 200 + d.nextInt(3000);
                what = n + " tiny file parts";
                for (int i = 0; i < n; i++) {
                    m.file("f" + i, "f" + i + ".jpg", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8});
                }
                m.end();
            }
            default -> {
                what = "a file name with a path and control bytes";
                m.file("image", d.pick("../../../../etc/passwd", "..\\..\\boot.ini", "a\u0000.jpg", "\r\nX: y",
                        "%2e%2e%2fa.jpg", "con.jpg"), "image/jpeg", image).end();
            }
        }
        Wire w = d.request("POST", url).header("Content-Type", contentType).body(m.bytes());
        return d.done("multipart", what + " to " + url, w);
    }

    static BadRequest image(Draw d) {
        String url = url(d);
        Images.Bad bad = Images.bad(d);
        Multipart m = form(d, url, boundary(d))
                .file("image", bad.fileName(), d.chance(80) ? bad.contentType() : d.pick("text/html",
                        "application/octet-stream", "image/gif", null), bad.bytes())
                .end();
        Wire w = d.request("POST", url).header("Content-Type", m.contentType()).body(m.bytes());
        return d.done("image", bad.what() + " to " + url, w);
    }
}
