package org.gatewatch.it.tomcat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything a test Tomcat printed: catalina.sh run sends the JULI console handler (all of catalina.*.log) and the
 * app's Log4j console appender to standard output, which {@link RealTomcat} writes to one file. Read afresh on each
 * call, so a test sees what was logged up to that moment.
 */
public final class TomcatLog {

    /** Lines that mean the webapp left something behind or failed; Tomcat and Log4j spell them differently. */
    public static final List<Pattern> BAD_LINES = List.of(
            Pattern.compile("appears to have started a thread"),
            Pattern.compile("failed to stop it"),
            Pattern.compile("memory leak", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bSEVERE\\b"),
            Pattern.compile("UnsatisfiedLinkError"),
            // Log4j's level column in the app's own lines (conf/log4j2.xml pattern: "date LEVEL [thread] ...").
            Pattern.compile("^\\S+ (ERROR|FATAL) "));

    /**
     * Tomcat's own utility threads bind a context's class loader while they run its background processing, so the
     * leak check of a stopping context can catch one mid-task and name it (seen once in several runs, Tomcat 10.1).
     * Those threads are Tomcat's, started by Tomcat, and not the app's to stop.
     */
    private static final Pattern TOMCAT_UTILITY = Pattern.compile("thread named \\[Catalina-utility-\\d+]");

    private final Path file;

    TomcatLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The whole log so far. */
    public String text() {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            // Not UTF-8 after all (a native library's message): keep what can be read.
            try {
                return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e2) {
                throw new UncheckedIOException(e2);
            }
        }
    }

    /** The lines matching {@link #BAD_LINES}, each with the line that follows (often the cause). */
    public List<String> badLines() {
        String[] lines = text().split("\\R");
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (BAD_LINES.stream().anyMatch(p -> p.matcher(line).find()) && !TOMCAT_UTILITY.matcher(line).find()) {
                bad.add(i + 1 < lines.length ? line + "\n      " + lines[i + 1].strip() : line);
            }
        }
        return bad;
    }

    /** The last lines of the log, for failure messages. */
    public String tail(int lines) {
        List<String> all = text().lines().toList();
        return all.subList(Math.max(0, all.size() - lines), all.size()).stream().collect(Collectors.joining("\n"));
    }
}
