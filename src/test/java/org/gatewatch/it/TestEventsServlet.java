package org.gatewatch.it;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import javax.imageio.ImageIO;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.Decision;
import org.gatewatch.events.EventRecorder;
import org.gatewatch.events.NewEvent;
import org.gatewatch.events.journal.JournalReader;
import org.gatewatch.web.Services;

/**
 * Test-only stand-in for the analysis: {@code POST /test/events} records an event through the real
 * EventRecorder of the deployed app, with generated JPEG snapshots unless {@code snapshots=false}. It is added to
 * the test deployment only ({@link EventsDeployment}); the production WAR has no way to fake an event.
 * Parameters: camera, decision, person (id), name, score, time (ISO instant), snapshots. Answers the new id.
 */
public final class TestEventsServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String person = req.getParameter("person");
        String score = req.getParameter("score");
        String time = req.getParameter("time");
        boolean snapshots = !"false".equals(req.getParameter("snapshots"));
        NewEvent event = new NewEvent(req.getParameter("camera"),
                time == null ? Instant.now() : Instant.parse(time),
                Decision.valueOf(req.getParameter("decision")),
                person == null ? null : Long.valueOf(person), req.getParameter("name"),
                score == null ? null : Double.valueOf(score), "test", 1L,
                snapshots ? jpeg(320, 240, Color.DARK_GRAY) : null, snapshots ? jpeg(96, 96, Color.ORANGE) : null);
        EventRecorder recorder = Services.recorder(getServletContext());
        AccessEvent stored = recorder.record(event);
        // The database's row follows from the journal; tests read it right after, as a page would a moment later.
        JournalReader store = recorder.journal().reader("store").orElseThrow();
        try {
            if (!store.awaitDelivered(stored.id(), 10_000)) {
                resp.sendError(503, "event " + stored.id() + " not in the database after 10 s: " + store.lastError());
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.sendError(503, "interrupted");
            return;
        }
        resp.setContentType("text/plain");
        resp.getWriter().write(Long.toString(stored.id()));
    }

    private static byte[] jpeg(int w, int h, Color color) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.drawOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
