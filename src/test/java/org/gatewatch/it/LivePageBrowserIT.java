package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.gatewatch.it.tomcat.RealTomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page in a real browser (Debian's Chromium, headless) against a real Tomcat: the MJPEG image must paint and
 * move, the status script must show the camera streaming, and the layout must fit a phone. It also writes the
 * screenshots the README shows (target/screenshots/).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LivePageBrowserIT {

    private static final String STREAM_IMG = "img.stream#stream-demo";
    private static final String STATE = "[data-camera='demo'] [data-field='state']";

    private RealTomcat tomcat;
    private ChromeDriver driver;

    @BeforeAll
    void startTomcatAndBrowser() throws IOException {
        Assumptions.assumeTrue(HeadlessChromium.installed(), () -> {
            String reason = "LivePageBrowserIT skipped: " + HeadlessChromium.CHROMIUM + " or "
                    + HeadlessChromium.CHROMEDRIVER
                    + " is missing (apt-get install chromium chromium-driver)";
            System.out.println(reason);
            return reason;
        });
        tomcat = RealTomcat.startDropIn("it-browser-tomcat");

        Path profile = TestPaths.workRoot().resolve("it-browser-profile");
        TestPaths.deleteTree(profile);
        Files.createDirectories(profile);
        // Screenshots for the README: no scrollbar strip, and the page lays out at the full 1024 px.
        ChromeOptions options = HeadlessChromium.options(profile, 1024, 700, "--hide-scrollbars");
        // The stream image never finishes loading, so "page loaded" is DOMContentLoaded; the tests wait for what
        // they need explicitly.
        options.setPageLoadStrategy(PageLoadStrategy.EAGER);
        // The console, where Chromium reports what the Content-Security-Policy refused.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        driver = HeadlessChromium.start(options, TestPaths.workRoot().resolve("it-browser-chromedriver.log"));
    }

    @AfterAll
    void stopBrowserAndTomcat() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (tomcat != null) {
                tomcat.stop();
            }
        }
    }

    @BeforeEach
    void openLivePageAtDesktopSize() {
        viewport(1024, 700, false);
        // The admin sees the whole page (the events panel too): the README's screenshot is taken here.
        FormLogin.open(driver, tomcat.baseUrl() + "/gatewatch/", ItUsers.ADMIN);
        awaitStreamPainted();
    }

    @Test
    @Order(1)
    void streamImageChangesOverTime() throws InterruptedException {
        WebElement img = driver.findElement(By.cssSelector(STREAM_IMG));
        BufferedImage first = png(img.getScreenshotAs(OutputType.BYTES), "first element screenshot");
        Thread.sleep(1500);
        BufferedImage second = png(img.getScreenshotAs(OutputType.BYTES), "second element screenshot");

        // A painted frame of the pedestrian clip has detail; an empty or broken image is one flat colour.
        assertTrue(lumaStdDev(first) > 10, "the stream image looks blank (luma std dev " + lumaStdDev(first) + ")");
        double changed = changedFraction(first, second);
        assertTrue(changed > 0.005, "the stream image did not change in 1.5 s (" + pct(changed) + " of pixels differ)");
    }

    @Test
    @Order(2)
    void cameraStateReadsStreamingWithin15Seconds() {
        // The JSP renders the state at page time (idle before the first viewer); live.js refreshes it every 2 s.
        WebElement state = driver.findElement(By.cssSelector(STATE));
        try {
            new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> "streaming".equals(state.getText().trim()));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("camera state still reads '" + state.getText() + "' after 15 s", e);
        }
    }

    @Test
    @Order(3)
    void desktopScreenshotShowsTheLivePage() throws IOException {
        awaitStreaming();
        Path file = screenshotDir().resolve("live.png");
        Files.write(file, fullPagePng());
        BufferedImage shot = png(Files.readAllBytes(file), file.toString());
        assertEquals(1024, shot.getWidth(), "desktop screenshot width");
        assertTrue(shot.getHeight() >= 700, "desktop screenshot height " + shot.getHeight());
    }

    @Test
    @Order(4)
    void phoneLayoutFitsTheStreamToTheViewportWidth() throws IOException {
        viewport(390, 844, true);
        driver.navigate().refresh();
        awaitStreamPainted();
        awaitStreaming();

        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) js("const r = arguments[0].getBoundingClientRect();"
                + "return {left: r.left, right: r.right, width: r.width, viewport: window.innerWidth,"
                + " scroll: document.documentElement.scrollWidth};",
                driver.findElement(By.cssSelector(STREAM_IMG)));
        double left = num(box.get("left"));
        double right = num(box.get("right"));
        double viewport = num(box.get("viewport"));
        assertEquals(390, viewport, 0.5, "phone viewport width");
        assertTrue(left >= 0 && right <= viewport + 0.5, "stream image spans " + left + ".." + right
                + " px on a " + viewport + " px wide phone: " + box);
        assertTrue(num(box.get("width")) > viewport / 2, "stream image is only " + box.get("width") + " px wide");
        assertTrue(num(box.get("scroll")) <= viewport + 0.5, "the phone page scrolls sideways: " + box);

        Path file = screenshotDir().resolve("live-phone.png");
        Files.write(file, fullPagePng());
        assertEquals(390, png(Files.readAllBytes(file), file.toString()).getWidth(), "phone screenshot width");
    }

    @Test
    @Order(5)
    void nothingOnThePageIsRefusedByTheContentSecurityPolicy() {
        awaitStreaming();
        // Every console line since the browser started: the earlier tests' page loads too.
        List<String> refused = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(m -> m.contains("Content Security Policy")).toList();
        assertTrue(refused.isEmpty(), "refused by the Content-Security-Policy: " + refused);
    }

    @Test
    @Order(6)
    void eachStreamAsksForAWidthThatFitsItsGridCell() {
        WebElement img = driver.findElement(By.cssSelector(STREAM_IMG));
        double cell = num(js("return arguments[0].clientWidth;", img));
        // A desktop's cell is wider than the 768 px camera: a fixed width above it, served as the full picture.
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> String.valueOf(img.getAttribute("src"))
                .matches(".*/cameras/demo/video_feed\\?width=(960|1280)") && num(js(
                "return arguments[0].naturalWidth;", img)) == 768);

        // A phone with a 3x screen: its cell is about 360 CSS pixels, so the page asks for 480, not 3 x 360.
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 3, "mobile", true));
        driver.navigate().refresh();
        WebElement phoneImg = driver.findElement(By.cssSelector(STREAM_IMG));
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> String.valueOf(phoneImg.getAttribute("src"))
                .endsWith("/cameras/demo/video_feed?width=480") && num(js(
                "return arguments[0].naturalWidth;", phoneImg)) == 480);
        assertTrue(cell > 480, "the desktop cell is " + cell + " px wide");
    }

    // ----------------------------------------------------------------------------------------------------------------

    /** Exact CSS viewport through DevTools: --window-size sets the outer window, which is not the page's width. */
    private void viewport(int width, int height, boolean mobile) {
        driver.manage().window().setSize(new Dimension(width, height));
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    private void awaitStreamPainted() {
        WebElement img = driver.findElement(By.cssSelector(STREAM_IMG));
        try {
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .until(d -> num(js("return arguments[0].naturalWidth;", img)) > 0);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the stream image painted nothing within 20 s (naturalWidth 0); Tomcat log:\n"
                    + tomcat.log().tail(20), e);
        }
    }

    private void awaitStreaming() {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> "streaming".equals(d.findElement(By.cssSelector(STATE)).getText().trim()));
    }

    /** The whole document, not only the viewport, so the README shows the camera's details below the video. */
    private byte[] fullPagePng() {
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "fromSurface", true));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static double num(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }

    private static Path screenshotDir() throws IOException {
        return Files.createDirectories(TestPaths.projectDir().resolve("target/screenshots"));
    }

    private static BufferedImage png(byte[] bytes, String what) {
        return Images.decode(bytes, what);
    }

    private static double lumaStdDev(BufferedImage img) {
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                double l = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                sum += l;
                sumSq += l * l;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    }

    /** Share of pixels where some channel moved by more than 24 levels (JPEG noise alone stays below that). */
    private static double changedFraction(BufferedImage a, BufferedImage b) {
        int w = Math.min(a.getWidth(), b.getWidth());
        int h = Math.min(a.getHeight(), b.getHeight());
        long changed = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    if (Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)) > 24) {
                        changed++;
                        break;
                    }
                }
            }
        }
        return (double) changed / ((long) w * h);
    }

    private static String pct(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.2f %%", fraction * 100);
    }
}
