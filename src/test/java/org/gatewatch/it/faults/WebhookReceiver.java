package org.gatewatch.it.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.gatewatch.outputs.HmacSignature;

/**
 * A door's webhook receiver in the test's JVM, as docs/outputs.md writes one: it checks the signature over the
 * timestamp and the body, and the timestamp's age, and logs every POST it got (duplicates included).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One POST: the event id in the body, whether its signature and timestamp held, and whether it was taken. */
    record Post(long id, boolean trusted, boolean accepted) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;
    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private volatile boolean up = true;

    WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/door", this::handle);
        server.start();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String ts = ex.getRequestHeaders().getFirst(HmacSignature.TIMESTAMP_HEADER);
            String signature = ex.getRequestHeaders().getFirst(HmacSignature.HEADER);
            boolean trusted = ts != null && signature != null
                    && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(ts)) <= 300
                    && HmacSignature.of(secret, Long.parseLong(ts), body).equals(signature);
            boolean accepted = up;
            posts.add(new Post(JSON.readTree(body).get("id").asLong(), trusted, accepted));
            ex.sendResponseHeaders(accepted ? 204 : 503, -1);
        }
    }

    /** Down: answers 503 to every POST (logged, not taken), as a door controller that is rebooting. */
    void down() {
        up = false;
    }

    void up() {
        up = true;
    }

    /** The POSTs answered 2xx. */
    List<Post> accepted() {
        return posts.stream().filter(Post::accepted).toList();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/door";
    }

    List<Post> posts() {
        return List.copyOf(posts);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
