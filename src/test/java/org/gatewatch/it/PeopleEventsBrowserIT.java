package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The people and events pages in a real browser (Debian's Chromium, headless) on the deployed WAR, with the
 * forms submitted as a user submits them: create a person, see a refused form, upload a face, filter the event
 * list, and watch the live page's panel receive an event by Server-Sent Events. Screenshots go to
 * target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PeopleEventsBrowserIT {

    private static ChromeDriver driver;

    @ArquillianResource
    private URL base;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return EventsDeployment.war();
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(HeadlessChromium.installed(),
                "needs chromium and chromium-driver (.ci/test-deps installs them)");
        Path work = Files.createDirectories(Path.of(System.getProperty("gatewatch.test.work", "target/it-work")));
        Path profile = Files.createTempDirectory(work, "people-browser-profile");
        ChromeOptions options = HeadlessChromium.options(profile, 1280, 900, "--hide-scrollbars");
        // The live page's stream never finishes loading: wait for DOMContentLoaded, then for what each step needs.
        options.setPageLoadStrategy(PageLoadStrategy.EAGER);
        // The console, where Chromium reports what the Content-Security-Policy refused.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        driver = HeadlessChromium.start(options, work.resolve("people-browser-chromedriver.log"));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void createAPersonUploadAFaceAndFilterTheirEvents() throws IOException {
        FormLogin.open(driver, base + "people", ItUsers.ADMIN);
        WebElement create = driver.findElement(By.id("create-person"));
        // A refused form comes back with the user's values and the message by the field.
        create.findElement(By.id("name")).sendKeys("Grace " + run);
        create.findElement(By.id("accessWindows")).sendKeys("Someday 9:00-10:00");
        create.submit();
        WebElement error = wait(d -> d.findElement(By.id("accessWindows-error")));
        assertTrue(error.getText().contains("Someday"), error.getText());
        assertEquals("Grace " + run, driver.findElement(By.id("name")).getAttribute("value"));

        WebElement field = driver.findElement(By.id("accessWindows"));
        field.clear();
        field.sendKeys("Mon-Fri 07:00-19:00");
        driver.findElement(By.id("create-person")).submit();
        wait(d -> d.getCurrentUrl().matches(".*/people/\\d+\\?done=created"));
        long id = Long.parseLong(driver.getCurrentUrl().replaceAll(".*/people/(\\d+)\\?.*", "$1"));
        assertEquals("Grace " + run, driver.findElement(By.id("person-name")).getText());
        assertTrue(driver.findElement(By.id("no-faces")).isDisplayed());

        Path face = Files.write(Files.createTempFile("face-", ".png"), PeopleApiIT.image("png"));
        driver.findElement(By.id("image")).sendKeys(face.toAbsolutePath().toString());
        driver.findElement(By.id("upload-face")).submit();
        wait(d -> d.getCurrentUrl().endsWith("?done=face-added"));
        WebElement thumb = driver.findElement(By.cssSelector("#faces img.thumb"));
        wait(d -> num(js("return arguments[0].complete && arguments[0].naturalWidth;", thumb)) > 0);
        assertEquals(360, num(js("return arguments[0].naturalWidth;", thumb)), 0.1, "the uploaded image is shown");
        screenshot("person.png");

        // Events of this person, made by the app's recorder; the page's filter form narrows them.
        long granted = EventsDeployment.record(new ApiClient(base.toString()), Map.of("camera", "demo",
                "decision", "GRANTED", "person", Long.toString(id), "name", "Grace " + run, "score", "0.91"));
        EventsDeployment.record(new ApiClient(base.toString()), Map.of("camera", "demo", "decision", "DENIED",
                "person", Long.toString(id), "name", "Grace " + run));
        driver.findElement(By.linkText("this person's events")).click();
        wait(d -> d.findElements(By.cssSelector("#events tbody tr")).size() == 2);
        new Select(driver.findElement(By.id("decision"))).selectByValue("GRANTED");
        driver.findElement(By.id("event-filters")).submit();
        wait(d -> d.getCurrentUrl().contains("decision=GRANTED"));
        List<WebElement> rows = driver.findElements(By.cssSelector("#events tbody tr"));
        assertEquals(1, rows.size(), "the filter keeps the granted event only");
        assertEquals(Long.toString(granted), rows.get(0).getAttribute("data-event"));
        assertTrue(driver.getCurrentUrl().contains("person=" + id), "the filter keeps the person: " + driver.getCurrentUrl());
        WebElement frame = rows.get(0).findElement(By.cssSelector("img[alt^='Frame']"));
        wait(d -> num(js("return arguments[0].complete && arguments[0].naturalWidth;", frame)) > 0);
        assertEquals("1", driver.findElement(By.id("event-count")).getText());
        screenshot("events.png");
        assertNothingRefusedByThePolicy();
    }

    /**
     * Roles as a person meets them: a guard sees the live page, the events and a person, with no control that would
     * change anything; logging out ends the session; the admin sees the controls the guard did not.
     */
    @Test
    void aGuardSeesButCannotChangeAndLogoutEndsTheSession() throws IOException {
        long id = new ApiClient(base.toString()).createPerson("Watched " + run, null).get("id").asLong();
        driver.manage().deleteAllCookies();
        FormLogin.open(driver, base + "people/" + id, ItUsers.GUARD);
        assertEquals(ItUsers.GUARD.userName(), driver.findElement(By.id("current-user")).getText().trim());
        assertEquals("Watched " + run, wait(d -> d.findElement(By.id("person-name"))).getText());
        for (String control : List.of("delete-person", "edit-person", "upload-face", "capture-face")) {
            assertTrue(driver.findElements(By.id(control)).isEmpty(), "a guard is not shown #" + control);
        }
        screenshot("person-as-guard.png");
        driver.get(base + "events");
        wait(d -> d.findElement(By.id("events")));
        driver.get(base + "people/" + id);
        wait(d -> d.findElement(By.id("person-name")));

        driver.findElement(By.cssSelector("#logout button")).click();
        driver.get(base + "people/" + id);
        wait(d -> d.findElement(By.name("j_username")));

        FormLogin.open(driver, base + "people/" + id, ItUsers.ADMIN);
        assertEquals(ItUsers.ADMIN.userName(), driver.findElement(By.id("current-user")).getText().trim());
        for (String control : List.of("delete-person", "edit-person", "upload-face")) {
            assertFalse(driver.findElements(By.id(control)).isEmpty(), "the admin is shown #" + control);
        }
        driver.findElement(By.cssSelector("#logout button")).click();
        driver.get(base + "people/" + id);
        wait(d -> d.findElement(By.name("j_username")));
        assertNothingRefusedByThePolicy();
    }

    @Test
    void livePagePanelShowsANewEventAsItHappens() throws IOException, InterruptedException {
        // The test deployment has six cameras: their six MJPEG streams would take all six HTTP/1.1 connections
        // Chromium opens to one host, and the panel's script and event stream would wait behind them. This test is
        // about the panel, so the video requests are refused.
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/video_feed*")));
        try {
            watchPanel();
        } finally {
            driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
    }

    private void watchPanel() throws IOException, InterruptedException {
        FormLogin.open(driver, base.toString(), ItUsers.ADMIN);
        WebElement total = driver.findElement(By.cssSelector("#events-panel [data-count='total']"));
        wait(d -> total.getText().matches("\\d+"));
        long before = Long.parseLong(total.getText());
        // The EventSource connects after the counts loaded; its onopen writes "live" (the server registers the
        // client before it answers). A fixed pause lost the event on a loaded machine.
        wait(d -> d.findElement(By.cssSelector("#events-panel [data-field='sse-state']")).getText().contains("live"));
        long id = EventsDeployment.record(new ApiClient(base.toString()), Map.of("camera", "demo",
                "decision", "DENIED", "name", "Stranger " + run));
        WebElement item = wait(d -> d.findElement(By.cssSelector("#live-events li[data-event='" + id + "']")));
        assertTrue(item.getText().contains("Stranger " + run), item.getText());
        wait(d -> Long.parseLong(total.getText()) >= before + 1);
        screenshot("live-events.png");
        assertNothingRefusedByThePolicy();
    }

    /** The pages have no inline script or style: Chromium's console shows no Content-Security-Policy refusal. */
    private static void assertNothingRefusedByThePolicy() {
        List<String> refused = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(m -> m.contains("Content Security Policy")).toList();
        assertTrue(refused.isEmpty(), "refused by the Content-Security-Policy: " + refused);
    }

    /** Up to 30 s: CI shares two cores between Tomcat, Chromium and the build. Fails with what the page shows. */
    private static <T> T wait(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30))
                    .ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            String text = driver.findElement(By.tagName("body")).getText();
            throw new AssertionError("waited 30 s at " + driver.getCurrentUrl() + "; the page reads:\n"
                    + text.substring(0, Math.min(1500, text.length())), e);
        }
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    private static void screenshot(String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target/screenshots"));
        Files.write(dir.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }
}
