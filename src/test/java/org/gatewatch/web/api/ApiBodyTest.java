package org.gatewatch.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.gatewatch.http.HttpError;
import org.gatewatch.web.api.dto.PersonInput;
import org.junit.jupiter.api.Test;

/** How the API reads a JSON body: one object, of exactly application/json, or a 4xx. */
class ApiBodyTest {

    // Found by the fuzz: each of these created or changed a person, taking one of two readings of the body.
    @Test
    void aDuplicateKeyOrContentAfterTheObjectIs400() {
        assertEquals(400, refused("application/json", "{\"name\":\"A\",\"name\":\"B\"}").status());
        assertEquals(400, refused("application/json", "{\"name\":\"A\"} {\"name\":\"B\"}").status());
        assertEquals(400, refused("application/json", "{\"name\":\"A\"} garbage").status());
    }

    // Found by the fuzz: a prefix test let application/json-patch+json through as JSON.
    @Test
    void onlyTheMediaTypeApplicationJsonIsRead() throws Exception {
        assertEquals(415, refused("application/json-patch+json", "{\"name\":\"A\"}").status());
        assertEquals(415, refused("application/jsonx", "{\"name\":\"A\"}").status());
        assertEquals("A", ApiServlet.readBody(request("Application/JSON; charset=utf-8", "{\"name\":\"A\"}"),
                PersonInput.class).name());
        assertEquals("B", ApiServlet.readBody(request("application/json", "  {\"name\":\"B\"}\n"),
                PersonInput.class).name());
    }

    private static HttpError refused(String contentType, String body) {
        return assertThrows(HttpError.class, () -> ApiServlet.readBody(request(contentType, body), PersonInput.class));
    }

    /** A request that answers only what readBody asks: its content type, length and body. */
    private static HttpServletRequest request(String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        ServletInputStream stream = new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(ApiBodyTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getContentType" -> contentType;
                    case "getContentLengthLong" -> (long) bytes.length;
                    case "getInputStream" -> stream;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
