package org.gatewatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * {@code bin/gatewatch install CATALINA_BASE [--no-server-xml]}: puts GateWatch into an existing Tomcat 10.1 or 11.
 * The natives and the authenticator into the base's {@code lib/}, the WAR into {@code webapps/}, and the settings that
 * carry many viewers merged into {@code conf/server.xml} ({@link ServerXmlTuning}), with a backup. A second run
 * changes nothing and says so. Prints what it changed on the PrintStream given (stdout).
 */
public final class InstallCommand {

    static final String USAGE = """
            Usage: bin/gatewatch install CATALINA_BASE [--no-server-xml]

            Puts GateWatch into an existing Tomcat 10.1 or 11 (its CATALINA_BASE, the folder with conf/server.xml):
              lib/                the OpenCV, FFmpeg and TensorFlow Lite jars and gatewatch-tomcat.jar (the login)
              webapps/            gatewatch.war
              conf/server.xml     the tuned Executor and Connector settings and JreMemoryLeakPreventionListener's
                                  classesToInitialize, as conf/tomcat/server.xml has them; ports, addresses and all
                                  other settings stay; the old file is kept as server.xml.before-gatewatch-TIME.
                                  --no-server-xml leaves the file alone.
            Running it again changes nothing and says so. Restart Tomcat after a change to lib/ or server.xml.

              --war FILE          the WAR (bin/gatewatch passes target/gatewatch.war)
              --lib DIR           the jars for Tomcat's lib/ (bin/gatewatch passes target/tomcat-lib)
              --tuned FILE        the server.xml to take the settings from (bin/gatewatch passes conf/tomcat/server.xml)

            Exit status: 0 done (or nothing to do), 1 failure, 2 bad arguments.
            """;
    private static final DateTimeFormatter BACKUP_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private InstallCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; the exit status is returned, not taken. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path base;
        Path war;
        Path lib;
        Path tuned;
        boolean serverXml;
        try {
            CommandLine cl = CommandLine.parse(args, Set.of("--war", "--lib", "--tuned"), Set.of("--no-server-xml"));
            if (cl.help()) {
                out.print(USAGE);
                return 0;
            }
            if (cl.plain().size() != 1) {
                throw new IllegalArgumentException("give exactly one CATALINA_BASE");
            }
            base = Path.of(cl.plain().get(0)).toAbsolutePath().normalize();
            war = cl.value("--war", Path::of, Path.of("target/gatewatch.war"));
            lib = cl.value("--lib", Path::of, Path.of("target/tomcat-lib"));
            tuned = cl.value("--tuned", Path::of, Path.of("conf/tomcat/server.xml"));
            serverXml = !cl.has("--no-server-xml");
            if (!Files.isRegularFile(base.resolve("conf/server.xml"))) {
                throw new IllegalArgumentException(base + " is not a Tomcat base: it has no conf/server.xml");
            }
            if (!Files.isRegularFile(war) || !Files.isDirectory(lib)) {
                throw new IllegalArgumentException("no " + war + " or no " + lib + ": build first (mvn package)");
            }
        } catch (IllegalArgumentException e) {
            err.println("install: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            List<String> changes = new ArrayList<>();
            boolean restart = copyJars(lib, base.resolve("lib"), changes);
            copyIfDifferent(war, base.resolve("webapps/gatewatch.war"), changes);
            if (serverXml) {
                restart |= tuneServerXml(base.resolve("conf/server.xml"), tuned, changes);
            }
            report(base, changes, restart, serverXml, out);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("install: " + e.getMessage());
            return 1;
        }
    }

    /** @return whether a jar was added or replaced (Tomcat reads lib/ only at start) */
    private static boolean copyJars(Path from, Path to, List<String> changes) throws IOException {
        Files.createDirectories(to);
        List<Path> jars;
        try (Stream<Path> s = Files.list(from)) {
            jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        if (jars.isEmpty()) {
            throw new IOException("no jars in " + from + ": build first (mvn package)");
        }
        boolean changed = false;
        for (Path jar : jars) {
            changed |= copyIfDifferent(jar, to.resolve(jar.getFileName()), changes);
        }
        return changed;
    }

    private static boolean copyIfDifferent(Path source, Path target, List<String> changes) throws IOException {
        boolean exists = Files.exists(target);
        if (exists && (Files.mismatch(source, target) == -1 || sameEntries(source, target))) {
            return false;
        }
        Files.createDirectories(target.getParent());
        // Next to the target, then renamed: Tomcat's auto-deploy never sees half a WAR.
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        changes.add(target.getParent().getFileName() + "/" + target.getFileName() + (exists ? ": replaced" : ": added"));
        return true;
    }

    /**
     * Whether two archives hold the same files with the same contents (names, sizes and CRCs), whatever their time
     * stamps: each build of an unchanged project writes a WAR that differs only in those.
     */
    private static boolean sameEntries(Path a, Path b) throws IOException {
        try (ZipFile za = new ZipFile(a.toFile()); ZipFile zb = new ZipFile(b.toFile())) {
            Map<String, String> left = new HashMap<>();
            za.stream().forEach(e -> left.put(e.getName(), e.getSize() + ":" + e.getCrc()));
            Map<String, String> right = new HashMap<>();
            zb.stream().forEach(e -> right.put(e.getName(), e.getSize() + ":" + e.getCrc()));
            return left.equals(right);
        } catch (ZipException e) {
            return false; // not an archive, or a damaged one: the bytes differ, so it is copied again
        }
    }

    /** @return whether server.xml changed; its old text is kept beside it first */
    private static boolean tuneServerXml(Path file, Path tunedFile, List<String> changes) throws IOException {
        ServerXmlTuning tuning = ServerXmlTuning.from(tunedFile);
        ServerXmlTuning.Result merged = tuning.apply(Files.readString(file), file.toString());
        if (merged.changes().isEmpty()) {
            return false;
        }
        Path backup = file.resolveSibling("server.xml.before-gatewatch-" + LocalDateTime.now().format(BACKUP_TIME));
        Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
        Path part = file.resolveSibling("server.xml.part");
        Files.writeString(part, merged.text(), StandardCharsets.UTF_8);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        merged.changes().forEach(m -> changes.add("conf/server.xml: " + m));
        changes.add("conf/server.xml: the old file is " + backup.getFileName());
        return true;
    }

    private static void report(Path base, List<String> changes, boolean restart, boolean serverXml, PrintStream out)
            throws IOException {
        if (changes.isEmpty()) {
            out.println("Nothing to change: " + base + " already has this GateWatch"
                    + (serverXml ? " and the tuned server.xml settings." : " (server.xml not looked at)."));
        } else {
            out.println("GateWatch installed into " + base + ":");
            changes.forEach(c -> out.println("  " + c));
            if (restart) {
                out.println("Restart Tomcat: it reads lib/ and conf/server.xml only when it starts.");
            }
        }
        Path users = base.resolve("conf/tomcat-users.xml");
        if (Files.isRegularFile(users) && !Files.readString(users).contains("gatewatch-")) {
            out.println("Note: conf/tomcat-users.xml gives no user a gatewatch-* role yet, so nobody can log in"
                    + " (docs/security.md, Users).");
        }
    }
}
