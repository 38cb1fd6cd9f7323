package dev.modelgate.web;

import dev.modelgate.kernel.Refusal;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become {@code application/problem+json} responses. */
public final class Errors {

  private static final Logger log = LoggerFactory.getLogger(Errors.class);

  private Errors() {}

  public static void reply(RoutingContext ctx, Problem problem) {
    if (ctx.response().ended()) {
      return;
    }
    if (problem.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"modelgate\", charset=\"UTF-8\"");
    }
    ctx.response()
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(problem.toJson(ctx.request().path()).toBuffer());
  }

  /** Replies with the refusal's problem and its extra headers. */
  public static void reply(RoutingContext ctx, Refusal e) {
    if (!ctx.response().ended()) {
      Refusals.headers(e).forEach(ctx.response()::putHeader);
    }
    reply(ctx, Refusals.problem(e));
  }

  /**
   * The server's handler for a request that could not even be parsed (request line or headers over the
   * server's limits, malformed HTTP): the same RFC 9457 problem as everywhere, instead of Vert.x's empty
   * body, then the connection is closed as Vert.x does (what follows on it cannot be trusted).
   */
  public static void onInvalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Problem problem;
    if (cause instanceof TooLongHttpLineException) {
      problem = Problem.of(414, "URI too long", "the request line exceeds the server's limit");
    } else if (cause instanceof TooLongHttpHeaderException) {
      problem = Problem.of(431, "Request header fields too large", "the request headers exceed the server's limit");
    } else {
      problem = Problem.of(400, "Bad request", "the request could not be read");
    }
    request.response()
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(problem.toJson(null).toBuffer())
        .onComplete(done -> request.connection().close());
  }

  /** Router failure handler: maps what Vert.x and features raise to problems; the rest is a logged 500. */
  public static void onFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();
    if (failure instanceof Refusal p) {
      reply(ctx, p);
      return;
    }
    if (failure instanceof HttpException h) {
      status = h.getStatusCode();
    }
    Problem problem = switch (status) {
      case 400 -> Problem.of(400, "Bad request", "the request could not be read");
      case 404 -> Problem.of(404, "Not found", "no such resource: " + ctx.request().path());
      case 405 -> Problem.of(405, "Method not allowed", ctx.request().method() + " is not allowed here");
      case 413 -> new Problem(413, "Payload too large", "the request body exceeds the server's limit", "body",
          java.util.List.of());
      case 415 -> Problem.of(415, "Unsupported media type", "send the body as application/json");
      default -> null;
    };
    if (problem == null) {
      log.error("request {} {} failed (request id {})", ctx.request().method(), ctx.request().path(),
          RequestIds.of(ctx), failure);
      problem = Problem.of(500, "Internal server error",
          "the server failed; quote request id " + RequestIds.of(ctx) + " when reporting it");
    }
    reply(ctx, problem);
  }
}
