package org.gatewatch.bench.floor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The floor server speaks what the load client and a browser read: a multipart stream of the demo camera's real
 * JPEGs, whole, in order, each part's Content-Length true, with or without the copies, and a status a client can
 * poll. A floor measured on anything else would say nothing about the Tomcat figures beside it.
 */
public class BareStreamServerIT {

    private static final Pattern PART_HEAD = Pattern.compile("--frame\r\nContent-Type: image/jpeg\r\n"
            + "Content-Length: (\\d+)\r\nX-Timestamp: (\\d+)\r\nX-Frame: (\\d+)\r\n\r\n");

    private static List<byte[]> jpegs;

    @BeforeAll
    public static void encodeTheDemo() throws IOException {
        jpegs = DemoParts.encode(5);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    public void aViewerGetsTheDemoFramesWholeAndInOrder(int copies) throws Exception {
        try (BareStreamServer server = new BareStreamServer(0, copies, 20, jpegs);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.getOutputStream().write("GET /gatewatch/cameras/demo/video_feed HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(50);
            byte[] stream = readFor(socket.getInputStream(), 600);
            String text = new String(stream, StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 200 OK\r\n"), text.substring(0, Math.min(80, text.length())));
            assertTrue(text.contains("Content-Type: multipart/x-mixed-replace; boundary=frame\r\n"));

            Matcher part = PART_HEAD.matcher(text);
            List<Long> frames = new ArrayList<>();
            while (part.find()) {
                int length = Integer.parseInt(part.group(1));
                int body = part.end();
                if (body + length + 2 > stream.length) {
                    break; // the last part was cut off by the end of the read
                }
                long frame = Long.parseLong(part.group(3));
                byte[] expected = jpegs.get((int) ((frame - 1) % jpegs.size()));
                assertEquals(expected.length, length, "frame " + frame + "'s Content-Length");
                assertEquals((byte) 0xFF, stream[body]);
                assertEquals((byte) 0xD8, stream[body + 1], "frame " + frame + " starts a JPEG");
                assertEquals((byte) 0xD9, stream[body + length - 1], "frame " + frame + " ends its JPEG");
                assertEquals("\r\n", text.substring(body + length, body + length + 2));
                frames.add(frame);
            }
            assertTrue(frames.size() >= 5, "parts in 600 ms at 20 fps: " + frames);
            for (int i = 1; i < frames.size(); i++) {
                assertTrue(frames.get(i) > frames.get(i - 1), "frames in order: " + frames);
            }

            JsonNode camera = new ObjectMapper().readTree(status(server.port())).path("cameras").path(0);
            assertEquals("demo", camera.path("id").asText());
            assertEquals(1, camera.path("viewers").asInt());
            assertTrue(camera.path("framesEncoded").asLong() >= frames.get(frames.size() - 1));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1, 3})
    public void onlyNoCopiesOrTomcatsTwoAreMeasured(int copies) {
        assertThrows(IllegalArgumentException.class, () -> new BareStreamServer(0, copies, 10, jpegs).close());
    }

    private static String status(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/gatewatch/api/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static byte[] readFor(InputStream in, long millis) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        long end = System.currentTimeMillis() + millis;
        byte[] buffer = new byte[65536];
        while (System.currentTimeMillis() < end) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                all.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                // Nothing arrived in the last 50 ms: look at the clock again.
            }
        }
        return all.toByteArray();
    }
}
