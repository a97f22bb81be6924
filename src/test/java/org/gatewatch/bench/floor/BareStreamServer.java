package org.gatewatch.bench.floor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gatewatch.stream.JpegFrame;
import org.gatewatch.stream.MjpegPart;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The floor under {@code bench-stream}: the demo camera's parts sent to every viewer by the least a JVM can do, one
 * non-blocking write per part and viewer from one shared native buffer, with no servlet container. What the same
 * load client measures here is what this machine's kernel and loopback cost, and the gap to Tomcat's figure is what
 * Tomcat's connector and GateWatch add. With copies = 2 each part is first copied twice per viewer, as Tomcat does.
 *
 * <p>It answers the two requests the client makes: the status API (one camera, "demo") and any other path as the
 * stream. It has no login: it listens on 127.0.0.1 only and runs only as a benchmark.
 */
public final class BareStreamServer implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(BareStreamServer.class);
    private static final int FAN_OUT_THREADS = 2;
    private static final int MAX_REQUEST_BYTES = 8192;

    private final List<byte[]> jpegs;
    private final int copies;
    private final double fps;
    private final List<BareViewer> viewers = new CopyOnWriteArrayList<>();
    private final AtomicLong frames = new AtomicLong();
    private final ExecutorService requests = Executors.newFixedThreadPool(4);
    private final ExecutorService fanOut = Executors.newFixedThreadPool(FAN_OUT_THREADS);
    private final ScheduledExecutorService camera = Executors.newSingleThreadScheduledExecutor();
    private final ServerSocketChannel listener;
    private final Thread acceptor;

    /** Listens on 127.0.0.1:{@code port} (0: any free port) and starts sending {@code jpegs} in a loop at {@code fps}. */
    public BareStreamServer(int port, int copies, double fps, List<byte[]> jpegs) throws IOException {
        BareViewer.checkCopies(copies);
        this.jpegs = List.copyOf(jpegs);
        this.copies = copies;
        this.fps = fps;
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        acceptor = new Thread(this::acceptAll, "bare-accept");
        acceptor.start();
        long periodMicros = Math.round(1_000_000 / fps);
        camera.scheduleAtFixedRate(this::publish, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    /**
     * {@code BareStreamServer [--port N] [--copies 0|2] [--fps F]}: serves until killed. Run by
     * {@code bin/gatewatch bench-stream --server bare}, which points the load client at it.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = 18080;
        int copies = 0;
        double fps = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--copies" -> copies = Integer.parseInt(args[i + 1]);
                case "--fps" -> fps = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<byte[]> jpegs = DemoParts.encode(100);
        double meanKb = jpegs.stream().mapToInt(j -> j.length).average().orElse(0) / 1000;
        try (BareStreamServer server = new BareStreamServer(port, copies, fps, jpegs)) {
            LOG.info("Bare server pid {} on port {}: {} demo frames of {} kB on average at {} fps, {} copies a part "
                    + "per viewer", ProcessHandle.current().pid(), server.port(), jpegs.size(),
                    String.format(Locale.ROOT, "%.1f", meanKb), fps, copies);
            Thread.currentThread().join();
        }
    }

    public int port() {
        return ((InetSocketAddress) listener.socket().getLocalSocketAddress()).getPort();
    }

    /** One tick of the camera: the next part, built once into native memory, offered to every viewer. */
    private void publish() {
        long seq = frames.incrementAndGet();
        byte[] jpeg = jpegs.get((int) ((seq - 1) % jpegs.size()));
        byte[] bytes = JpegFrame.of(seq, System.currentTimeMillis(), jpeg).part();
        ByteBuffer part = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        // One list for every shard: each viewer is offered the part by exactly one thread.
        BareViewer[] now = viewers.toArray(new BareViewer[0]);
        try {
            Future<?>[] shards = new Future<?>[FAN_OUT_THREADS];
            for (int s = 0; s < FAN_OUT_THREADS; s++) {
                int shard = s;
                shards[s] = fanOut.submit(() -> offerToShard(now, shard, part));
            }
            for (Future<?> shard : shards) {
                shard.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.error("Fan-out failed", e.getCause());
        }
    }

    private void offerToShard(BareViewer[] all, int shard, ByteBuffer part) {
        for (int i = shard; i < all.length; i += FAN_OUT_THREADS) {
            try {
                all[i].offer(part);
            } catch (IOException e) {
                LOG.debug("A viewer left: {}", e.toString());
                viewers.remove(all[i]);
                all[i].close();
            }
        }
    }

    private void acceptAll() {
        while (listener.isOpen()) {
            try {
                SocketChannel channel = listener.accept();
                requests.execute(() -> answer(channel));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("Accept failed: {}", e.toString());
            }
        }
    }

    /** Reads the request head (blocking, on a request thread) and answers with the status or the stream. */
    private void answer(SocketChannel channel) {
        try {
            channel.socket().setTcpNoDelay(true);
            String head = readHead(channel);
            if (head.startsWith("GET ") && head.contains("/api/status")) {
                String body = String.format(Locale.ROOT, "{\"cameras\":[{\"id\":\"demo\",\"fps\":%.2f,"
                        + "\"framesEncoded\":%d,\"viewers\":%d}]}", fps, frames.get(), viewers.size());
                write(channel, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\nConnection: close\r\n\r\n" + body);
                channel.close();
            } else if (head.startsWith("GET ")) {
                write(channel, "HTTP/1.1 200 OK\r\nContent-Type: " + MjpegPart.CONTENT_TYPE
                        + "\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n");
                channel.configureBlocking(false);
                viewers.add(new BareViewer(channel, copies));
            } else {
                write(channel, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                channel.close();
            }
        } catch (IOException e) {
            LOG.debug("A request failed: {}", e.toString());
            BareViewer.close(channel);
        }
    }

    private static String readHead(SocketChannel channel) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(MAX_REQUEST_BYTES);
        while (in.hasRemaining()) {
            if (channel.read(in) < 0) {
                throw new IOException("the client closed before its request ended");
            }
            String head = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
            if (head.contains("\r\n\r\n")) {
                return head;
            }
        }
        throw new IOException("a request head over " + MAX_REQUEST_BYTES + " bytes");
    }

    private static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    @Override
    public void close() throws IOException {
        camera.shutdownNow();
        listener.close();
        requests.shutdownNow();
        fanOut.shutdownNow();
        viewers.forEach(BareViewer::close);
        viewers.clear();
    }
}
