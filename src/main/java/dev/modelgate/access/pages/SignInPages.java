package dev.modelgate.access.pages;

import dev.modelgate.access.Authenticator;
import dev.modelgate.access.Principal;
import dev.modelgate.access.oidc.InvalidTokenException;
import dev.modelgate.access.oidc.JwtVerifier;
import dev.modelgate.access.oidc.OidcBearerVerifier;
import dev.modelgate.access.oidc.OidcClient;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.pages.PageCall;
import dev.modelgate.pages.PageDurability;
import dev.modelgate.pages.PageMount;
import dev.modelgate.pages.PageResult;
import dev.modelgate.pages.PageSession;
import dev.modelgate.pages.PageSessions;
import dev.modelgate.pages.PageTemplates;
import dev.modelgate.pages.ReturnTo;
import dev.modelgate.web.Errors;
import dev.modelgate.web.Problem;
import dev.modelgate.web.Refusals;
import dev.modelgate.web.Sessions;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages' sign-in and sign-out (each feature mounts its own pages). With an OIDC issuer configured, {@code /login} starts
 * the authorization-code flow with PKCE at the identity provider and {@code /auth/callback} finishes it;
 * without one, {@code /login} is a form for local accounts (CSRF-protected, rate-limited, one message for
 * every failure). Either way the result is a server-side session in the store. Every state-changing form
 * carries the session's CSRF token; API calls that ride on the session cookie must send it as
 * {@code X-CSRF-Token}. Handlers run on virtual threads and answer on the event loop.
 */
public final class SignInPages {

  private static final String CSRF_FIELD = PageSessions.CSRF_FIELD;
  private static final String CSRF_HEADER = PageSessions.CSRF_HEADER;
  private static final Logger log = LoggerFactory.getLogger(SignInPages.class);
  private static final Set<String> ID_TOKEN_TYPES = Set.of("ID");

  private final PageSessions sessions;
  private final PageTemplates templates;
  private final Authenticator authenticator;
  private final Optional<OidcClient> oidc;
  private final Optional<OidcBearerVerifier> accessTokens;
  private final Optional<JwtVerifier> idTokens;
  private final Optional<String> clientId;
  private final Optional<String> publicUrl;
  private final ExecutorService blocking;
  private final PageDurability durability;

  public SignInPages(PageSessions sessions, PageTemplates templates, Authenticator authenticator,
      Optional<OidcClient> oidc, Optional<OidcBearerVerifier> accessTokens, Optional<JwtVerifier> idTokens,
      Optional<String> clientId, Optional<String> publicUrl, ExecutorService blocking, PageDurability durability) {
    this.durability = durability;
    this.sessions = sessions;
    this.templates = templates;
    this.authenticator = authenticator;
    this.oidc = oidc;
    this.accessTokens = accessTokens;
    this.idTokens = idTokens;
    this.clientId = clientId;
    this.publicUrl = publicUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    this.blocking = blocking;
  }

  /** The templates, shared with the feature pages. */
  public PageTemplates templates() {
    return templates;
  }

  public void mount(PageMount mount) {
    mount.get("/", call -> PageResult.redirect("/dashboard"));
    mount.get("/login", this::loginPage);
    mount.post("/login", this::login);
    mount.get("/auth/callback", this::callback);
    mount.post("/logout", this::logout);
    mount.get("/logged-out", call -> PageResult.html(200,
        templates.render("logged-out", Map.of("title", "Signed out"))));
  }

