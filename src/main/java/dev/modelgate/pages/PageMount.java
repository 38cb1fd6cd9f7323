package dev.modelgate.pages;

import dev.modelgate.kernel.Refusal;
import dev.modelgate.store.DurabilityBarrier;
import dev.modelgate.store.StoreUnavailableException;
import dev.modelgate.web.ClientAddress;
import dev.modelgate.web.Refusals;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts page handlers on the router: the request is captured on the event loop, the handler runs on a
 * virtual thread, the answer goes out on the event loop. An expected failure ({@link Refusal})
 * becomes the error page with its status, a missing sign-in a redirect to {@code /login}, anything else
 * a logged 500 page that tells nothing about the cause. A form post's writes are made durable before the
 * answer; while the store cannot save (disk full or read-only) pages answer a 503 page with
 * {@code Retry-After}, as the API does.
 */
public final class PageMount {

  private static final Logger log = LoggerFactory.getLogger(PageMount.class);
  public static final int FORM_BODY_LIMIT = 64 * 1024;

  private final Router router;
  private final PageTemplates templates;
  private final ExecutorService blocking;
  private final Optional<String> publicUrl;
  private final PageDurability durability;
  private final BodyHandler forms = BodyHandler.create(false).setBodyLimit(FORM_BODY_LIMIT);

  public PageMount(Router router, PageTemplates templates, ExecutorService blocking, Optional<String> publicUrl,
      PageDurability durability) {
    this.router = router;
    this.durability = durability;
    this.templates = templates;
    this.blocking = blocking;
    this.publicUrl = publicUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
  }

  public void get(String path, PageHandler handler) {
    route(HttpMethod.GET, path, handler);
  }

  public void post(String path, PageHandler handler) {
    router.post(path).handler(forms);
    route(HttpMethod.POST, path, handler);
  }

  private void route(HttpMethod method, String path, PageHandler handler) {
    router.route(method, path).handler(ctx -> {
      if (method == HttpMethod.POST) {
        Optional<FormBody.Refusal> refusal = FormBody.check(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE),
            ctx.body() == null ? null : ctx.body().buffer());
        if (refusal.isPresent()) {
          send(ctx, error(refusal.get().status(), refusal.get().message()));
          return;
        }
      }
      Context context = Vertx.currentContext();
      PageCall call = capture(ctx, method);
      String login = method == HttpMethod.GET ? ReturnTo.loginFor(ctx.request().uri()) : "/login";
      blocking.execute(() -> {
        PageResult result;
        DurabilityBarrier barrier = durability.barrier();
        try {
          long mark = barrier.mark();
          if (!barrier.available()) {
            throw new StoreUnavailableException("the store waits to be reopened", null);
          }
          result = handler.handle(call);
          if (method == HttpMethod.POST) {
            barrier.awaitDurable(mark);
          }
        } catch (StoreUnavailableException e) {
          result = storeUnavailable();
        } catch (SignInRequired e) {
          result = PageResult.redirect(login);
        } catch (Refusal e) {
          result = error(Refusals.status(e), e.detail());
          Refusals.headers(e).forEach(result::header);
        } catch (Exception e) {
          if (!barrier.available()) {
            result = storeUnavailable();
          } else {
            log.error("page {} {} failed", method, path, e);
            result = error(500, "The server failed. Please try again.");
          }
        }
        PageResult r = result;
        context.runOnContext(v -> send(ctx, r));
      });
    });
  }

  private PageCall capture(RoutingContext ctx, HttpMethod method) {
    Cookie session = ctx.request().getCookie(PageSessions.COOKIE);
    Cookie flash = ctx.request().getCookie(Flash.COOKIE);
    boolean secure = ctx.request().isSSL() || publicUrl.map(u -> u.startsWith("https://")).orElse(false);
    String host = ctx.request().authority() == null ? "127.0.0.1" : ctx.request().authority().toString();
    return new PageCall(session == null ? null : session.getValue(), Map.copyOf(ctx.pathParams()),
        method == HttpMethod.POST ? ctx.request().formAttributes() : null, ctx.queryParams(),
        ClientAddress.of(ctx), secure,
        publicUrl.orElse((ctx.request().isSSL() ? "https://" : "http://") + host),
        flash == null ? null : flash.getValue());
  }

  private static void send(RoutingContext ctx, PageResult r) {
    if (ctx.response().ended()) {
      return;
    }
    r.cookies().forEach(ctx.response()::addCookie);
    r.headers().forEach(ctx.response()::putHeader);
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    ctx.response().setStatusCode(r.status());
    if (r.location() != null) {
      ctx.response().putHeader(HttpHeaders.LOCATION, r.location()).end();
    } else {
      // A download has set its own type; every other answer is a page.
      if (!ctx.response().headers().contains(HttpHeaders.CONTENT_TYPE)) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8");
      }
      ctx.response().end(r.html());
    }
  }

  private PageResult storeUnavailable() {
    PageResult r = error(503, "The server cannot save changes right now; nothing was changed. Please try again"
        + " in a moment.");
    r.header("Retry-After", durability.retryAfterSeconds());
    return r;
  }

  public PageResult error(int status, String message) {
    return errorPage(templates, status, message);
  }

  public static PageResult errorPage(PageTemplates templates, int status, String message) {
    return PageResult.html(status, templates.render("error", Map.of("title", "Error " + status, "status", status,
        "message", message == null ? "" : message)));
  }
}
