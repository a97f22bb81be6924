package org.gatewatch.db;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Deregisters the JDBC drivers that our class loader loaded. H2's and PostgreSQL's drivers register themselves in
 * the JVM-wide DriverManager when loaded; left there they pin the webapp's class loader after an undeploy and
 * Tomcat reports a leak.
 */
public final class JdbcDrivers {

    private static final Logger LOG = LogManager.getLogger(JdbcDrivers.class);

    private JdbcDrivers() {
    }

    /**
     * Invoked by the application listener at stop, after the pool is closed. Does nothing for the JVM's own class
     * path (a command-line tool, a test run): that loader lives as long as the JVM, so there is no leak to prevent,
     * and the drivers are shared with everything else running in it.
     */
    public static void deregisterLoadedBy(ClassLoader loader) {
        if (loader == ClassLoader.getSystemClassLoader()) {
            return;
        }
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == loader) {
                try {
                    DriverManager.deregisterDriver(driver);
                    LOG.debug("Deregistered JDBC driver {}", driver.getClass().getName());
                } catch (SQLException e) {
                    LOG.warn("Cannot deregister JDBC driver {}: {}", driver.getClass().getName(), e.getMessage());
                }
            }
        }
    }
}
