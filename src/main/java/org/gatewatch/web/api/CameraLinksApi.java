package org.gatewatch.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.camera.CameraRegistry;
import org.gatewatch.config.LogText;
import org.gatewatch.http.HttpError;
import org.gatewatch.stream.links.StreamLinks;
import org.gatewatch.web.Services;
import org.gatewatch.web.api.dto.LinkInput;
import org.gatewatch.web.api.dto.LinkJson;

/**
 * {@code POST /api/cameras/{id}/links} with {@code {"seconds": N}} (and {@code "kind": "snapshot"} for the snapshot):
 * 201 with a link to the camera's stream that opens without a login for N seconds (at most
 * {@link StreamLinks#MAX_LIFETIME}). Admins only; who minted which camera's link until when is logged, the token never.
 */
public final class CameraLinksApi extends ApiServlet {

    private static final Logger LOG = LogManager.getLogger(CameraLinksApi.class);

    private transient CameraRegistry cameras;
    private transient StreamLinks links;

    @Override
    public void init() throws ServletException {
        cameras = Services.cameras(getServletContext());
        links = Services.streamLinks(getServletContext());
    }

    @Override
    protected void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] parts = String.valueOf(req.getPathInfo()).split("/", -1);
        if (parts.length != 3 || !parts[0].isEmpty() || !parts[2].equals("links")) {
            throw new HttpError(404, "no such resource; links are made at /api/cameras/{id}/links");
        }
        String cameraId = parts[1];
        if (cameras.camera(cameraId).isEmpty()) {
            throw new HttpError(404, "no camera '" + cameraId + "'");
        }
        if (!req.getMethod().equals("POST")) {
            throw methodNotAllowed(req, resp, "POST");
        }
        LinkInput input = readBody(req, LinkInput.class);
        Duration lifetime = Duration.ofSeconds(seconds(input.seconds()));
        String resource = resource(input.kind());
        StreamLinks.Link link = links.mint(cameraId, lifetime);
        LOG.info("Stream link to camera {} ({}) made by {}, expires {}", cameraId, resource,
                LogText.encode(req.getRemoteUser()), link.expires());
        String url = req.getContextPath() + "/cameras/" + cameraId + "/" + resource + "?token=" + link.token();
        writeJson(resp, 201, new LinkJson(url, link.expires().toString()));
    }

    private static long seconds(JsonNode seconds) {
        long max = StreamLinks.MAX_LIFETIME.toSeconds();
        if (seconds == null || !seconds.isIntegralNumber() || !seconds.canConvertToLong() || seconds.asLong() < 1
                || seconds.asLong() > max) {
            throw new HttpError(400, "seconds must be a whole number from 1 to " + max, "seconds");
        }
        return seconds.asLong();
    }

    private static String resource(String kind) {
        if (kind == null || kind.equals("stream")) {
            return "video_feed";
        }
        if (kind.equals("snapshot")) {
            return "snapshot.jpg";
        }
        throw new HttpError(400, "kind must be stream or snapshot", "kind");
    }
}
