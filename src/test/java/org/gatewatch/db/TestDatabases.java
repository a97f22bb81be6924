package org.gatewatch.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A migrated, empty database of each engine GateWatch supports, for store tests. */
public final class TestDatabases {

    /** The engines every store test runs on. */
    public enum Engine { H2, POSTGRESQL }

    public static final Path WORK = Path.of(System.getProperty("gatewatch.test.work", "target/it-work"));

    private TestDatabases() {
    }

    /** An empty database at the newest schema: a new H2 file, or the PostgreSQL test database emptied. */
    public static Database fresh(Engine engine) {
        return switch (engine) {
            case H2 -> Database.h2(WORK.resolve("h2").resolve("test-" + UUID.randomUUID()).resolve("gatewatch")).migrate();
            case POSTGRESQL -> freshPostgres("gatewatch_test");
        };
    }

    /** PostgreSQL database {@code name} (created when missing), emptied and migrated. */
    public static Database freshPostgres(String name) {
        Database db = Database.pooled(PostgresServer.database(name), PostgresServer.USER, PostgresServer.PASSWORD,
                "org.postgresql.Driver");
        dropEverything(db);
        return db.migrate();
    }

    /** The test role owns the database, so it may drop and recreate its public schema. */
    private static void dropEverything(Database db) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            db.close();
            throw new IllegalStateException("cannot empty the PostgreSQL test database: " + e.getMessage(), e);
        }
    }
}
