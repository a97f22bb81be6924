package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** People and faces through the JSON API of the deployed WAR (embedded H2 in the test data directory). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PeopleApiIT {

    @ArquillianResource
    private URL base;
    private ApiClient api;
    /** Names and external ids are unique per run: the test data directory outlives one run. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GateWatchDeployment.war();
    }

    @BeforeEach
    void client() {
        api = new ApiClient(base.toString());
    }

    @Test
    void personIsCreatedReadUpdatedListedAndDeleted() {
        String body = "{\"name\":\"Ada " + run + "\",\"externalId\":\"A-" + run + "\",\"accessWindows\":"
                + "\"mon-fri 7:00-19:00\",\"notes\":\"night shift\"}";
        HttpResponse<String> created = api.postJson("api/people", body);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode ada = ApiClient.json(created);
        long id = ada.get("id").asLong();
        assertEquals("/gatewatch/api/people/" + id, created.headers().firstValue("Location").orElse(""));
        assertTrue(ada.get("active").asBoolean(), "active by default");
        assertEquals("Mon-Fri 07:00-19:00", ada.get("accessWindows").asText(), "windows in canonical form");

        JsonNode read = ApiClient.json(api.get("api/people/" + id));
        assertEquals("Ada " + run, read.get("name").asText());
        assertEquals(0, read.get("faces").size());

        HttpResponse<String> updated = api.putJson("api/people/" + id, "{\"name\":\"Ada King " + run
                + "\",\"externalId\":\"A-" + run + "\",\"active\":false}");
        assertEquals(200, updated.statusCode(), updated.body());
        assertFalse(ApiClient.json(updated).get("active").asBoolean());
        assertEquals("", ApiClient.json(updated).get("accessWindows").asText(), "PUT replaces every field");

        JsonNode found = ApiClient.json(api.get("api/people?q=ada%20KING%20" + run));
        assertEquals(1, found.get("total").asInt());
        assertEquals(id, found.get("items").get(0).get("id").asLong());

        assertEquals(204, api.delete("api/people/" + id).statusCode());
        HttpResponse<String> gone = api.get("api/people/" + id);
        assertEquals(404, gone.statusCode());
        assertEquals("no person " + id, ApiClient.json(gone).get("error").asText());
        assertEquals(404, api.delete("api/people/" + id).statusCode());
    }

    @Test
    void listIsPagedAndSearchesByName() {
        for (String n : new String[] {"Carol", "alice", "Bob"}) {
            api.createPerson("Pager " + run + " " + n, null);
        }
        JsonNode first = ApiClient.json(api.get("api/people?q=pager%20" + run + "&size=2"));
        assertEquals(3, first.get("total").asInt());
        assertEquals(2, first.get("pages").asInt());
        assertEquals("Pager " + run + " alice", first.get("items").get(0).get("name").asText(), "by name, any case");
        JsonNode second = ApiClient.json(api.get("api/people?q=pager%20" + run + "&size=2&page=2"));
        assertEquals(1, second.get("items").size());
        assertEquals("Pager " + run + " Carol", second.get("items").get(0).get("name").asText());
    }

    @Test
    void badInputGetsTheRightStatusAndNamesTheField() {
        assertError(api.postJson("api/people", "{\"name\":\"  \"}"), 422, "name");
        assertError(api.postJson("api/people", "{\"name\":\"X\",\"accessWindows\":\"Funday 9:00-10:00\"}"), 422,
                "accessWindows");
        assertError(api.postJson("api/people", "{\"name\":\"X\",\"badge\":\"1\"}"), 400, "badge");
        assertError(api.postJson("api/people", "{\"name\":\"X\",\"active\":\"maybe\"}"), 400, "active");
        assertError(api.postJson("api/people", "{\"name\":"), 400, null);
        assertError(api.get("api/people?size=0"), 400, "size");
        api.createPerson("Dup " + run, "D-" + run);
        assertError(api.postJson("api/people", "{\"name\":\"Other\",\"externalId\":\"D-" + run + "\"}"), 409,
                "externalId");
        HttpResponse<String> form = api.send(java.net.http.HttpRequest.newBuilder(api.uri("api/people"))
                .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(415, form.statusCode());
        assertEquals(404, api.get("api/people/abc").statusCode());
        assertEquals(405, api.send(java.net.http.HttpRequest.newBuilder(api.uri("api/people"))
                .DELETE()).statusCode());
    }

    @Test
    void facesAreUploadedServedAsStoredAndDeleted() throws IOException {
        long id = api.createPerson("Faces " + run, null).get("id").asLong();
        byte[] png = image("png");
        HttpResponse<String> up = api.upload("api/people/" + id + "/faces", "image", "me.png", "image/png", png);
        assertEquals(201, up.statusCode(), up.body());
        JsonNode face = ApiClient.json(up);
        assertEquals("UPLOAD", face.get("source").asText());
        assertEquals(360, face.get("width").asInt());
        assertEquals(ItUsers.ADMIN.userName(), face.get("addedBy").asText(), "the face is traced to the user who added it");
        String url = face.get("url").asText();
        assertEquals("/gatewatch/api/people/" + id + "/faces/" + face.get("id").asLong() + ".jpg", url);

        HttpResponse<byte[]> bytes = api.getBytes(url.substring("/gatewatch/".length()));
        assertEquals(200, bytes.statusCode());
        assertEquals("image/png", bytes.headers().firstValue("Content-Type").orElse(""), "stored as is");
        assertArrayEquals(png, bytes.body());

        byte[] jpeg = image("jpg");
        HttpResponse<String> second = api.upload("api/people/" + id + "/faces", "photo", "me.jpg", "image/jpeg", jpeg);
        assertEquals(201, second.statusCode(), "any single file part is taken: " + second.body());
        assertEquals(2, ApiClient.json(api.get("api/people/" + id)).get("faces").size());
        assertEquals(2, ApiClient.json(api.get("api/people/" + id + "/faces")).size());

        assertError(api.upload("api/people/" + id + "/faces", "image", "x.jpg", "image/jpeg",
                "not an image at all".getBytes()), 422, "image");
        assertError(api.upload("api/people/" + id + "/faces", "image", "x.jpg", "image/jpeg",
                Arrays.copyOf(jpeg, jpeg.length / 2)), 422, "image");
        assertError(api.postJson("api/people/" + id + "/faces", "{}"), 415, "image");
        assertEquals(404, api.upload("api/people/999999999/faces", "image", "me.png", "image/png", png).statusCode());

        String faceId = face.get("id").asText();
        assertEquals(204, api.delete("api/people/" + id + "/faces/" + faceId).statusCode());
        assertEquals(404, api.getBytes(url.substring("/gatewatch/".length())).statusCode());
        assertEquals(404, api.delete("api/people/" + id + "/faces/" + faceId).statusCode());

        String other = ApiClient.json(second).get("url").asText().substring("/gatewatch/".length());
        assertEquals(204, api.delete("api/people/" + id).statusCode());
        assertEquals(404, api.getBytes(other).statusCode(), "a deleted person's faces are gone");
    }

    private static void assertError(HttpResponse<String> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = ApiClient.json(r);
        assertFalse(body.get("error").asText().isBlank(), r.body());
        if (field != null) {
            assertEquals(field, body.path("field").asText(null), r.body());
        }
    }

    /** A real face photo (360×288, one face: enrollment refuses images without one), in {@code format}. */
    static byte[] image(String format) throws IOException {
        BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(
                org.gatewatch.people.enrollment.FaceBench.bytes("gallery/franck/franck_002.jpg")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }
}
