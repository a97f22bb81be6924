package org.gatewatch.web.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import org.gatewatch.http.HttpError;

/** Reading an uploaded image and naming its uploader, for the API and the person page alike. */
public final class Uploads {

    private Uploads() {
    }

    /**
     * The bytes of the "image" part (or the one file part sent). Not multipart is 415, malformed multipart or no
     * file 400, above the web.xml {@code <multipart-config>} limits 413.
     */
    public static byte[] image(HttpServletRequest req) throws IOException, ServletException {
        String type = String.valueOf(req.getContentType());
        if (!type.startsWith("multipart/form-data")) {
            throw new HttpError(415, "send the image as multipart/form-data with a part named 'image'", "image");
        }
        Part part;
        try {
            part = req.getPart("image");
            if (part == null || part.getSubmittedFileName() == null) {
                part = req.getParts().stream().filter(p -> p.getSubmittedFileName() != null).findFirst()
                        .orElseThrow(() -> new HttpError(400, "no image file in the upload", "image"));
            }
        } catch (IllegalStateException e) {
            throw tooLarge();
        } catch (IOException | ServletException e) {
            throw unreadable();
        }
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } finally {
            part.delete();
        }
    }

    /**
     * Parses a multipart body, for a filter that found no field in it and must tell a form without the field from a
     * body Tomcat could not read (getParameter says neither): the same 413 and 400 as {@link #image}.
     */
    public static void checkReadable(HttpServletRequest req) {
        try {
            req.getParts();
        } catch (IllegalStateException e) {
            throw tooLarge();
        } catch (IOException | ServletException e) {
            throw unreadable();
        }
    }

    /** Tomcat's answer to a part above the limits is an IllegalStateException. */
    private static HttpError tooLarge() {
        return new HttpError(413, "the upload is too large (10 MiB at most)", "image");
    }

    /** Tomcat's answer to a body that is not well-formed multipart (no boundary, cut short, bad headers). */
    private static HttpError unreadable() {
        return new HttpError(400, "the multipart body cannot be read: send one part named 'image'", "image");
    }

    /** Who added a face image, as stored with it: the authenticated user, else the client's address. */
    public static String uploader(HttpServletRequest req) {
        String user = req.getRemoteUser();
        String who = user != null ? user : "anonymous@" + req.getRemoteAddr();
        return who.length() > 100 ? who.substring(0, 100) : who;
    }
}
