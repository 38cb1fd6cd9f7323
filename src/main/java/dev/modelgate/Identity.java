package dev.modelgate;

import dev.modelgate.access.AccessRoutes;
import dev.modelgate.access.Authenticator;
import dev.modelgate.access.LoginThrottle;
import dev.modelgate.access.oidc.JsonWebKeys;
import dev.modelgate.access.oidc.JwtVerifier;
import dev.modelgate.access.oidc.OidcBearerVerifier;
import dev.modelgate.access.oidc.OidcClient;
import dev.modelgate.access.oidc.OidcSettings;
import dev.modelgate.access.oidc.TeamRoleClaims;
import dev.modelgate.access.tokens.ApiTokenRepository;
import dev.modelgate.access.tokens.ApiTokenRoutes;
import dev.modelgate.access.tokens.ApiTokens;
import dev.modelgate.config.Config;
import dev.modelgate.pages.PageDurability;
import dev.modelgate.pages.PageRoutes;
import dev.modelgate.pages.PageSessionRepository;
import dev.modelgate.pages.PageSessions;
import dev.modelgate.pages.PageTemplates;
import dev.modelgate.web.ApiRouter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is calling: local accounts, personal API tokens, and (when configured) OIDC single sign-on, for the
 * API (one authenticator) and for the pages (server-side sessions).
 */
record Identity(ApiTokens apiTokens, Optional<OidcSettings> oidcSettings, Optional<OidcClient> oidc,
    Optional<OidcBearerVerifier> oidcBearer, Optional<JwtVerifier> jwtVerifier, Authenticator authenticator,
    PageSessions sessions, PageRoutes pages) {

  private static final Logger log = LoggerFactory.getLogger(Identity.class);

  static Identity wire(Config config, Core core, Vertx vertx, MeterRegistry metrics, ExecutorService blocking) {
    var clock = core.clock();
    ApiTokens apiTokens = new ApiTokens(new ApiTokenRepository(core.store()), core.registry()::teamExists,
        core.accounts()::principal, core.accessEpochs(), core.auditLog(), clock);
    apiTokens.ensureIndexes();
    List<Authenticator.BearerVerifier> verifiers = new ArrayList<>(List.of(apiTokens));
    Optional<OidcSettings> oidcSettings = OidcSettings.from(config);
    Optional<OidcClient> oidc = Optional.empty();
    Optional<OidcBearerVerifier> oidcBearer = Optional.empty();
    Optional<JwtVerifier> jwtVerifier = Optional.empty();
    if (oidcSettings.isPresent()) {
      OidcSettings s = oidcSettings.get();
      OidcClient client = OidcClient.discover(vertx, s, clock);
      JwtVerifier jwt = new JwtVerifier(JsonWebKeys.of(client.jwksUri(), clock), s.issuer(), Duration.ofSeconds(30),
          clock);
      Counter unknownTeams = Counter.builder("modelgate.oidc.unknown.team")
          .description("verified tokens naming a team that is not in the store").register(metrics);
      TeamRoleClaims claims = new TeamRoleClaims(s.groupsClaim(), core.registry()::teamExists,
          team -> unknownTeams.increment());
      OidcBearerVerifier bearer = new OidcBearerVerifier(jwt, s.audience(), claims, core.accessEpochs(), clock);
      verifiers.add(bearer);
      oidc = Optional.of(client);
      oidcBearer = Optional.of(bearer);
      jwtVerifier = Optional.of(jwt);
      log.info("single sign-on: issuer {}, client {}, audience {}", s.issuer(), s.clientId(), s.audience());
    }
    Authenticator authenticator = new Authenticator(core.accounts(), verifiers, LoginThrottle.standard(clock),
        core.auditLog(), core.directory()::seen);
    PageSessions sessions = new PageSessions(new PageSessionRepository(core.store()), oidc, oidcBearer,
        core.accounts()::principal, core.accessEpochs(), clock);
    sessions.ensureIndexes();
    PageRoutes pages = new PageRoutes(sessions, new PageTemplates(Path.of("templates")), authenticator, oidc,
        oidcBearer, jwtVerifier, oidcSettings.map(OidcSettings::clientId), config.publicUrl(), blocking,
        new PageDurability(core.store().durability(), config.storeRecovery().retryAfter()));
    return new Identity(apiTokens, oidcSettings, oidc, oidcBearer, jwtVerifier, authenticator, sessions, pages);
  }

  /** The identity provider's origin, which the pages' form-action policy must allow (sign-in redirects there). */
  static Optional<String> providerOrigin(Config config) {
    return OidcSettings.from(config).map(s -> java.net.URI.create(s.issuer()).resolve("/").toString()
        .replaceAll("/$", ""));
  }

  void mount(ApiRouter api, Core core) {
    api.mount(new ApiTokenRoutes(apiTokens).table());
    api.mount(new AccessRoutes(core.accounts(), core.accountRepository(), core.registry()::teamExists,
        core.auditLog()).table());
  }
}
