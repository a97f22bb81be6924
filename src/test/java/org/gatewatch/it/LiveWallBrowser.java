package org.gatewatch.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's) on a live page of many cameras: which stream images have painted, which of them move,
 * and what the events panel shows. A certificate given by its SPKI hash is accepted as if an authority had signed it.
 */
final class LiveWallBrowser implements AutoCloseable {


    /**
     * Per stream image, in page order: null before its first frame, else a hash of the frame it shows now (drawn
     * small into a canvas: the images are same-origin, so the canvas can be read).
     */
    private static final String FRAME_HASHES = """
            const canvas = document.createElement('canvas');
            canvas.width = 32; canvas.height = 24;
            const g = canvas.getContext('2d', {willReadFrequently: true});
            return [...document.querySelectorAll('img.stream')].map(img => {
              if (!img.naturalWidth) return null;
              g.drawImage(img, 0, 0, 32, 24);
              const d = g.getImageData(0, 0, 32, 24).data;
              let h = 0;
              for (let k = 0; k < d.length; k += 4) h = (h * 31 + d[k] + 3 * d[k + 1] + 7 * d[k + 2]) | 0;
              return String(h);
            });""";

    private final ChromeDriver driver;

    LiveWallBrowser(Path profile, Path driverLog, String spkiSha256) throws IOException {
        TestPaths.deleteTree(profile);
        Files.createDirectories(profile);
        ChromeOptions options = HeadlessChromium.options(profile, 1280, 1600,
                "--ignore-certificate-errors-spki-list=" + spkiSha256);
        // Nothing waits for the page to load: over HTTP/1.1 the page's deferred scripts queue behind the streams, so
        // not even DOMContentLoaded comes. Every step waits for what it needs.
        options.setPageLoadStrategy(PageLoadStrategy.NONE);
        driver = HeadlessChromium.start(options, driverLog);
    }

    static boolean installed() {
        return HeadlessChromium.installed();
    }

    /** Opens the live page at {@code url} and logs in as {@code user} through the form, as a person does. */
    void open(String url, ItUsers user) {
        driver.get(url);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        WebElement name = wait.until(d -> d.findElements(By.name("j_username")).stream().findFirst().orElse(null));
        name.sendKeys(user.userName());
        WebElement password = driver.findElement(By.name("j_password"));
        password.sendKeys(ItUsers.PASSWORD);
        password.submit();
        wait.until(d -> d.findElements(By.name("j_username")).isEmpty()
                && !d.findElements(By.cssSelector("img.stream")).isEmpty());
    }

    /** Leaves the page, so its streams are closed before the next one opens. */
    void blank() {
        driver.get("about:blank");
    }

    /** The protocol the page itself came over ("h2", "http/1.1"), as the browser reports it. */
    String pageProtocol() {
        return (String) js("return performance.getEntriesByType('navigation')[0].nextHopProtocol;");
    }

    @SuppressWarnings("unchecked")
    List<String> frameHashes() {
        return (List<String>) js(FRAME_HASHES);
    }

    /**
     * Samples every stream image {@code samples} times, {@code every} apart, and returns per image how many different
     * frames it showed (0: never painted).
     */
    List<Integer> distinctFrames(int samples, Duration every) throws InterruptedException {
        List<Set<String>> seen = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
            List<String> hashes = frameHashes();
            for (int i = 0; i < hashes.size(); i++) {
                if (seen.size() <= i) {
                    seen.add(new HashSet<>());
                }
                if (hashes.get(i) != null) {
                    seen.get(i).add(hashes.get(i));
                }
            }
            Thread.sleep(every.toMillis());
        }
        return seen.stream().map(Set::size).toList();
    }

    /** The events panel's state line and its counts (Granted, Denied, Passages, Total), as the page shows them. */
    @SuppressWarnings("unchecked")
    Map<String, Object> eventsPanel() {
        return (Map<String, Object>) js("""
                const p = document.getElementById('events-panel');
                if (!p) return {present: false};
                return {present: true,
                        state: p.querySelector('[data-field="sse-state"]').textContent.trim(),
                        total: p.querySelector('[data-count="total"]').textContent.trim(),
                        events: document.querySelectorAll('#live-events li').length};""");
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
