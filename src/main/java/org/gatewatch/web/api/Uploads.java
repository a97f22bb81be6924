package org.gatewatch.web.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import org.gatewatch.http.HttpError;

/** Reading an uploaded image and naming its uploader, for the API and the person page alike. */
public final class Uploads {

    private Uploads() {
    }

    /**
     * The bytes of the "image" part (or the one file part sent). Not multipart is 415, malformed multipart or no
     * file 400, above the web.xml {@code <multipart-config>} limits 413.
     */
    public static byte[] image(HttpServletRequest req) throws IOException {
        String type = String.valueOf(req.getContentType());
        if (!type.startsWith("multipart/form-data")) {
            throw new HttpError(415, "send the image as multipart/form-data with a part named 'image'", "image");
        }
        Collection<Part> parts = parts(req);
        Part part = parts.stream().filter(p -> p.getName().equals("image") && p.getSubmittedFileName() != null)
                .findFirst()
                .or(() -> parts.stream().filter(p -> p.getSubmittedFileName() != null).findFirst())
                .orElseThrow(() -> new HttpError(400, "no image file in the upload", "image"));
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } finally {
            part.delete();
        }
    }

    /**
     * Parses a multipart body before a filter reads one of its fields, so a body Tomcat cannot read gets the same 413
     * or 400 as {@link #image} (getParameter would throw, or quietly say the field is missing).
     */
    public static void checkReadable(HttpServletRequest req) {
        try {
            parts(req);
        } catch (IOException e) {
            throw new HttpError(400, "the multipart body cannot be read: send one part named 'image'", "image");
        }
    }

    /**
     * Every part of a multipart body, parsed once, with the container's failures turned into answers: above the
     * limits 413, not well-formed 400. The person page calls it before its first getParameter, which parses the
     * parts too and would otherwise throw the same failures past the page's error handling.
     */
    public static Collection<Part> parts(HttpServletRequest req) throws IOException {
        try {
            return req.getParts();
        } catch (IllegalStateException e) {
            // Tomcat's answer to a part above the limits.
            throw new HttpError(413, "the upload is too large (10 MiB at most)", "image");
        } catch (ServletException | IOException | RuntimeException e) {
            // Not well-formed multipart (no boundary, cut short, bad headers); Tomcat's parser also throws unchecked
            // exceptions of its own, such as InvalidFileNameException for a NUL in a file name.
            throw new HttpError(400, "the multipart body cannot be read: send one part named 'image'", "image");
        }
    }

    /** Who added a face image, as stored with it: the authenticated user, else the client's address. */
    public static String uploader(HttpServletRequest req) {
        String user = req.getRemoteUser();
        String who = user != null ? user : "anonymous@" + req.getRemoteAddr();
        return who.length() > 100 ? who.substring(0, 100) : who;
    }
}
