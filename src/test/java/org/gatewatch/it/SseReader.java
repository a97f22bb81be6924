package org.gatewatch.it;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Reads a Server-Sent Events stream message by message, as a browser's EventSource would. */
final class SseReader implements Closeable {

    /** One event: its id (or null) and data. */
    record Event(String id, String data) {
    }

    private final HttpURLConnection connection;
    private final BufferedReader reader;

    private SseReader(HttpURLConnection connection) throws IOException {
        this.connection = connection;
        this.reader = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Opens the stream as a guard; {@code lastEventId} is sent as Last-Event-ID unless null. */
    static SseReader open(URI uri, String lastEventId) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestProperty("Accept", "text/event-stream");
        c.setRequestProperty("Authorization", ItUsers.GUARD.header());
        if (lastEventId != null) {
            c.setRequestProperty("Last-Event-ID", lastEventId);
        }
        c.setConnectTimeout(5000);
        c.setReadTimeout(20_000);
        return new SseReader(c);
    }

    String contentType() {
        return connection.getContentType();
    }

    int status() throws IOException {
        return connection.getResponseCode();
    }

    /** The next message with data (comments and the retry hint are skipped); fails after the read timeout. */
    Event next() throws IOException {
        String id = null;
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    return new Event(id, data.toString());
                }
                id = null;
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
            }
        }
        throw new IOException("the event stream ended");
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
