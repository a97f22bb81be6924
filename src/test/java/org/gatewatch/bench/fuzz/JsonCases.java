package org.gatewatch.bench.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Bodies for {@code POST /api/people} and {@code PUT /api/people/{id}} that no reading of the API accepts: cut
 * short, nested 100,000 deep, numbers of thousands of digits, wrong types, nulls, duplicate keys, invalid UTF-8, and
 * the wrong Content-Type. Every body lacks a valid name or is not one JSON object, so none may create a person.
 */
final class JsonCases {

    private static final String VALID = "{\"name\":\"Fuzz\",\"externalId\":null,\"active\":true,"
            + "\"accessWindows\":\"\",\"notes\":\"n\"}";

    private JsonCases() {
    }

    static BadRequest make(Draw d) {
        String url;
        String method;
        if (d.chance(50)) {
            method = "POST";
            url = "/api/people";
        } else {
            method = "PUT";
            url = "/api/people/" + (d.chance(70) ? d.person() : Draw.ABSENT_ID);
        }
        String type = "application/json";
        byte[] body;
        String what;
        switch (d.nextInt(14)) {
            case 0 -> {
                int cut = 1 + d.nextInt(VALID.length() - 2);
                what = "JSON cut after " + cut + " characters";
                body = utf8(VALID.substring(0, cut));
            }
            case 1 -> {
                int depth = d.pick(100_000, 40_000, 2_000);
                String open = d.pick("[", "{\"a\":");
                what = "JSON nested " + depth + " levels deep with " + open;
                body = utf8(open.repeat(depth) + (d.chance(50) ? "" : (open.equals("[") ? "]" : "}").repeat(depth)));
            }
            case 2 -> {
                String digits = "9".repeat(500 + d.nextInt(20_000));
                what = "a number of " + digits.length() + " digits";
                body = utf8(d.pick("{\"notes\":" + digits + "}", digits, "{\"active\":" + digits + "}",
                        "{\"name\":null,\"accessWindows\":1e" + digits + "}", "[" + digits + "]"));
            }
            case 3 -> {
                what = "a field of the wrong type";
                body = utf8(d.pick("{\"name\":[\"a\"]}", "{\"name\":{\"first\":\"a\"}}",
                        "{\"name\":\"A\",\"active\":\"maybe\"}", "{\"name\":\"A\",\"active\":[true]}",
                        "{\"name\":\"A\",\"accessWindows\":{\"mon\":1}}", "{\"name\":\"A\",\"notes\":[[[]]]}",
                        "{\"name\":\"A\",\"externalId\":{}}"));
            }
            case 4 -> {
                what = "not an object";
                body = utf8(d.pick("[]", "\"name\"", "42", "true", "[" + VALID + "]", "\"" + VALID + "\""));
            }
            case 5 -> {
                what = "nulls";
                body = utf8(d.pick("null", "{\"name\":null}", "{\"name\":null,\"active\":null,\"notes\":null}",
                        "{null:\"a\"}", "{\"name\":\"\\u0000\",\"active\":null,\"accessWindows\":\"\\u0000\"}"));
            }
            case 6 -> {
                what = "duplicate keys";
                body = utf8(d.pick("{\"name\":\"A\",\"name\":\"B\"}",
                        "{\"name\":\"A\",\"active\":true,\"active\":false}",
                        "{\"name\":\"A\",\"notes\":\"x\",\"notes\":\"y\",\"notes\":\"z\"}"));
            }
            case 7 -> {
                what = "invalid UTF-8";
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.writeBytes(utf8("{\"name\":\""));
                b.writeBytes(d.pick(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF, (byte) 0xFE},
                        new byte[] {(byte) 0xC0, (byte) 0xAE}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                        new byte[] {(byte) 0x80}));
                b.writeBytes(utf8("\"}"));
                body = b.toByteArray();
            }
            case 8 -> {
                what = "an unknown field";
                body = utf8("{\"name\":\"A\",\"" + d.pick("admin", "id", "roles", "__proto__", "@class") + "\":1}");
            }
            case 9 -> {
                what = "a body sent as " + (type = d.pick("text/plain", "application/x-www-form-urlencoded",
                        "application/xml", "application/json-patch+json;", "", "multipart/form-data; boundary=x"));
                body = utf8(VALID);
            }
            case 10 -> {
                what = "an empty body";
                body = new byte[0];
            }
            case 11 -> {
                what = "trailing content after the object";
                body = utf8(VALID + d.pick(" garbage", "{\"name\":\"B\"}", ",", "]", "\u0000"));
            }
            case 12 -> {
                what = "not JSON at all";
                body = utf8(d.pick("{'name':'A'}", "{name:\"A\"}", "/* c */ {\"name\":\"A\"}", "{\"name\":\"A\",}",
                        "<person name=\"A\"/>", "name=A", "{\"name\":\"A\"" + " ".repeat(1000)));
            }
            default -> {
                what = "random bytes";
                body = d.randomBytes(1 + d.nextInt(2048));
            }
        }
        Wire w = d.request(method, url);
        if (!type.isEmpty()) {
            w.header("Content-Type", type);
        }
        w.body(body);
        return d.done("json", what + " to " + method + " " + url, w);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
