package org.gatewatch.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.gatewatch.db.TestDatabases.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Flyway migrations on the embedded H2 and on a real PostgreSQL 15. */
class MigrationIT {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void migrationsCreateTheTablesAndASecondStartAppliesNothing(Engine engine) throws SQLException {
        try (Database db = TestDatabases.fresh(engine)) {
            assertEquals(Set.of("person", "face", "access_event"), tables(db));
            assertEquals(engine == Engine.H2 ? "H2" : "PostgreSQL", db.productName());
            db.migrate();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\"")) {
                r.next();
                assertTrue(r.getInt(1) >= 1, "the history records the applied migration once");
                int applied = r.getInt(1);
                db.migrate();
                try (ResultSet again = s.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\"")) {
                    again.next();
                    assertEquals(applied, again.getInt(1), "migrating a current schema applies nothing");
                }
            }
        }
    }

    private static Set<String> tables(Database db) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection c = db.dataSource().getConnection();
             ResultSet r = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (r.next()) {
                String schema = String.valueOf(r.getString("TABLE_SCHEM")).toLowerCase(Locale.ROOT);
                String name = r.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if ((schema.equals("public")) && !name.equals("flyway_schema_history")) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
