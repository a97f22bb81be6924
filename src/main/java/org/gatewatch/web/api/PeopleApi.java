package org.gatewatch.web.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatewatch.db.Page;
import org.gatewatch.http.HttpError;
import org.gatewatch.people.Face;
import org.gatewatch.people.FaceSource;
import org.gatewatch.people.People;
import org.gatewatch.people.Person;
import org.gatewatch.people.enrollment.Enrollment;
import org.gatewatch.people.enrollment.FaceAgreement;
import org.gatewatch.web.Services;
import org.gatewatch.web.TakeFromCamera;
import org.gatewatch.web.api.dto.FaceJson;
import org.gatewatch.web.api.dto.PageJson;
import org.gatewatch.web.api.dto.PersonInput;
import org.gatewatch.web.api.dto.PersonJson;

/**
 * {@code /api/people}: GET (paged, {@code ?q=} searches names), POST; {@code /api/people/{id}}: GET, PUT, DELETE;
 * {@code /api/people/{id}/faces}: GET, POST (multipart, part "image", JPEG or PNG);
 * {@code /api/people/{id}/faces/{faceId}.jpg}: GET the image; {@code /api/people/{id}/faces/{faceId}}: DELETE;
 * {@code /api/people/{id}/faces/from-camera/{camera}}: POST takes the face in front of that camera now.
 * A face is stored only when its image shows exactly one face (422 otherwise); the people stores tell
 * {@link Enrollment} of every change, and it rebuilds the live gallery.
 */
public final class PeopleApi extends ApiServlet {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;

    private transient People people;
    private transient Enrollment enrollment;

    @Override
    public void init() throws ServletException {
        people = Services.people(getServletContext());
        enrollment = Services.enrollment(getServletContext());
    }

