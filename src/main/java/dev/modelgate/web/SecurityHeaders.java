package dev.modelgate.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Headers every response carries: no sniffing, no framing (CSP frame-ancestors and X-Frame-Options), a
 * CSP without inline scripts, no referrer, no powerful browser features, same-origin isolation, and HSTS
 * over TLS. API answers are never cached.
 */
public final class SecurityHeaders {

  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; "
      + "object-src 'none'";

  private SecurityHeaders() {}

  public static void handle(RoutingContext ctx) {
    handle(ctx, CSP);
  }

  /**
   * The headers, with forms also allowed to end at {@code origin} (the identity provider: sign-out posts
   * to the server, which redirects to the provider's logout page, and browsers check that redirect too).
   */
  public static Handler<RoutingContext> allowingFormsTo(Optional<String> origin) {
    String csp = origin.map(o -> CSP.replace("form-action 'self'", "form-action 'self' " + o)).orElse(CSP);
    return ctx -> handle(ctx, csp);
  }

  private static void handle(RoutingContext ctx, String csp) {
    ctx.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Content-Security-Policy", csp)
        .putHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        .putHeader("Cross-Origin-Opener-Policy", "same-origin")
        .putHeader("Cross-Origin-Resource-Policy", "same-origin");
    if (ctx.request().isSSL()) {
      ctx.response().putHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    if (ctx.request().path().startsWith("/api/")) {
      ctx.response().putHeader("Cache-Control", "no-store");
    }
    ctx.next();
  }
}
