package org.gatewatch.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.gatewatch.camera.CameraRegistry;
import org.gatewatch.http.HttpError;
import org.gatewatch.people.DuplicateException;
import org.gatewatch.people.FaceSource;
import org.gatewatch.people.InvalidInputException;
import org.gatewatch.people.People;
import org.gatewatch.people.Person;
import org.gatewatch.people.enrollment.Enrollment;
import org.gatewatch.stream.FrameHub;
import org.gatewatch.stream.JpegFrame;
import org.gatewatch.web.api.Uploads;

/**
 * The people pages, forms that work without JavaScript: {@code GET /people} (list, {@code ?q=} search, paging) and
 * {@code POST /people} (create); {@code GET /people/{id}} and {@code POST /people/{id}} with {@code action} = save,
 * upload, capture, deleteFace or delete. A success redirects (post/redirect/get); a refused form is shown again
 * with the user's values and a message by each field at fault, status 422 (409 for a taken external id).
 */
public final class PeoplePagesServlet extends HttpServlet {

    static final int PAGE_SIZE = 25;
    /** How long "take from camera" waits for a fresh frame from a camera that may be idle. */
    static final long CAPTURE_WAIT_MILLIS = 10_000;
    /** Short notices shown after a redirect, by key, so no user text travels in the URL. */
    static final Map<String, String> NOTICES = Map.of(
            "created", "Person created.", "saved", "Changes saved.", "face-added", "Face image added.",
            "face-deleted", "Face image deleted.", "deleted", "Person deleted. Their past events keep their name.");

    private transient People people;
    private transient Enrollment enrollment;