    @Override
    protected void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String[] parts = path.substring(1).split("/", -1);
        String method = req.getMethod();
        if (path.equals("/")) {
            switch (method) {
                case "GET" -> list(req, resp);
                case "POST" -> create(req, resp);
                default -> throw methodNotAllowed(req, resp, "GET, POST");
            }
        } else if (parts.length == 1) {
            long id = id(parts[0], "person");
            switch (method) {
                case "GET" -> writeJson(resp, 200, json(req, person(id), true));
                case "PUT" -> update(id, req, resp);
                case "DELETE" -> delete(id, resp);
                default -> throw methodNotAllowed(req, resp, "GET, PUT, DELETE");
            }
        } else if (parts.length == 2 && parts[1].equals("faces")) {
            long id = id(parts[0], "person");
            switch (method) {
                case "GET" -> listFaces(id, req, resp);
                case "POST" -> addFace(id, req, resp);
                default -> throw methodNotAllowed(req, resp, "GET, POST");
            }
        } else if (parts.length == 4 && parts[1].equals("faces") && parts[2].equals("from-camera")) {
            long id = id(parts[0], "person");
            if (!method.equals("POST")) {
                throw methodNotAllowed(req, resp, "POST");
            }
            addFaceFromCamera(id, parts[3], req, resp);
        } else if (parts.length == 3 && parts[1].equals("faces")) {
            long id = id(parts[0], "person");
            String faceSegment = parts[2];
            switch (method) {
                case "GET" -> image(id, faceSegment, resp);
                case "DELETE" -> deleteFace(id, faceSegment, resp);
                default -> throw methodNotAllowed(req, resp, "GET, DELETE");
            }
        } else {
            throw new HttpError(404, "no such resource under /api/people");
        }
    }

    private void list(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int page = intParam(req, "page", 1, 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int size = intParam(req, "size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        Page<Person> result = people.list(req.getParameter("q"), page, size);
        List<PersonJson> items = result.items().stream().map(p -> json(req, p, false)).toList();
        writeJson(resp, 200, new PageJson<>(items, result.page(), result.size(), result.total(), result.pages()));
    }

    private void create(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Person created = people.create(readBody(req, PersonInput.class).toDraft());
        resp.setHeader("Location", apiBase(req) + "/people/" + created.id());
        writeJson(resp, 201, json(req, created, true));
    }

    private void update(long id, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PersonInput input = readBody(req, PersonInput.class);
        Person updated = people.update(id, input.toDraft()).orElseThrow(() -> notFound(id));
        writeJson(resp, 200, json(req, updated, true));
    }

    private void delete(long id, HttpServletResponse resp) {
        if (!people.delete(id)) {
            throw notFound(id);
        }
        resp.setStatus(204);
    }

    private void listFaces(long id, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        person(id);
        Map<Long, FaceAgreement> agreement = enrollment.agreement(id);
        writeJson(resp, 200, people.faces().of(id).stream()
                .map(f -> FaceJson.of(f, apiBase(req), agreement.get(f.id()))).toList());
    }

    private void addFace(long id, HttpServletRequest req, HttpServletResponse resp)
            throws IOException, ServletException {
        person(id);
        byte[] image = Uploads.image(req);
        Face face = enrollment.addFace(id, image, FaceSource.UPLOAD, Uploads.uploader(req))
                .orElseThrow(() -> notFound(id));
        FaceJson json = FaceJson.of(face, apiBase(req));
        resp.setHeader("Location", json.url());
        writeJson(resp, 201, json);
    }

    /**
     * Waits (at most {@link Enrollment#CAMERA_WAIT}) for a fresh clean frame, waking an idle camera, without a
     * thread: the first pass starts the wait and returns, the second (dispatched with the frame) stores the face.
     */
    private void addFaceFromCamera(long id, String cameraId, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        person(id);
        Optional<byte[]> frame = TakeFromCamera.jpeg(req, cameraId);
        if (frame.isEmpty()) {
            return;
        }
        byte[] jpeg = frame.get();
        Face face = enrollment.addFace(id, jpeg, FaceSource.CAMERA, Uploads.uploader(req))
                .orElseThrow(() -> notFound(id));
        FaceJson json = FaceJson.of(face, apiBase(req));
        resp.setHeader("Location", json.url());
        writeJson(resp, 201, json);
    }

    private void image(long id, String segment, HttpServletResponse resp) throws IOException {
        if (!segment.endsWith(".jpg")) {
            throw new HttpError(404, "face images are at /api/people/" + id + "/faces/{faceId}.jpg");
        }
        long faceId = id(segment.substring(0, segment.length() - 4), "face");
        Face face = people.faces().find(id, faceId)
                .orElseThrow(() -> new HttpError(404, "no face " + faceId + " of person " + id));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(people.faces().path(face));
        } catch (NoSuchFileException e) {
            throw new HttpError(404, "the image file of face " + faceId + " is missing");
        }
        // Stored in the uploaded format (encoded afresh): a PNG is served as image/png, whatever the URL's suffix.
        resp.setContentType(face.contentType());
        resp.setContentLength(bytes.length);
        // Biometric data: no shared cache may keep it, and no browser either after the session.
        resp.setHeader("Cache-Control", "private, no-store");
        resp.getOutputStream().write(bytes);
    }

    private void deleteFace(long id, String segment, HttpServletResponse resp) {
        String idText = segment.endsWith(".jpg") ? segment.substring(0, segment.length() - 4) : segment;
        long faceId = id(idText, "face");
        if (!people.faces().delete(id, faceId)) {
            throw new HttpError(404, "no face " + faceId + " of person " + id);
        }
        resp.setStatus(204);
    }

    private Person person(long id) {
        return people.find(id).orElseThrow(() -> notFound(id));
    }

    private PersonJson json(HttpServletRequest req, Person p, boolean withFaces) {
        return PersonJson.of(p, withFaces ? people.faces().of(p.id()) : null, apiBase(req));
    }

    static String apiBase(HttpServletRequest req) {
        return req.getContextPath() + "/api";
    }

    private static HttpError notFound(long id) {
        return new HttpError(404, "no person " + id);
    }
}
