package org.gatewatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gatewatch.config.ConfigLocation;
import org.gatewatch.outputs.audit.AuditVerifier;

/**
 * {@code bin/gatewatch audit-verify [DATA_DIR] [--head HASH]}: walks the audit trail's chain and prints
 * {@code ok N records} or the first record that does not hold, with its place.
 */
public final class AuditVerifyCommand {

    static final String USAGE = """
            Usage: bin/gatewatch audit-verify [DATA_DIR] [--head HASH]

              DATA_DIR     GateWatch's data directory (default: GATEWATCH_HOME); the trail is in its audit/ folder
              --head HASH  a record hash kept outside this machine (a checkpoint line of the log, the MQTT
                           retained status): it must still be in the trail, which catches a trail cut short or
                           rewritten as a whole

            Prints 'ok N records', or 'broken at record K (FILE line L): why'.
            Exit status: 0 the chain holds, 1 it does not, 2 bad arguments or no trail.
            """;

    private AuditVerifyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; the exit status is returned, not taken. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path dataDir = null;
        String head = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--head") && i + 1 < args.length) {
                head = args[++i];
            } else if (args[i].equals("--help")) {
                out.print(USAGE);
                return 0;
            } else if (!args[i].startsWith("-") && dataDir == null) {
                dataDir = Path.of(args[i]);
            } else {
                err.println("audit-verify: unexpected argument " + args[i]);
                err.print(USAGE);
                return 2;
            }
        }
        if (dataDir == null) {
            dataDir = ConfigLocation.fromSystem().dataDir();
        }
        if (!Files.isDirectory(dataDir.resolve("audit"))) {
            err.println("audit-verify: no audit trail in " + dataDir + " (no audit/ folder)");
            return 2;
        }
        try {
            AuditVerifier.Result result = AuditVerifier.verify(dataDir, head);
            out.println(result.line());
            return result.ok() ? 0 : 1;
        } catch (IOException e) {
            err.println("audit-verify: cannot read the trail in " + dataDir + ": " + e.getMessage());
            return 2;
        }
    }
}
