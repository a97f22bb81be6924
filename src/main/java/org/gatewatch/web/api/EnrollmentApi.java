package org.gatewatch.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gatewatch.people.enrollment.Enrollment;
import org.gatewatch.people.enrollment.EnrollmentStatus;
import org.gatewatch.web.AsyncWait;
import org.gatewatch.web.Services;

/**
 * {@code GET /api/enrollment}: what the live gallery holds now. {@code ?wait=SECONDS} (at most
 * {@value #MAX_WAIT_SECONDS}) first waits for the rebuild of every change made so far, so a script or a test can
 * enroll a face and then know when the cameras recognise it. The wait holds no request thread (see {@link AsyncWait}).
 */
public final class EnrollmentApi extends ApiServlet {

    static final int MAX_WAIT_SECONDS = 30;
    private static final String WAITED = EnrollmentApi.class.getName() + ".waited";

    /** The response body; the field names are a public contract. */
    public record Status(List<String> personIds, int people, int embeddings, int unusableFaces, long generation,
                         String builtAt, boolean current, String error, double threshold) {

        static Status of(EnrollmentStatus s) {
            List<String> ids = s.personIds().stream().sorted().toList();
            return new Status(ids, ids.size(), s.embeddings(), s.unusableFaces(), s.generation(),
                    s.builtAt() == null ? null : s.builtAt().toString(), s.current(), s.error(), s.threshold());
        }
    }

    @Override
    protected void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getMethod().equals("GET")) {
            throw methodNotAllowed(req, resp, "GET");
        }
        Enrollment enrollment = Services.enrollment(getServletContext());
        int wait = intParam(req, "wait", 0, 0, MAX_WAIT_SECONDS);
        if (wait > 0 && AsyncWait.outcome(req, WAITED) == null) {
            CompletableFuture<Boolean> current = enrollment.whenGalleryCurrent();
            if (!current.isDone()) {
                // No thread waits: the request comes back here when the rebuild is done or the time is up.
                AsyncWait.start(req, WAITED, current, Duration.ofSeconds(wait), Services.timers(getServletContext()),
                        () -> current.cancel(false));
                return;
            }
        }
        writeJson(resp, 200, Status.of(enrollment.status()));
    }
}