  /**
   * For {@code /api/*}: a request without an Authorization header but with a session cookie acts as the
   * session's user; a state-changing one must also send the session's CSRF token as {@code X-CSRF-Token}.
   */
  public void apiSession(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(PageSessions.COOKIE);
    if (cookie == null || ctx.request().getHeader(HttpHeaders.AUTHORIZATION) != null) {
      ctx.next();
      return;
    }
    Context context = Vertx.currentContext();
    String given = ctx.request().getHeader(CSRF_HEADER);
    boolean mutating = ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.HEAD
        && ctx.request().method() != HttpMethod.OPTIONS;
    String value = cookie.getValue();
    blocking.execute(() -> {
      try {
        Optional<PageSession> s = sessions.find(value);
        Optional<Principal> p = s.flatMap(sessions::current);
        if (p.isPresent() && mutating && !PageSessions.sameToken(s.get().csrfToken(), given)) {
          context.runOnContext(v -> Errors.reply(ctx, Problem.of(403, "Forbidden",
              "a request authenticated by the session cookie must send the CSRF token as " + CSRF_HEADER)));
          return;
        }
        context.runOnContext(v -> {
          p.ifPresent(principal -> {
            ctx.put(Sessions.PRINCIPAL_KEY, principal);
            ctx.put(Sessions.RECHECK_KEY, (Supplier<Optional<Principal>>) () -> sessions.find(value)
                .flatMap(sessions::current));
          });
          ctx.next();
        });
      } catch (RuntimeException e) {
        if (!durability.barrier().available()) {
          // the store cannot be read reliably until it is reopened: try again later, as the API says
          context.runOnContext(v -> Errors.reply(ctx, Refusal.storeUnavailable(durability.retryAfter())));
          return;
        }
        context.runOnContext(v -> ctx.fail(e));
      }
    });
  }

  private PageResult error(int status, String message) {
    return PageMount.errorPage(templates, status, message);
  }

  // --- sign in -----------------------------------------------------------------------------------------

  private PageResult loginPage(PageCall call) {
    Optional<PageSession> existing = sessions.find(call.sessionCookie());
    String next = ReturnTo.safe(call.query().get("next")).orElse(ReturnTo.DEFAULT);
    if (existing.flatMap(sessions::current).isPresent()) {
      return PageResult.redirect(next);
    }
    existing.ifPresent(sessions::end);
    if (oidc.isPresent()) {
      return startSingleSignOn(call, next);
    }
    PageSessions.Started s = sessions.startAnonymous();
    return loginForm(200, s.session(), null, "", next).cookie(sessions.cookie(s.cookieValue(), call.secure()));
  }

