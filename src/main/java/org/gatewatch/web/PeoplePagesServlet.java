package org.gatewatch.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.gatewatch.http.HttpError;
import org.gatewatch.people.DuplicateException;
import org.gatewatch.people.FaceSource;
import org.gatewatch.people.InvalidInputException;
import org.gatewatch.people.People;
import org.gatewatch.people.Person;
import org.gatewatch.people.enrollment.Enrollment;
import org.gatewatch.web.api.Uploads;

/**
 * The people pages, forms that work without JavaScript: {@code GET /people} (list, {@code ?q=} search, paging) and
 * {@code POST /people} (create); {@code GET /people/{id}} and {@code POST /people/{id}} with {@code action} = save,
 * upload, capture, deleteFace or delete. A success redirects (post/redirect/get); a refused form is shown again
 * with the user's values and a message by each field at fault, status 422 (409 for a taken external id; for
 * capture, 404 for no such camera and 503 for no frame, as the API answers).
 */
public final class PeoplePagesServlet extends HttpServlet {

    static final int PAGE_SIZE = 25;
    /** Short notices shown after a redirect, by key, so no user text travels in the URL. */
    static final Map<String, String> NOTICES = Map.of(
            "created", "Person created.", "saved", "Changes saved.", "face-added", "Face image added.",
            "face-deleted", "Face image deleted.", "deleted", "Person deleted. Their past events keep their name.");

    private transient People people;
    private transient Enrollment enrollment;

    @Override
    public void init() throws ServletException {
        people = Services.people(getServletContext());
        enrollment = Services.enrollment(getServletContext());
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
        if (String.valueOf(req.getContentType()).startsWith("multipart/")) {
            // Parsed here, so a malformed or oversized upload is a 400 or 413 page, not an exception from
            // getParameter below.
            Uploads.parts(req);
        }
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
                    redirect(req, resp, "/people/" + person.id() + "?done=saved");
                }
                case "upload" -> {
                    enrollment.addFace(person.id(), Uploads.image(req), FaceSource.UPLOAD,
                            Uploads.uploader(req));
                    redirect(req, resp, "/people/" + person.id() + "?done=face-added");
                }
                case "capture" -> {
                    // The first pass starts the wait and returns; the container calls again with the frame.
                    Optional<byte[]> jpeg = TakeFromCamera.jpeg(req, String.valueOf(req.getParameter("camera")));
                    if (jpeg.isPresent()) {
                        enrollment.addFace(person.id(), jpeg.get(), FaceSource.CAMERA, Uploads.uploader(req));
                        redirect(req, resp, "/people/" + person.id() + "?done=face-added");
                    }
                }
                case "deleteFace" -> {
                    people.faces().delete(person.id(), faceId(req));
                    redirect(req, resp, "/people/" + person.id() + "?done=face-deleted");
                }
                case "delete" -> {
                    if (!"yes".equals(req.getParameter("confirm"))) {
                        throw new HttpError(422, "tick 'I mean it' to delete " + person.name(), "confirm");
                    }
                    people.delete(person.id());
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
            String field = e.field() != null ? e.field() : action.equals("capture") ? "camera" : "form";
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
        PageChrome.expose(req, true);
        req.getRequestDispatcher("/WEB-INF/jsp/people.jsp").forward(req, resp);
    }

    private void showPerson(HttpServletRequest req, HttpServletResponse resp, Person person, PersonForm form,
                            Map<String, String> errors) throws ServletException, IOException {
        req.setAttribute("person", person);
        req.setAttribute("form", form == null ? PersonForm.of(person) : form);
        req.setAttribute("faces", people.faces().of(person.id()));
        req.setAttribute("cameras", Services.cameras(getServletContext()).statuses());
        req.setAttribute("errors", errors);
        req.setAttribute("notice", NOTICES.get(String.valueOf(req.getParameter("done"))));
        PageChrome.expose(req, true);
        if (Boolean.TRUE.equals(req.getAttribute("mayEdit"))) {
            // For the admin who fixes enrollment: which photo disagrees with the person's others.
            req.setAttribute("agreement", enrollment.agreement(person.id()));
        }
        req.getRequestDispatcher("/WEB-INF/jsp/person.jsp").forward(req, resp);
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
