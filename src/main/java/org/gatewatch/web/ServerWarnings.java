package org.gatewatch.web;

import java.util.List;

/** What the server's own set-up does wrong for GateWatch (a connector that will not carry many viewers), one line each. */
public record ServerWarnings(List<String> lines) {

    public ServerWarnings {
        lines = List.copyOf(lines);
    }
}