  private PageResult loginForm(int status, PageSession s, String message, String username, String next) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("title", "Sign in");
    vars.put("csrf", s.csrfToken());
    vars.put("message", message);
    vars.put("username", username);
    vars.put("next", next.equals(ReturnTo.DEFAULT) ? null : next);
    return PageResult.html(status, templates.render("login", vars));
  }

  private PageResult startSingleSignOn(PageCall call, String next) {
    String verifier = sessions.randomToken();
    PageSession.PendingLogin pending = new PageSession.PendingLogin(sessions.randomToken(), verifier,
        sessions.randomToken(), next);
    PageSessions.Started s = sessions.startPending(pending);
    String url = oidc.get().authorizeUrl(call.baseUrl() + "/auth/callback", pending.state(), challenge(verifier),
        pending.nonce());
    return PageResult.redirect(url).cookie(sessions.cookie(s.cookieValue(), call.secure()));
  }

  /** The local accounts' login form. */
  private PageResult login(PageCall call) {
    if (oidc.isPresent()) {
      return error(404, "Sign in through single sign-on.");
    }
    Optional<PageSession> s = sessions.find(call.sessionCookie());
    if (s.isEmpty() || !PageSessions.sameToken(s.get().csrfToken(), call.form(CSRF_FIELD))) {
      return error(403, "The form has expired or did not come from this site. Reload the sign-in page.");
    }
    String next = ReturnTo.safe(call.form("next")).orElse(ReturnTo.DEFAULT);
    String username = Optional.ofNullable(call.form("username")).orElse("").trim();
    String password = Optional.ofNullable(call.form("password")).orElse("");
    if (username.isEmpty() || password.isEmpty() || username.length() > 200 || password.length() > 1024) {
      return loginForm(400, s.get(), "Enter your user name and password.", username, next);
    }
    Optional<Principal> p;
    try {
      p = authenticator.passwordLogin(username, password.toCharArray(), call.clientIp(), "pages");
    } catch (Refusal e) {
      if (!e.is(Refusal.Kind.TOO_MANY_ATTEMPTS)) {
        throw e;
      }
      PageResult r = loginForm(429, s.get(), "Too many failed sign-ins. Try again later.", username, next);
      Refusals.headers(e).forEach(r::header);
      return r;
    }
    if (p.isEmpty()) {
      return loginForm(401, s.get(), "Invalid user name or password.", username, next);
    }
    sessions.end(s.get());
    PageSessions.Started signedIn = sessions.startSignedIn(p.get(), Optional.empty());
    return PageResult.redirect(next).cookie(sessions.cookie(signedIn.cookieValue(), call.secure()));
  }

  /** The identity provider sends the browser back here with a code (or an error). */
  private PageResult callback(PageCall call) throws Exception {
    if (oidc.isEmpty() || accessTokens.isEmpty() || idTokens.isEmpty()) {
      return error(404, "Single sign-on is not configured.");
    }
    Optional<PageSession> s = sessions.find(call.sessionCookie());
    Optional<PageSession.PendingLogin> pending = s.flatMap(PageSession::pending);
    if (pending.isEmpty() || !PageSessions.sameToken(pending.get().state(), call.query().get("state"))) {
      return error(400, "This sign-in link has expired. Please sign in again.");
    }
    sessions.end(s.get());
    if (call.query().get("error") != null || call.query().get("code") == null) {
      return error(401, "Sign-in was cancelled or refused by the identity provider.");
    }
    String iss = call.query().get("iss");
    if (iss != null && !iss.equals(oidc.get().issuer())) {
      return error(400, "The sign-in answer came from an unexpected issuer.");
    }
    OidcClient.Tokens tokens = oidc.get().exchange(call.query().get("code"), pending.get().codeVerifier(),
        call.baseUrl() + "/auth/callback");
    Principal principal;
    try {
      principal = accessTokens.get().principal(tokens.accessToken());
      if (tokens.idToken().isEmpty()) {
        throw new InvalidTokenException("no ID token");
      }
      var id = idTokens.get().verify(tokens.idToken().get(), clientId.orElseThrow(), ID_TOKEN_TYPES);
      if (!PageSessions.sameToken(pending.get().nonce(), id.getString("nonce"))) {
        throw new InvalidTokenException("ID token nonce does not match");
      }
    } catch (InvalidTokenException e) {
      log.warn("single sign-on refused: {}", e.getMessage());
      return error(401, "The identity provider's answer could not be verified.");
    }
    PageSessions.Started signedIn = sessions.startSignedIn(principal, Optional.of(tokens));
    authenticator.recordLogin(principal, call.clientIp(), "pages-sso");
    return PageResult.redirect(ReturnTo.safe(pending.get().returnTo()).orElse(ReturnTo.DEFAULT))
        .cookie(sessions.cookie(signedIn.cookieValue(), call.secure()));
  }

  private PageResult logout(PageCall call) {
    Optional<PageSession> s = sessions.find(call.sessionCookie());
    if (s.isEmpty()) {
      return PageResult.redirect("/logged-out").cookie(sessions.expiredCookie(call.secure()));
    }
    if (!PageSessions.sameToken(s.get().csrfToken(), call.form(CSRF_FIELD))) {
      return error(403, "The form has expired or did not come from this site. Reload the page.");
    }
    sessions.signOut(s.get());
    s.get().principal().ifPresent(p -> authenticator.recordLogout(p, call.clientIp()));
    String after = call.baseUrl() + "/logged-out";
    Optional<String> idToken = s.get().tokens().flatMap(OidcClient.Tokens::idToken);
    String target = oidc.isPresent() && idToken.isPresent()
        ? oidc.get().endSessionUrl(idToken.get(), after).orElse("/logged-out")
        : "/logged-out";
    return PageResult.redirect(target).cookie(sessions.expiredCookie(call.secure()));
  }

  private static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
