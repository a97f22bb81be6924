package org.gatewatch.app;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;
import org.gatewatch.db.Database;
import org.gatewatch.db.DatabaseProbe;
import org.gatewatch.db.JdbcDrivers;

/**
 * The database as the application owns it: the site's JNDI jdbc/gatewatch, else the embedded H2 database, migrated
 * to the newest schema; and the readiness probe's check, on one thread of its own so a hung database never holds a
 * request thread.
 */
final class DatabaseService implements AutoCloseable {

    private final Database database;
    private final OwnedPool<ExecutorService> checks;
    private final DatabaseProbe probe;

    private DatabaseService(Database database) {
        this.database = database;
        this.checks = OwnedPool.fixed("Database check", "gatewatch-dbcheck-", 1);
        this.probe = new DatabaseProbe(database.dataSource(), checks.executor(), DatabaseProbe.DEFAULT_TIMEOUT);
    }

    static DatabaseService start(Path dataDir) {
        Database database = Database.open(dataDir);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new DatabaseService(database);
    }

    DataSource dataSource() {
        return database.dataSource();
    }

    DatabaseProbe probe() {
        return probe;
    }

    /**
     * Interrupts a check that still waits for the database, then closes the pool (a JNDI HikariCP pool of the WAR's
     * own classes included, its threads awaited: see {@link Database#close}) and deregisters the JDBC drivers this
     * webapp's class loader registered.
     */
    @Override
    public void close() {
        checks.stop(true);
        database.close();
        JdbcDrivers.deregisterLoadedBy(DatabaseService.class.getClassLoader());
    }
}
