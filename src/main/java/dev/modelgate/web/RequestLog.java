package dev.modelgate.web;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One structured log line per request: request id, client address ({@link ClientAddress}), user, status, duration. */
public final class RequestLog {

  static final String USER_KEY = "user";
  private static final Logger log = LoggerFactory.getLogger("modelgate.http");

  private RequestLog() {}

  public static void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(v -> {
      String user = ctx.get(USER_KEY);
      log.info("request_id={} method={} path={} status={} duration_ms={} client={} user={}",
          RequestIds.of(ctx), ctx.request().method(), ctx.request().path(), ctx.response().getStatusCode(),
          String.format("%.1f", (System.nanoTime() - start) / 1e6), ClientAddress.of(ctx), user == null ? "-" : user);
    });
    ctx.next();
  }
}
