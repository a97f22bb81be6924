package org.gatewatch.it;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.apache.catalina.core.StandardContext;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Fails an Arquillian deployment whose webapp did not start. Tomcat keeps a context whose listener threw as a stopped
 * child of the host, and the embedded adapter reports the deployment as done: every test of the class would then
 * see 404s with no hint of the cause. This check names the cause (Tomcat's SEVERE lines while deploying) in the
 * deployment's error, which is what the test report shows.
 */
public final class StartedAppCheck implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Observer.class);
    }

    public static final class Observer {

        private final SevereLines severe = new SevereLines();

        @Inject
        private Instance<StandardContext> context;

        public void listen(@Observes BeforeDeploy event) {
            severe.lines.clear();
            Logger.getLogger("").addHandler(severe);
        }

        public void check(@Observes AfterDeploy event) throws DeploymentException {
            Logger.getLogger("").removeHandler(severe);
            StandardContext deployed = context.get();
            if (deployed == null || !deployed.getState().isAvailable()) {
                throw new DeploymentException("the webapp " + event.getDeployment().getArchive().getName()
                        + " did not start (" + (deployed == null ? "no context" : deployed.getState())
                        + "); Tomcat said: " + String.join(" | ", severe.lines));
            }
        }
    }

    /** Tomcat's SEVERE log records (with their causes) while one deployment runs. */
    private static final class SevereLines extends Handler {

        private static final SimpleFormatter FORMAT = new SimpleFormatter();

        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLevel().intValue() < Level.SEVERE.intValue()) {
                return;
            }
            StringBuilder line = new StringBuilder(FORMAT.formatMessage(record));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(" <- ").append(t);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
