package org.gatewatch.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.gatewatch.config.Secrets;
import org.gatewatch.threads.OwnedThreads;

/**
 * GateWatch's one DataSource and its schema. A site's Tomcat may bind {@value #JNDI_NAME} (PostgreSQL: see
 * conf/tomcat/gatewatch-postgresql.xml); without one, an embedded H2 file database in the data directory is
 * opened here, so the drop-in WAR needs nothing installed.
 *
 * <p>Why the H2 default is built in code and not declared in the WAR's META-INF/context.xml: Tomcat expands only
 * system properties in context.xml, while the data directory comes first from the GATEWATCH_HOME environment
 * variable (see ConfigLocation), so a context.xml default would put the database elsewhere whenever that is set.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(Database.class);

    public static final String JNDI_NAME = "java:comp/env/jdbc/gatewatch";
    /** Enough for the page and API threads plus the event writer; H2 serialises writes anyway. */
    private static final int DEFAULT_POOL_SIZE = 8;

    private final DataSource dataSource;
    private final HikariDataSource owned;
    private OwnedThreads poolThreads;
    private final String description;

    private Database(DataSource dataSource, HikariDataSource owned, String description) {
        this.dataSource = dataSource;
        this.owned = owned;
        this.description = description;
    }

    /** The site's JNDI DataSource when bound, else the embedded H2 database under {@code dataDir/db}. */
    public static Database open(Path dataDir) {
        DataSource jndi = lookupJndi();
        if (jndi != null) {
            return new Database(jndi, null, "JNDI " + JNDI_NAME);
        }
        return h2(dataDir.resolve("db").resolve("gatewatch"));
    }

    /**
     * A pooled embedded H2 database in {@code file} (+ ".mv.db"). DB_CLOSE_ON_EXIT=FALSE: H2 would otherwise
     * register a JVM shutdown hook that pins the webapp's class loader after an undeploy; {@link #close()} closes it.
     * The {@code retry:} file system opens the file again when an interrupt closed it under a thread that was using
     * it: a plain file channel would stay closed, and the store, left half written, fails to open at the next start
     * ("Cannot read field time"). Tomcat, a pool's shutdownNow or a test can interrupt any thread.
     * WRITE_DELAY=0: a commit is written to the file at once, not after H2's default write delay, so a {@code kill -9}
     * right after it keeps it.
     */
    public static Database h2(Path file) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gatewatch-db");
        // The driver class is named so Hikari instantiates it directly rather than asking DriverManager.
        config.setDriverClassName("org.h2.Driver");
        config.setJdbcUrl("jdbc:h2:retry:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(DEFAULT_POOL_SIZE);
        return owning(config, "embedded H2 " + file.toAbsolutePath() + ".mv.db");
    }

    /** A pooled database at a JDBC URL, e.g. a PostgreSQL server for tests and the benchmark. */
    public static Database pooled(String jdbcUrl, String user, String password, String driverClass) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gatewatch-db");
        config.setDriverClassName(driverClass);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(DEFAULT_POOL_SIZE);
        // The description reaches log lines; a password given in the URL does not.
        return owning(config, Secrets.maskUrl(jdbcUrl));
    }

    private static Database owning(HikariConfig config, String description) {
        OwnedThreads threads = new OwnedThreads(config.getPoolName() + "-");
        config.setThreadFactory(threads);
        HikariDataSource pool = new HikariDataSource(config);
        Database db = new Database(pool, pool, description);
        db.poolThreads = threads;
        return db;
    }

    private static DataSource lookupJndi() {
        try {
            Object bound = new InitialContext().lookup(JNDI_NAME);
            if (bound instanceof DataSource ds) {
                return ds;
            }
            throw new IllegalStateException(JNDI_NAME + " is bound to a " + bound.getClass().getName()
                    + ", not a javax.sql.DataSource");
        } catch (NamingException e) {
            // The normal case for the drop-in WAR: no resource (or no naming at all, as in an embedded Tomcat).
            LOG.info("No DataSource at {} ({}): using the embedded H2 database", JNDI_NAME, e.getClass().getSimpleName());
            return null;
        }
    }

    /** Brings the schema to the newest version in db/migration; runs at every start, a no-op when current. */
    public Database migrate() {
        MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info("Database {} ({}): schema at version {}, {} migration(s) applied", description, productName(),
                result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion, result.migrationsExecuted);
        return this;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String description() {
        return description;
    }

    /** "H2" or "PostgreSQL", as the driver names it. */
    public String productName() {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new DataAccessException("cannot reach the database " + description, e);
        }
    }

    /**
     * Closes the pool this class opened. A JNDI DataSource belongs to Tomcat and is left alone, except a HikariCP pool
     * made from the WAR's own HikariCP (conf/tomcat/gatewatch-postgresql.xml): Tomcat closes that one only after the
     * webapp has stopped, and Hikari's close returns before its threads end, so Tomcat would report them as a leak.
     * It is closed here and its threads awaited; Tomcat's own close later is then a no-op. Idempotent.
     */
    @Override
    public void close() {
        if (owned == null && dataSource instanceof HikariDataSource jndiPool && !jndiPool.isClosed()
                && jndiPool.getClass().getClassLoader() == Database.class.getClassLoader()) {
            jndiPool.close();
            awaitPoolThreads(jndiPool.getPoolName() + ":");
            LOG.info("Database {} closed", description);
        }
        if (owned != null && !owned.isClosed()) {
            owned.close();
            try {
                // Hikari's close returns while its housekeeper and closer threads are still exiting.
                if (poolThreads != null && !poolThreads.joinAll(5_000)) {
                    LOG.error("Database pool threads of {} still alive 5 s after close", description);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.info("Database {} closed", description);
        }
    }

    /** Waits up to 5 s for the threads Hikari names after the pool ({@code poolName:housekeeper}, …) to end. */
    private void awaitPoolThreads(String namePrefix) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        try {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith(namePrefix)) {
                    t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    if (t.isAlive()) {
                        LOG.error("Database pool thread {} of {} still alive 5 s after close", t.getName(),
                                description);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
