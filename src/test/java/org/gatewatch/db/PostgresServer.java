package org.gatewatch.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Debian's PostgreSQL 15 cluster for the tests: started if down and given a test role and database, idempotently.
 * Installed by .ci/test-deps; the cluster is left running, as starting it again costs 2 s.
 */
public final class PostgresServer {

    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/gatewatch_test";
    public static final String USER = "gatewatch_test";
    public static final String PASSWORD = "gatewatch_test";

    private static final String SCRIPT = """
            set -e
            pg_ctlcluster 15 main status >/dev/null 2>&1 || pg_ctlcluster 15 main start
            i=0; until pg_isready -q -h 127.0.0.1 -p 5432; do i=$((i+1)); [ $i -lt 60 ] || exit 1; sleep 0.5; done
            su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
            SELECT 'CREATE ROLE gatewatch_test LOGIN PASSWORD ''gatewatch_test''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname='gatewatch_test')\\gexec
            SELECT 'CREATE DATABASE gatewatch_test OWNER gatewatch_test' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname='gatewatch_test')\\gexec
            SQL
            """;

    private static boolean started;

    /** The JDBC URL of database {@code name} of the test role, created when missing (the benchmark uses its own). */
    public static synchronized String database(String name) {
        ensureRunning();
        if (!name.matches("[a-z_]{1,40}")) {
            throw new IllegalArgumentException("database names here are lower-case letters and '_': " + name);
        }
        run("su postgres -c \"psql -v ON_ERROR_STOP=1 -q\" <<'SQL'\n"
                + "SELECT 'CREATE DATABASE " + name + " OWNER gatewatch_test' WHERE NOT EXISTS"
                + " (SELECT FROM pg_database WHERE datname='" + name + "')\\gexec\nSQL\n");
        return URL.replace("/gatewatch_test", "/" + name);
    }

    /** As {@link #database}, with its public schema dropped and made again: a test starts from an empty database. */
    public static synchronized String emptyDatabase(String name) {
        String url = database(name);
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty database " + name, e);
        }
        return url;
    }

    private PostgresServer() {
    }

    /** Starts the cluster and creates the role and database when missing; once per JVM. */
    public static synchronized void ensureRunning() {
        if (started) {
            return;
        }
        run(SCRIPT);
        try {
            // Registers the driver with DriverManager for this class loader: DriverManager may have been first
            // initialised inside a deployed webapp, whose copy of the driver went away with it.
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the PostgreSQL driver is not on the test class path", e);
        }
        started = true;
    }

    /**
     * Stops the cluster as an operator or a crash of its host would take it away: fast shutdown, every connection
     * ended. {@link #start} brings it back. Only for a test that owns the time in between.
     */
    public static synchronized void stop() {
        run("pg_ctlcluster 15 main stop -m fast");
    }

    /** Starts the cluster again after {@link #stop}. */
    public static synchronized void start() {
        run("pg_ctlcluster 15 main status >/dev/null 2>&1 || pg_ctlcluster 15 main start");
    }

    private static void run(String script) {
        try {
            Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("PostgreSQL did not start within 60 s");
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("Cannot start PostgreSQL 15 (apt-get install postgresql; run as root):"
                        + " exit " + p.exitValue() + "\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run the PostgreSQL start script", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting PostgreSQL", e);
        }
    }
}
