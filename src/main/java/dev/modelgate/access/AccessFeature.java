package dev.modelgate.access;

import dev.modelgate.access.api.AccessRoutes;
import dev.modelgate.access.oidc.JsonWebKeys;
import dev.modelgate.access.oidc.JwtVerifier;
import dev.modelgate.access.oidc.OidcBearerVerifier;
import dev.modelgate.access.oidc.OidcClient;
import dev.modelgate.access.oidc.OidcSettings;
import dev.modelgate.access.oidc.TeamRoleClaims;
import dev.modelgate.access.pages.SignInPages;
import dev.modelgate.access.pages.TokenPages;
import dev.modelgate.access.tokens.ApiTokenRepository;
import dev.modelgate.access.tokens.ApiTokens;
import dev.modelgate.access.tokens.api.ApiTokenRoutes;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.config.Config;
import dev.modelgate.feature.Background;
import dev.modelgate.feature.Edge;
import dev.modelgate.feature.Feature;
import dev.modelgate.feature.Foundation;
import dev.modelgate.pages.PageDurability;
import dev.modelgate.pages.PageSessionRepository;
import dev.modelgate.pages.PageSessions;
import dev.modelgate.pages.PageTemplates;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is calling and what they may do: local accounts, the people directory (SSO users seen), the access
 * policy, personal API tokens, and (when configured) OIDC single sign-on, for the API (one authenticator)
 * and for the pages (server-side sessions, sign-in and sign-out). Expired sessions are swept in the
 * background.
 */
public final class AccessFeature implements Feature {

  private static final Logger log = LoggerFactory.getLogger(AccessFeature.class);

  private final AccountRepository accountRepository;
  private final AccessEpochs accessEpochs;
  private final LocalAccounts accounts;
  private final UserDirectory directory;
  private final AccessPolicy policy = new AccessPolicy();
  private final TeamMembers teamMembers;
  private final ApiTokens apiTokens;
  private final Authenticator authenticator;
  private final PageSessions sessions;
  private final SignInPages signIn;
  private final Predicate<String> teamExists;
  private final AuditTrail audit;

  /** {@code teamExists} is the registry's: tokens, SSO group claims and role changes name known teams only. */
  public AccessFeature(Foundation f, Predicate<String> teamExists, PageTemplates templates,
      PageDurability durability) {
    var clock = f.clock();
    Config config = f.config();
    this.teamExists = teamExists;
    this.audit = f.auditLog();
    this.accountRepository = new AccountRepository(f.store());
    // Bumped by every change to what a person may do; every cached principal is checked against it.
    this.accessEpochs = new AccessEpochs(f.store());
    this.accounts = new LocalAccounts(accountRepository, new PasswordHasher(), accessEpochs, clock);
    // Everyone seen signing in or calling the API (SSO users too), for mentions and role notifications.
    this.directory = new UserDirectory(f.store(), accountRepository, clock);
    this.teamMembers = new TeamMembers(accounts, accountRepository, f.auditLog());
    this.apiTokens = new ApiTokens(new ApiTokenRepository(f.store()), teamExists, accounts::principal, accessEpochs,
        f.auditLog(), clock);
    apiTokens.ensureIndexes();
    List<Authenticator.BearerVerifier> verifiers = new ArrayList<>(List.of(apiTokens));
    Optional<OidcSettings> oidcSettings = OidcSettings.from(config);
    Optional<OidcClient> oidc = Optional.empty();
    Optional<OidcBearerVerifier> oidcBearer = Optional.empty();
    Optional<JwtVerifier> jwtVerifier = Optional.empty();
    if (oidcSettings.isPresent()) {
      OidcSettings s = oidcSettings.get();
      OidcClient client = OidcClient.discover(f.vertx(), s, clock);
      JwtVerifier jwt = new JwtVerifier(JsonWebKeys.of(client.jwksUri(), clock), s.issuer(), Duration.ofSeconds(30),
          clock);
      Counter unknownTeams = Counter.builder("modelgate.oidc.unknown.team")
          .description("verified tokens naming a team that is not in the store").register(f.metrics());
      TeamRoleClaims claims = new TeamRoleClaims(s.groupsClaim(), teamExists, team -> unknownTeams.increment());
      OidcBearerVerifier bearer = new OidcBearerVerifier(jwt, s.audience(), claims, accessEpochs, clock);
      verifiers.add(bearer);
      oidc = Optional.of(client);
      oidcBearer = Optional.of(bearer);
      jwtVerifier = Optional.of(jwt);
      log.info("single sign-on: issuer {}, client {}, audience {}", s.issuer(), s.clientId(), s.audience());
    }
    this.authenticator = new Authenticator(accounts, verifiers, LoginThrottle.standard(clock), f.auditLog(),
        directory::seen);
    this.sessions = new PageSessions(new PageSessionRepository(f.store()), oidc, oidcBearer, accounts::principal,
        accessEpochs, clock);
    sessions.ensureIndexes();
    this.signIn = new SignInPages(sessions, templates, authenticator, oidc, oidcBearer, jwtVerifier,
        oidcSettings.map(OidcSettings::clientId), config.publicUrl(), f.blocking(), durability);
    bootstrapAdmin(config);
  }

  /** The identity provider's origin, which the pages' form-action policy must allow (sign-in redirects there). */
  public static Optional<String> providerOrigin(Config config) {
    return OidcSettings.from(config).map(s -> java.net.URI.create(s.issuer()).resolve("/").toString()
        .replaceAll("/$", ""));
  }

  private void bootstrapAdmin(Config config) {
    config.adminPassword().ifPresent(pw -> {
      if (!accounts.exists("admin")) {
        accounts.create("admin", "Administrator", pw.toCharArray(), true, Map.of());
        log.info("created the local 'admin' account from MODELGATE_ADMIN_PASSWORD");
      }
    });
  }

  public LocalAccounts accounts() {
    return accounts;
  }

  public AccessPolicy policy() {
    return policy;
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  public PageSessions sessions() {
    return sessions;
  }

  /** Sign-in, sign-out, and the session cookie's use on the API ({@link SignInPages#apiSession}). */
  public SignInPages signIn() {
    return signIn;
  }

  public TeamMembers teamMembers() {
    return teamMembers;
  }

  /** Whether {@code username} may see the team's subjects (local accounts, and SSO users seen before). */
  public boolean isTeamMember(String team, String username) {
    return directory.isMember(team, username);
  }

  /** The user names holding {@code role} in {@code team} (local accounts, and SSO users seen before). */
  public Set<String> roleHolders(String team, String role) {
    return directory.holders(team, role);
  }

  @Override
  public void mount(Edge edge) {
    edge.api().mount(new ApiTokenRoutes(apiTokens).table());
    edge.api().mount(new AccessRoutes(accounts, accountRepository, teamExists, audit).table());
    signIn.mount(edge.pages());
    new TokenPages(edge.kit(), apiTokens).mount(edge.pages());
  }

  @Override
  public void start(Background background) {
    background.every(Duration.ofMinutes(15), "session sweep", sessions::sweepExpired);
  }
}
