package dev.modelgate.web;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.access.Authenticator;
import dev.modelgate.access.Permission;
import dev.modelgate.access.Principal;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.store.DurabilityBarrier;
import dev.modelgate.store.StoreUnavailableException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Mounts the features' route tables. Every request goes the same way: check the media type on the
 * event loop, then on a virtual thread authenticate, read the body as the route declares it
 * ({@link RequestBody}), find the team, ask the {@link AccessPolicy}, call the handler, make its writes
 * durable, and answer back on the event loop. A request whose writes cannot be made durable (the store's
 * disk is full or read-only) answers 503 with {@code Retry-After}, and while the store waits to be reopened
 * every request does, reads too: the failed store's memory may hold writes its file never got.
 */
public final class ApiRouter {

  private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);
  public static final String PREFIX = "/api/v1";

  private final Router router;
  private final Authenticator authenticator;
  private final AccessPolicy policy;
  private final DurabilityBarrier durability;
  private final Duration storeRetryAfter;
  private final ExecutorService blocking;
  private final List<ApiRoute> routes = new ArrayList<>();
  private final List<StreamRoute> streams = new ArrayList<>();

  /**
   * While {@code durability} reports the store unavailable, and when a request's writes cannot be made
   * durable, requests answer 503 with {@code Retry-After: storeRetryAfter}.
   */
  public ApiRouter(Router router, Authenticator authenticator, AccessPolicy policy, DurabilityBarrier durability,
      Duration storeRetryAfter, ExecutorService blocking) {
    this.router = router;
    this.authenticator = authenticator;
    this.policy = policy;
    this.durability = durability;
    this.storeRetryAfter = storeRetryAfter;
    this.blocking = blocking;
  }

  public void mount(List<ApiRoute> table) {
    for (ApiRoute route : table) {
      routes.add(route);
      router.route(route.method(), PREFIX + route.path()).handler(ctx -> dispatch(route, ctx));
    }
  }

  /** Every mounted route, for the OpenAPI and access-matrix checks. */
  public List<ApiRoute> routes() {
    return List.copyOf(routes);
  }

  /** Mounts streaming (Server-Sent Events) routes: same authentication and access check, then a stream. */
  public void mountStreams(List<StreamRoute> table) {
    for (StreamRoute route : table) {
      streams.add(route);
      router.get(PREFIX + route.path()).handler(ctx -> dispatchStream(route, ctx));
    }
  }

  /** Every mounted streaming route (all GET), for the OpenAPI and access-matrix checks. */
  public List<StreamRoute> streamRoutes() {
    return List.copyOf(streams);
  }

  private void dispatchStream(StreamRoute route, RoutingContext ctx) {
    Context context = Vertx.currentContext();
    String requestId = RequestIds.of(ctx);
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    Principal sessionPrincipal = ctx.get(Sessions.PRINCIPAL_KEY);
    Map<String, String> pathParams = new HashMap<>(ctx.pathParams());
    String clientIp = ClientAddress.of(ctx);
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    Supplier<Optional<Principal>> session = ctx.get(Sessions.RECHECK_KEY);
    AtomicReference<String> streamer = new AtomicReference<>();
    EventStream events = new EventStream(ctx.response(), context,
        () -> stillAdmitted(route, ctx, authorization, clientIp, session, streamer.get()));
    blocking.execute(() -> {
      MDC.put("requestId", requestId);
      ApiCall call;
      try {
        requireStore();
        Principal principal = authenticate(authorization, clientIp, sessionPrincipal);
        streamer.set(principal.username());
        ctx.put(RequestLog.USER_KEY, principal.username());
        RequestBody.read(ApiRoute.BodyKind.NONE, body);
        TeamScope.Owned owned = admit(principal, route.scope(), route.permission(), ctx);
        Optional<String> team = Optional.ofNullable(owned.team());
        call = new ApiCall(principal, team, owned.resource(), pathParams, ctx.queryParams(),
            ctx.request().headers(), null, requestId);
      } catch (Refusal e) {
        context.runOnContext(v -> Errors.reply(ctx, e));
        MDC.remove("requestId");
        return;
      } catch (Throwable t) {
        if (storeFailed(t)) {
          context.runOnContext(v -> Errors.reply(ctx, Refusal.storeUnavailable(storeRetryAfter)));
          MDC.remove("requestId");
          return;
        }
        log.error("stream {} failed before it started", ctx.request().path(), t);
        context.runOnContext(v -> Errors.reply(ctx, Problem.of(500, "Internal server error",
            "the server failed; quote request id " + requestId + " when reporting it")));
        MDC.remove("requestId");
        return;
      }
      context.runOnContext(v -> events.start(2000));
      try {
        route.handler().stream(call, events);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable t) {
        log.error("stream {} failed", ctx.request().path(), t);
      } finally {
        events.close();
        MDC.remove("requestId");
      }
    });
  }

  /**
   * Whether the open stream's caller would still be let in: the same credentials (or the session, read again)
   * still authenticate as the same person, who still has the route's permission. A stream is one long
   * request, and a revocation, a sign-out or a removal applies to it as to the next request.
   */
  private boolean stillAdmitted(StreamRoute route, RoutingContext ctx, String authorization, String clientIp,
      Supplier<Optional<Principal>> session, String username) {
    try {
      Principal sessionPrincipal = session == null ? null : session.get().orElse(null);
      Principal again = authenticate(authorization, clientIp, sessionPrincipal);
      if (!again.username().equals(username)) {
        return false;
      }
      admit(again, route.scope(), route.permission(), ctx);
      return true;
    } catch (Refusal e) {
      return false;
    } catch (RuntimeException e) {
      log.warn("stream {}: could not check the caller's access again; ending it ({})", ctx.request().path(),
          e.toString());
      return false;
    }
  }

  private void dispatch(ApiRoute route, RoutingContext ctx) {
    if (!acceptableMediaType(ctx)) {
      Errors.reply(ctx, new Problem(415, "Unsupported media type",
          "send the body as application/json", "Content-Type", List.of()));
      return;
    }
    Context context = Vertx.currentContext();
    String requestId = RequestIds.of(ctx);
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    Principal sessionPrincipal = ctx.get(Sessions.PRINCIPAL_KEY);
    String clientIp = ClientAddress.of(ctx);
    Map<String, String> pathParams = new HashMap<>(ctx.pathParams());
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    blocking.execute(() -> {
      MDC.put("requestId", requestId);
      try {
        long mark = durability.mark();
        requireStore();
        Principal principal = authenticate(authorization, clientIp, sessionPrincipal);
        ctx.put(RequestLog.USER_KEY, principal.username());
        JsonObject json = RequestBody.read(route.body(), body);
        TeamScope.Owned owned = admit(principal, route.scope(), route.permission(), ctx);
        Optional<String> team = Optional.ofNullable(owned.team());
        ApiCall call = new ApiCall(principal, team, owned.resource(), pathParams, ctx.queryParams(),
            ctx.request().headers(), json, requestId);
        Reply reply = route.handler().handle(call);
        if (route.mutates()) {
          durability.awaitDurable(mark);
        }
        context.runOnContext(v -> send(ctx, reply));
      } catch (Refusal e) {
        context.runOnContext(v -> Errors.reply(ctx, e));
      } catch (Throwable t) {
        if (storeFailed(t)) {
          log.warn("request {} {} refused: the store cannot make writes durable ({})", route.method(),
              ctx.request().path(), t.toString());
          context.runOnContext(v -> Errors.reply(ctx, Refusal.storeUnavailable(storeRetryAfter)));
          return;
        }
        log.error("request {} {} failed", route.method(), ctx.request().path(), t);
        context.runOnContext(v -> Errors.reply(ctx, Problem.of(500, "Internal server error",
            "the server failed; quote request id " + requestId + " when reporting it")));
      } finally {
        MDC.remove("requestId");
      }
    });
  }

  /** Fails fast while the store waits to be reopened: it can neither save nor read reliably. */
  private void requireStore() {
    if (!durability.available()) {
      throw Refusal.storeUnavailable(storeRetryAfter);
    }
  }

  /**
   * Whether a failure is the store's: its barrier refused, or the store became unavailable (the driver
   * reports H2's "store is closed" as a plain command error, so the store's own state decides).
   */
  private boolean storeFailed(Throwable t) {
    return t instanceof StoreUnavailableException || !durability.available();
  }

  private Principal authenticate(String authorization, String clientIp, Principal sessionPrincipal) {
    Optional<Principal> p = authenticator.authenticate(authorization, clientIp);
    if (p.isPresent()) {
      return p.get();
    }
    if (sessionPrincipal != null) {
      return authenticator.seen(sessionPrincipal);
    }
    throw Refusal.unauthenticated("authentication required: HTTP Basic (local accounts) or a bearer token");
  }

  /**
   * Finds the route's team and checks the permission in it. An addressed object that does not exist and
   * one of a team the caller is not in get the same 404 (only the path in it differs), so the API is no
   * oracle for other teams' objects; a member lacking the role gets the policy's 403.
   */
  private TeamScope.Owned admit(Principal principal, TeamScope scope, Permission permission, RoutingContext ctx) {
    TeamScope.Owned owned;
    try {
      owned = resolveTeam(scope, ctx);
    } catch (Refusal e) {
      if (e.is(Refusal.Kind.NOT_FOUND)) {
        throw notFound(ctx);
      }
      throw e;
    }
    policy.require(principal, permission, Optional.ofNullable(owned.team()), () -> notFound(ctx));
    return owned;
  }

  private static Refusal notFound(RoutingContext ctx) {
    return Refusal.notFound("no such resource: " + ctx.request().path());
  }

  private static TeamScope.Owned resolveTeam(TeamScope scope, RoutingContext ctx) {
    return switch (scope) {
      case TeamScope.Platform p -> new TeamScope.Owned(null, null);
      case TeamScope.PathParam p -> new TeamScope.Owned(ctx.pathParam(p.name()), null);
      case TeamScope.Lookup l -> new TeamScope.Owned(l.resolver().team(ctx), null);
      case TeamScope.ResourceLookup l -> l.resolver().load(ctx);
    };
  }

  private static boolean acceptableMediaType(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0) {
      return true;
    }
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null) {
      return false;
    }
    String base = type.split(";", 2)[0].trim().toLowerCase();
    return base.equals("application/json") || (base.startsWith("application/") && base.endsWith("+json"));
  }

  private static void send(RoutingContext ctx, Reply reply) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    response.setStatusCode(reply.status());
    reply.headers().forEach(response::putHeader);
    if (reply.body() == null) {
      response.end();
    } else {
      response.putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType());
      response.end(reply.body());
    }
  }
}
