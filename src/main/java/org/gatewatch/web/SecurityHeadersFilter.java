package org.gatewatch.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The headers that make every answer harder to misuse, set before anything is written (a stream's headers are
 * left as its servlet sets them; these only add). Mapped to every URL and dispatch in web.xml.
 *
 * <p>The policy allows scripts, styles, images, fetch() and Server-Sent Events from GateWatch itself only: the
 * pages have no inline script, style attribute or event handler attribute, so nothing injected into a page runs.
 * No page may be framed (clickjacking), a form may post only to GateWatch, and {@code <base>} cannot move relative
 * URLs. Tomcat's HttpHeaderSecurityFilter would set nosniff and X-Frame-Options, but neither a
 * Content-Security-Policy nor a Referrer-Policy: one filter of ours sets all of them.
 */
public final class SecurityHeadersFilter extends HttpFilter {

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (!resp.isCommitted()) {
            resp.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            resp.setHeader("X-Content-Type-Options", "nosniff");
            // Same-origin requests keep their Referer, which CsrfFilter reads when a browser sends no Origin; other
            // sites learn no URL of ours (they hold camera names and person ids).
            resp.setHeader("Referrer-Policy", "same-origin");
        }
        chain.doFilter(req, resp);
    }
}