    @Override
    public void init() throws ServletException {
        people = RecordsAccess.from(getServletContext()).people();
        enrollment = Enrollment.from(getServletContext());
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        resp.setHeader("Cache-Control", "no-store");
        Optional<Long> id = personId(req);
        if (id.isEmpty()) {
            showList(req, resp, PersonForm.EMPTY, Map.of());
        } else {
            showPerson(req, resp, person(id.get()), null, Map.of());
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        req.setCharacterEncoding("UTF-8");
        Optional<Long> id = personId(req);
        if (id.isEmpty()) {
            PersonForm form = PersonForm.of(req);
            try {
                Person created = people.create(form.toDraft());
                redirect(req, resp, "/people/" + created.id() + "?done=created");
            } catch (InvalidInputException e) {
                resp.setStatus(422);
                showList(req, resp, form, Map.of(e.field(), e.getMessage()));
            } catch (DuplicateException e) {
                resp.setStatus(409);
                showList(req, resp, form, Map.of(e.field(), e.getMessage()));
            }
            return;
        }
        Person person = person(id.get());
        String action = String.valueOf(req.getParameter("action"));
        try {
            switch (action) {
                case "save" -> {
                    people.update(person.id(), PersonForm.of(req).toDraft());
                    enrollment.changed();
                    redirect(req, resp, "/people/" + person.id() + "?done=saved");
                }
                case "upload" -> {
                    enrollment.addFace(person.id(), Uploads.image(req), FaceSource.UPLOAD,
                            Uploads.uploader(req));
                    redirect(req, resp, "/people/" + person.id() + "?done=face-added");
                }
                case "capture" -> {
                    enrollment.addFace(person.id(), capture(req.getParameter("camera")), FaceSource.CAMERA,
                            Uploads.uploader(req));
                    redirect(req, resp, "/people/" + person.id() + "?done=face-added");
                }
                case "deleteFace" -> {
                    people.faces().delete(person.id(), faceId(req));
                    enrollment.changed();
                    redirect(req, resp, "/people/" + person.id() + "?done=face-deleted");
                }
                case "delete" -> {
                    if (!"yes".equals(req.getParameter("confirm"))) {
                        throw new HttpError(422, "tick 'I mean it' to delete " + person.name(), "confirm");
                    }
                    people.delete(person.id());
                    enrollment.changed();
                    redirect(req, resp, "/people?done=deleted");
                }
                default -> throw new HttpError(400, "unknown action '" + action + "'", "action");
            }
        } catch (InvalidInputException e) {
            resp.setStatus(422);
            showPerson(req, resp, person, action.equals("save") ? PersonForm.of(req) : null,
                    Map.of(e.field(), e.getMessage()));
        } catch (DuplicateException e) {
            resp.setStatus(409);
            showPerson(req, resp, person, PersonForm.of(req), Map.of(e.field(), e.getMessage()));
        } catch (HttpError e) {
            resp.setStatus(e.status());
            String field = e.field() == null ? "form" : e.field();
            showPerson(req, resp, person, null, Map.of(field, e.getMessage()));
        }
    }

    private void showList(HttpServletRequest req, HttpServletResponse resp, PersonForm form, Map<String, String> errors)
            throws ServletException, IOException {
        String q = req.getParameter("q");
        int page = PageParams.page(req);
        req.setAttribute("q", q == null ? "" : q);
        req.setAttribute("result", people.list(q, page, PAGE_SIZE));
        req.setAttribute("form", form);
        req.setAttribute("errors", errors);
        req.setAttribute("notice", NOTICES.get(String.valueOf(req.getParameter("done"))));
        req.getRequestDispatcher("/WEB-INF/jsp/people.jsp").forward(req, resp);
    }

    private void showPerson(HttpServletRequest req, HttpServletResponse resp, Person person, PersonForm form,
                            Map<String, String> errors) throws ServletException, IOException {
        req.setAttribute("person", person);
        req.setAttribute("form", form == null ? PersonForm.of(person) : form);
        req.setAttribute("faces", people.faces().of(person.id()));
        req.setAttribute("cameras", CameraRegistry.from(getServletContext()).statuses());
        req.setAttribute("errors", errors);
        req.setAttribute("notice", NOTICES.get(String.valueOf(req.getParameter("done"))));
        req.getRequestDispatcher("/WEB-INF/jsp/person.jsp").forward(req, resp);
    }

    /**
     * The newest frame of a live camera, fresher than this request: the camera is woken if idle and waited for.
     * A request thread waits (at most {@value #CAPTURE_WAIT_MILLIS} ms): this is a rare administrator's action.
     */
    private byte[] capture(String cameraId) {
        FrameHub hub = CameraRegistry.from(getServletContext()).cleanHub(String.valueOf(cameraId))
                .orElseThrow(() -> new HttpError(422, "no camera '" + cameraId + "'", "camera"));
        long asked = System.currentTimeMillis();
        long deadline = asked + CAPTURE_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            hub.touch();
            JpegFrame frame = hub.newest();
            if (frame != null && frame.captureMillis() >= asked - 1000) {
                return frame.jpeg();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new HttpError(422, "camera '" + cameraId + "' gave no frame within " + CAPTURE_WAIT_MILLIS / 1000
                + " s: see its state on the live page", "camera");
    }

    private Person person(long id) {
        return people.find(id).orElseThrow(() -> new HttpError(404, "no person " + id));
    }

    /** Empty for /people; the id for /people/{id}; anything else is a 404. */
    private static Optional<Long> personId(HttpServletRequest req) {
        String path = req.getPathInfo();
        if (path == null || path.equals("/")) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(path.substring(1));
            if (id > 0) {
                return Optional.of(id);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new HttpError(404, "no page " + req.getRequestURI());
    }

    private static long faceId(HttpServletRequest req) {
        try {
            return Long.parseLong(String.valueOf(req.getParameter("face")));
        } catch (NumberFormatException e) {
            throw new HttpError(400, "face must be a face id", "face");
        }
    }

    private static void redirect(HttpServletRequest req, HttpServletResponse resp, String path) {
        resp.setStatus(303);
        resp.setHeader("Location", req.getContextPath() + path);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        try {
            super.service(req, resp);
        } catch (HttpError e) {
            PageErrors.send(req, resp, e);
        }
    }
}
