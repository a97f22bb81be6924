package org.gatewatch.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.EventHistory;
import org.gatewatch.events.EventListener;
import org.gatewatch.events.EventRecorder;
import org.gatewatch.http.AddressLimit;
import org.gatewatch.http.ErrorResponses;
import org.gatewatch.http.HttpError;
import org.gatewatch.web.Services;
import org.gatewatch.web.api.dto.EventJson;

/**
 * {@code GET /api/events/stream}: new access events as Server-Sent Events ({@code id:} the event id, {@code data:}
 * the event's JSON). A client sending {@code Last-Event-ID} (browsers do on reconnect; {@code ?lastEventId=} works
 * too) first gets the events it missed, from the database and the journal. Asynchronous: no thread is held per client.
 *
 * <p>The recorder's thread only serialises the event and queues it for one sender thread, so analysis never waits
 * on a socket. Like Tomcat's AsyncStockServlet, this servlet starts its threads in init and ends them, and every
 * client, in destroy.
 */
public final class EventStreamServlet extends HttpServlet implements EventListener {

    private static final Logger LOG = LogManager.getLogger(EventStreamServlet.class);

    /** Clients across the server; the next one gets 429 rather than an unserved connection. */
    static final int MAX_CLIENTS = 1000;
    /** A comment line this often keeps proxies from closing an idle stream and shows dead sockets. */
    static final Duration PING = Duration.ofSeconds(15);
    /** Most events replayed to one resuming client; older ones are in GET /api/events. */
    static final int MAX_REPLAY = 1000;
    /** Events waiting for the sender; beyond it an event is skipped for live clients (still in the database). */
    static final int SENDER_QUEUE = 10_000;
    private static final byte[] HELLO = "retry: 3000\n: GateWatch access events\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PING_BYTES = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong skipped = new AtomicLong();
    private transient EventRecorder recorder;
    private transient EventHistory history;
    private transient AddressLimit perAddress;
    private transient ThreadPoolExecutor sender;
    private transient ScheduledExecutorService pinger;
    private String apiBase;

    @Override
    public void init() throws ServletException {
        recorder = Services.recorder(getServletContext());
        history = Services.eventHistory(getServletContext());
        perAddress = Services.listenersPerAddress(getServletContext());
        apiBase = getServletContext().getContextPath() + "/api";
        sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(SENDER_QUEUE),
                r -> daemon(r, "gatewatch-sse-sender"));
        pinger = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "gatewatch-sse-ping"));
        pinger.scheduleWithFixedDelay(this::ping, PING.toSeconds(), PING.toSeconds(), TimeUnit.SECONDS);
        recorder.addListener(this);
    }

    @Override
    public void destroy() {
        recorder.removeListener(this);
        pinger.shutdownNow();
        sender.shutdownNow();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
            pinger.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<SseClient> open = List.copyOf(clients);
        open.forEach(SseClient::close);
        LOG.info("Event stream stopped; {} client(s) closed", open.size());
    }

    /** Invoked on the recorder's thread, in id order: serialise once, hand to the sender, return. */
    @Override
    public void onEvent(AccessEvent event) {
        if (clients.isEmpty()) {
            return;
        }
        SseClient.Message message = message(event);
        try {
            sender.execute(() -> clients.forEach(c -> c.offer(message)));
        } catch (RejectedExecutionException e) {
            long n = skipped.incrementAndGet();
            LOG.warn("Event {} not streamed: the sender is {} events behind ({} skipped so far)", event.id(),
                    SENDER_QUEUE, n);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            long lastId = lastEventId(req);
            if (clients.size() >= MAX_CLIENTS) {
                resp.setHeader("Retry-After", "10");
                throw new HttpError(429, "too many event stream clients: the limit is " + MAX_CLIENTS);
            }
            AddressLimit.Slot slot = perAddress.acquire(req.getRemoteAddr(), "event listeners", resp, 10);
            SseClient client = null;
            try {
                resp.setContentType("text/event-stream");
                resp.setCharacterEncoding("UTF-8");
                resp.setHeader("Cache-Control", "no-store");
                resp.setHeader("X-Accel-Buffering", "no");
                AsyncContext async = req.startAsync();
                async.setTimeout(0);
                ServletOutputStream out = resp.getOutputStream();
                client = new SseClient(async, out, Math.max(lastId, 0), lastId >= 0, slot, clients::remove);
                async.addListener(client);
                clients.add(client);
                out.setWriteListener(client);
                client.send(HELLO);
                if (lastId >= 0) {
                    client.finishReplay(history.after(lastId, MAX_REPLAY).stream().map(this::message).toList());
                }
            } catch (IOException | RuntimeException e) {
                // Before the client took over its place (or while it replays): end it, and the place goes back once.
                if (client != null) {
                    client.close();
                } else {
                    slot.release();
                }
                throw e;
            }
        } catch (HttpError e) {
            ErrorResponses.send(req, resp, e);
        }
    }

    /** The id to resume after, or -1 for "live only". */
    private static long lastEventId(HttpServletRequest req) {
        String v = req.getHeader("Last-Event-ID");
        if (v == null || v.isBlank()) {
            v = req.getParameter("lastEventId");
        }
        if (v == null || v.isBlank()) {
            return -1;
        }
        try {
            long id = Long.parseLong(v.strip());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new HttpError(400, "Last-Event-ID must be an event id, not '" + v + "'", "Last-Event-ID");
    }

    private SseClient.Message message(AccessEvent e) {
        try {
            String json = ApiServlet.JSON.writeValueAsString(EventJson.of(e, apiBase));
            return new SseClient.Message(e.id(), ("id: " + e.id() + "\ndata: " + json + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise event " + e.id(), ex);
        }
    }

    /** Pinger thread. */
    private void ping() {
        clients.forEach(c -> c.send(PING_BYTES));
    }

    /** Clients now, for tests and the status page. */
    int clientCount() {
        return clients.size();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
