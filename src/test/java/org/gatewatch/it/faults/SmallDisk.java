package org.gatewatch.it.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for a test, to fill up as a real disk fills. Mounting needs root, which the tests have here
 * and in CI; {@link #mount} says why when it cannot.
 */
final class SmallDisk implements AutoCloseable {

    private final Path dir;
    private final Path filler;

    private SmallDisk(Path dir) {
        this.dir = dir;
        this.filler = dir.resolve("filler.bin");
    }

    /** Mounts a tmpfs of {@code megabytes} on {@code dir} (made empty first). */
    static SmallDisk mount(Path dir, int megabytes) throws IOException, InterruptedException {
        run(List.of("umount", dir.toString()), true);
        Files.createDirectories(dir);
        String why = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString()),
                false);
        if (why != null) {
            throw new IllegalStateException("cannot mount a tmpfs on " + dir + " (the test needs root): " + why);
        }
        return new SmallDisk(dir);
    }

    Path dir() {
        return dir;
    }

    /** Writes a file until the disk is full: the next write of anyone fails with "No space left on device". */
    void fill() throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    /** Frees what {@link #fill} took. */
    void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("umount", dir.toString()), true);
    }

    /** Runs a command; the reason it failed, or null. */
    private static String run(List<String> cmd, boolean quiet) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", cmd) + " did not finish within 30 s";
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.exitValue() == 0 || quiet ? null : String.join(" ", cmd) + ": " + out;
    }
}
