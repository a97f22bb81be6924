package org.gatewatch.bench.fuzz;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The GateWatch under fuzz and what the generator needs to aim: its address and context path ({@code /gatewatch}),
 * a person that exists (the face upload URLs need one), the {@code Authorization} values of real users (an admin's
 * first), and the server's private folders, which no answer may name.
 *
 * @param loginsRequired true when an anonymous request is refused with 401: then a valid stream URL with a garbage
 *                       {@code ?token=} must be refused too, and the generator sends such requests
 */
public record FuzzTarget(InetSocketAddress address, String contextPath, long personId, List<String> authorizations,
                         List<String> privatePaths, boolean loginsRequired) {

    public FuzzTarget {
        authorizations = List.copyOf(authorizations);
        privatePaths = List.copyOf(privatePaths);
    }

    /** {@code host:port}, for the Host header. */
    String hostHeader() {
        return address.getHostString() + ":" + address.getPort();
    }
}
