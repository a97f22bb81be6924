package org.gatewatch.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gatewatch.db.PostgresServer;
import org.gatewatch.it.tomcat.RealTomcat;

/**
 * Deploys the built WAR into a real Tomcat on PostgreSQL the way the docs tell sites to: the shipped context
 * descriptor {@code conf/tomcat/gatewatch-postgresql.xml}, with the test role's URL, user and password put in.
 */
public final class PostgresDeployment {

    private PostgresDeployment() {
    }

    /** Writes the descriptor for {@code jdbcUrl} into the base, deploys the WAR, and returns the descriptor. */
    public static String deploy(RealTomcat tomcat, String jdbcUrl) throws IOException {
        String descriptor = Files.readString(TestPaths.projectDir().resolve("conf/tomcat/gatewatch-postgresql.xml"))
                .replace("jdbc:postgresql://127.0.0.1:5432/gatewatch\"", jdbcUrl + "\"")
                .replace("username=\"gatewatch\"", "username=\"" + PostgresServer.USER + "\"")
                .replace("password=\"change-me\"", "password=\"" + PostgresServer.PASSWORD + "\"");
        Path site = Files.createDirectories(tomcat.catalinaBase().resolve("conf/Catalina/localhost"));
        Files.writeString(site.resolve("gatewatch.xml"), descriptor);
        tomcat.manager().deployLocal("/gatewatch", TestPaths.warFile());
        return descriptor;
    }
}
