package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gatewatch.people.enrollment.FaceBench;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Enrollment through the deployed WAR (real face models, real photos): faces are stored only when they show one
 * face, from an upload or a live camera, and the live gallery follows every change.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EnrollmentApiIT {

    private static final String NO_FACE = "no face found in the image: send a photo of one person, face to the camera";

    @ArquillianResource
    private URL base;
    private ApiClient api;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return EnrollmentDeployment.war();
    }

    @BeforeEach
    void client() {
        api = new ApiClient(base.toString());
    }

    /** The ids in the live gallery once every change so far is in it. */
    private List<String> galleryIds() {
        HttpResponse<String> r = api.get("api/enrollment?wait=20");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode status = ApiClient.json(r);
        assertTrue(status.get("current").asBoolean(), "gallery still rebuilding after 20 s: " + r.body());
        List<String> ids = new ArrayList<>();
        status.get("personIds").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    private HttpResponse<String> uploadFace(long person, String name, byte[] jpeg) {
        return api.upload("api/people/" + person + "/faces", "image", name, "image/jpeg", jpeg);
    }

    private static void assertRefused(HttpResponse<String> r, String messageStart) {
        assertEquals(422, r.statusCode(), r.body());
        JsonNode body = ApiClient.json(r);
        assertEquals("image", body.path("field").asText(null), r.body());
        assertTrue(body.get("error").asText().startsWith(messageStart), r.body());
    }

    @Test
    void anUploadedFaceJoinsTheGalleryAndLeavesItWhenThePersonIsDeactivated() {
        long id = api.createPerson("Franck " + run, null).get("id").asLong();
        HttpResponse<String> up = uploadFace(id, "franck.jpg", FaceBench.bytes("gallery/franck/franck_002.jpg"));
        assertEquals(201, up.statusCode(), up.body());
        assertEquals("UPLOAD", ApiClient.json(up).get("source").asText());
        assertTrue(galleryIds().contains(Long.toString(id)), "enrolled: in the gallery");

        HttpResponse<String> off = api.putJson("api/people/" + id, "{\"name\":\"Franck " + run + "\",\"active\":false}");
        assertEquals(200, off.statusCode(), off.body());
        assertFalse(galleryIds().contains(Long.toString(id)), "inactive: out of the gallery");

        assertEquals(204, api.delete("api/people/" + id).statusCode());
        assertFalse(galleryIds().contains(Long.toString(id)));
    }

    @Test
    void deletingTheOnlyFaceTakesThePersonOutOfTheGallery() {
        long id = api.createPerson("Cage " + run, null).get("id").asLong();
        HttpResponse<String> up = uploadFace(id, "cage.jpg", FaceBench.bytes("gallery/cage/cage.jpg"));
        assertEquals(201, up.statusCode(), up.body());
        assertTrue(galleryIds().contains(Long.toString(id)));
        assertEquals(204, api.delete("api/people/" + id + "/faces/" + ApiClient.json(up).get("id").asLong())
                .statusCode());
        assertFalse(galleryIds().contains(Long.toString(id)));
    }

    @Test
    void aWrongPhotoAmongAPersonsFacesIsShownToTheAdminAsDisagreeing() {
        long id = api.createPerson("Agree " + run, null).get("id").asLong();
        for (String frame : List.of("franck_002", "franck_010", "franck_018")) {
            assertEquals(201, uploadFace(id, frame + ".jpg", FaceBench.bytes("gallery/franck/" + frame + ".jpg"))
                    .statusCode());
        }
        HttpResponse<String> wrong = uploadFace(id, "cage.jpg", FaceBench.bytes("gallery/cage/cage.jpg"));
        long wrongId = ApiClient.json(wrong).get("id").asLong();
        JsonNode faces = ApiClient.json(api.get("api/people/" + id + "/faces"));
        for (JsonNode f : faces) {
            boolean isWrong = f.get("id").asLong() == wrongId;
            assertEquals(!isWrong, f.get("inTemplate").asBoolean(), faces.toString());
            assertTrue(isWrong ? f.get("agreement").asDouble() < 0.45 : f.get("agreement").asDouble() > 0.6,
                    faces.toString());
        }
        String page = api.get("people/" + id).body();
        assertTrue(page.contains("id=\"agreement-" + wrongId + "\"") && page.contains("(disagrees, left out)"), page);
        assertEquals(204, api.delete("api/people/" + id).statusCode());
    }

    @Test
    void aPictureWithNoFaceIsRefusedWith422AndNothingIsStored() {
        long id = api.createPerson("Nobody " + run, null).get("id").asLong();
        assertRefused(uploadFace(id, "wall.jpg", FaceBench.noFace()), NO_FACE);
        assertEquals(0, ApiClient.json(api.get("api/people/" + id + "/faces")).size());
        assertFalse(galleryIds().contains(Long.toString(id)));
        assertRefused(uploadFace(id, "x.jpg", "not an image".getBytes(StandardCharsets.UTF_8)), "");
    }

    @Test
    void aGroupPhotoIsRefusedAsSeveralFaces() {
        long id = api.createPerson("Group " + run, null).get("id").asLong();
        assertRefused(uploadFace(id, "group.jpg", FaceBench.bytes("probes/_unknown/sample4.jpg")),
                "several faces found");
        assertEquals(0, ApiClient.json(api.get("api/people/" + id + "/faces")).size());
    }

    @Test
    void theFaceInFrontOfACameraIsTakenAndEnrolled() {
        long id = api.createPerson("Cap " + run, null).get("id").asLong();
        HttpResponse<String> r = api.send(HttpRequest.newBuilder(
                api.uri("api/people/" + id + "/faces/from-camera/" + EnrollmentDeployment.FACE_CAMERA))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, r.statusCode(), r.body());
        JsonNode face = ApiClient.json(r);
        assertEquals("CAMERA", face.get("source").asText());
        assertEquals(face.get("url").asText(), r.headers().firstValue("Location").orElse(""));
        HttpResponse<byte[]> image = api.getBytes(face.get("url").asText().substring("/gatewatch/".length()));
        assertEquals(200, image.statusCode());
        assertEquals("image/jpeg", image.headers().firstValue("Content-Type").orElse(""));
        assertTrue(galleryIds().contains(Long.toString(id)));
    }

    @Test
    void fromCameraSaysWhichPartIsWrong() {
        long id = api.createPerson("Camera " + run, null).get("id").asLong();
        HttpResponse<String> noCamera = fromCamera(id, "nosuch");
        assertEquals(404, noCamera.statusCode(), noCamera.body());
        assertEquals("no camera 'nosuch'", ApiClient.json(noCamera).get("error").asText());
        assertEquals(404, fromCamera(999_999_999, EnrollmentDeployment.FACE_CAMERA).statusCode());
        assertRefused(fromCamera(id, EnrollmentDeployment.EMPTY_CAMERA), NO_FACE);
        assertEquals(405, api.get("api/people/" + id + "/faces/from-camera/" + EnrollmentDeployment.FACE_CAMERA)
                .statusCode());

        long t0 = System.nanoTime();
        HttpResponse<String> dead = fromCamera(id, EnrollmentDeployment.DEAD_CAMERA);
        assertEquals(503, dead.statusCode(), dead.body());
        assertTrue(ApiClient.json(dead).get("error").asText().contains("gave no frame within 10 s"), dead.body());
        assertTrue(System.nanoTime() - t0 >= 9_000_000_000L, "waited for the camera first");
        assertEquals(0, ApiClient.json(api.get("api/people/" + id + "/faces")).size(), "nothing stored");
    }

    @Test
    void thePersonPageShowsWhyAFaceWasRefused() {
        long id = api.createPerson("Page " + run, null).get("id").asLong();
        String boundary = "gw" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nupload\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"wall.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(FaceBench.noFace());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> page = api.send(HttpRequest.newBuilder(api.uri("people/" + id))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        assertEquals(422, page.statusCode());
        assertTrue(page.body().contains("id=\"image-error\">" + NO_FACE + "</p>"), page.body());
    }

    @Test
    void thePersonPageTakesTheFaceInFrontOfACamera() {
        long id = api.createPerson("PageCap " + run, null).get("id").asLong();
        HttpResponse<String> page = api.send(HttpRequest.newBuilder(api.uri("people/" + id))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "action=capture&camera=" + EnrollmentDeployment.FACE_CAMERA)));
        assertEquals(303, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/people/" + id + "?done=face-added"));
        JsonNode faces = ApiClient.json(api.get("api/people/" + id + "/faces"));
        assertEquals(1, faces.size());
        assertEquals("CAMERA", faces.get(0).get("source").asText());
    }

    private HttpResponse<String> fromCamera(long person, String camera) {
        return api.send(HttpRequest.newBuilder(api.uri("api/people/" + person + "/faces/from-camera/" + camera))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }
}
