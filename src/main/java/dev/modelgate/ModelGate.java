package dev.modelgate;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.access.AccessRoutes;
import dev.modelgate.access.AccountRepository;
import dev.modelgate.access.Authenticator;
import dev.modelgate.access.LocalAccounts;
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
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.access.PasswordHasher;
import dev.modelgate.audit.AuditLog;
import dev.modelgate.engine.EmbeddedEngine;
import dev.modelgate.engine.EngineSettings;
import dev.modelgate.workflow.WorkflowFeature;
import dev.modelgate.workflow.engine.CamundaProcessEngine;
import dev.modelgate.workflow.engine.ProcessEngine;
import dev.modelgate.workflow.outbound.SignedWebhookCall;
import dev.modelgate.workflow.settings.SettingsRoutes;
import dev.modelgate.workflow.settings.TeamSettingsRepository;
import dev.modelgate.workflow.settings.TeamSettingsService;
import java.net.URI;
import dev.modelgate.audit.AuditRepository;
import dev.modelgate.audit.AuditRoutes;
import dev.modelgate.config.Config;
import dev.modelgate.costbenefit.CostBenefit;
import dev.modelgate.costbenefit.CostBenefitRoutes;
import dev.modelgate.costbenefit.LedgerRepository;
import dev.modelgate.costbenefit.RatesRepository;
import dev.modelgate.demo.DemoData;
import dev.modelgate.maturity.CostEvidence;
import dev.modelgate.maturity.Maturity;
import dev.modelgate.maturity.MaturityRepository;
import dev.modelgate.maturity.MaturityRoutes;
import dev.modelgate.maturity.Questionnaire;
import dev.modelgate.maturity.RegistryEvidence;
import dev.modelgate.discussion.DiscussionRepository;
import dev.modelgate.discussion.DiscussionRoutes;
import dev.modelgate.discussion.Discussions;
import dev.modelgate.discussion.MarkdownRenderer;
import dev.modelgate.discussion.SubjectResolver;
import dev.modelgate.notify.NotificationInbox;
import dev.modelgate.notify.NotificationStream;
import dev.modelgate.notify.Notifier;
import dev.modelgate.notify.NotifyRoutes;
import dev.modelgate.notify.StoreNotifier;
import dev.modelgate.notify.webhook.RetryPolicy;
import dev.modelgate.notify.webhook.TeamWebhooks;
import dev.modelgate.notify.webhook.WebhookDeliveries;
import dev.modelgate.notify.webhook.WebhookDispatcher;
import dev.modelgate.notify.webhook.WebhookRepository;
import dev.modelgate.notify.webhook.WebhookSender;
import dev.modelgate.notify.webhook.WebhookTargets;
import dev.modelgate.ops.OpsRoutes;
import dev.modelgate.pages.FeaturePages;
import dev.modelgate.pages.PageRoutes;
import dev.modelgate.pages.PageSessionRepository;
import dev.modelgate.pages.PageSessions;
import dev.modelgate.pages.PageTemplates;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.ProjectRepository;
import dev.modelgate.registry.Registry;
import dev.modelgate.registry.RegistryRoutes;
import dev.modelgate.registry.TeamRepository;
import dev.modelgate.store.Store;
import dev.modelgate.timetracking.TimeReports;
import dev.modelgate.timetracking.TimeRoutes;
import dev.modelgate.timetracking.TimeTracking;
import dev.modelgate.web.ApiDocs;
import dev.modelgate.web.ApiRouter;
import dev.modelgate.web.Errors;
import dev.modelgate.web.Problem;
import dev.modelgate.web.RequestIds;
import dev.modelgate.web.RequestLog;
import dev.modelgate.web.SecurityHeaders;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import dev.modelgate.access.Account;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Collectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running ModelGate server: store, HTTP API and pages. {@link #start} wires the features together;
 * {@link #close} drains requests and closes everything in reverse order.
 */
public final class ModelGate implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ModelGate.class);

  private final Config config;
  private final Store store;
  private final Vertx vertx;
  private final ExecutorService blocking;
  private final HttpServer http;
  private final ApiRouter api;
  private final AtomicBoolean accepting;
  private final List<AutoCloseable> background;

  private ModelGate(Config config, Store store, Vertx vertx, ExecutorService blocking, HttpServer http,
      ApiRouter api, AtomicBoolean accepting, List<AutoCloseable> background) {
    this.config = config;
    this.store = store;
    this.vertx = vertx;
    this.blocking = blocking;
    this.http = http;
    this.api = api;
    this.accepting = accepting;
    this.background = background;
  }

  /** The workflow engine side: the embedded engine (if this process runs it), the client, the feature. */
  private record Workflowing(EmbeddedEngine embedded, ProcessEngine engine, WorkflowFeature feature)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        if (feature != null) {
          feature.close();
        }
        engine.close();
      } finally {
        if (embedded != null) {
          embedded.close();
        }
      }
    }
  }

  public static ModelGate start(Config config) throws Exception {
    return start(config, Clock.systemUTC());
  }

  /** Starts with the given clock, which the embedded engine's timers follow too (tests move it). */
  public static ModelGate start(Config config, Clock clock) throws Exception {
    Store store = Store.open(config.mongoUri(), config.mongoDatabase(), config.dataDir());
    ExecutorService blocking = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("modelgate-vt-", 0).factory());
    Vertx vertx = null;
    Workflowing workflowing = null;
    // The engine rebuilds its state while the features are wired: the two overlap on separate cores.
    CompletableFuture<Workflowing> engineStarting =
        CompletableFuture.supplyAsync(() -> startEngine(config, store, clock), blocking);
    try {
      log.info("store: {}", store.description());
      AccountRepository accountRepository = new AccountRepository(store);
      LocalAccounts accounts = new LocalAccounts(accountRepository, new PasswordHasher(), clock);
      AuditLog auditLog = new AuditLog(new AuditRepository(store), clock);
      auditLog.ensureIndexes();
      ModelVersionRepository modelVersions = new ModelVersionRepository(store);
      Registry registry = new Registry(new TeamRepository(store), new ProjectRepository(store), modelVersions, clock,
          auditLog);
      registry.ensureIndexes();
      AccessPolicy policy = new AccessPolicy();
      TimeTracking timeTracking = TimeTracking.onStore(store, registry, policy, clock);
      timeTracking.ensureIndexes();
      TimeReports timeReports = new TimeReports(timeTracking, registry, policy);
      CostBenefit costBenefit = new CostBenefit(new RatesRepository(store),
          new LedgerRepository(store, "project_costs"), new LedgerRepository(store, "project_benefits"), timeReports,
          auditLog, clock);
      // Evidence sources for pre-filled maturity answers; the workflow feature adds its own here.
      Maturity maturity = new Maturity(Questionnaire.load(), new MaturityRepository(store),
          List.of(new RegistryEvidence(registry), new CostEvidence(timeReports, costBenefit),
              new dev.modelgate.workflow.WorkflowEvidence(store)), auditLog, clock);
      NotificationInbox inbox = new NotificationInbox(store, clock);
      inbox.ensureIndexes();
      WebhookRepository webhookRepository = new WebhookRepository(store);
      WebhookDeliveries webhookDeliveries = new WebhookDeliveries(store);
      TeamWebhooks webhooks = new TeamWebhooks(webhookRepository, webhookDeliveries, clock);
      webhooks.ensureIndexes();
      Notifier notifier = new StoreNotifier(inbox, webhooks);
      Discussions discussions = new Discussions(new DiscussionRepository(store), new SubjectResolver(registry),
          new MarkdownRenderer(), team -> accountRepository.membersOf(team).stream().map(Account::username)
              .collect(Collectors.toUnmodifiableSet()),
          notifier, auditLog, policy, clock);
      discussions.ensureIndexes();
      bootstrapAdmin(config, accounts);
      if (config.demo()) {
        new DemoData(registry, accounts, blocking).seed();
        store.durability().awaitDurable();
      }

      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      vertx = Vertx.builder()
          .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
              .setJvmMetricsEnabled(true)))
          .withMetrics(new MicrometerMetricsFactory(metrics))
          .build();
      AtomicBoolean accepting = new AtomicBoolean(true);
      Router router = Router.router(vertx);
      router.route().handler(RequestIds::assign);
      router.route().handler(RequestLog::handle);
      router.route().handler(SecurityHeaders.allowingFormsTo(
          OidcSettings.from(config).map(s -> java.net.URI.create(s.issuer()).resolve("/").toString()
              .replaceAll("/$", ""))));
      router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
      new OpsRoutes(store, blocking, metrics, accepting::get).mount(router);
      ApiDocs.mount(router);

      // Identity: local accounts, personal API tokens, and (when configured) OIDC single sign-on.
      AuditTrail audit = auditLog;
      ApiTokens apiTokens = new ApiTokens(new ApiTokenRepository(store), registry::teamExists,
          accounts::principal, audit, clock);
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
        var unknownTeams = io.micrometer.core.instrument.Counter.builder("modelgate.oidc.unknown.team")
            .description("verified tokens naming a team that is not in the store").register(metrics);
        TeamRoleClaims claims = new TeamRoleClaims(s.groupsClaim(), registry::teamExists,
            team -> unknownTeams.increment());
        OidcBearerVerifier bearer = new OidcBearerVerifier(jwt, s.audience(), claims, clock);
        verifiers.add(bearer);
        oidc = Optional.of(client);
        oidcBearer = Optional.of(bearer);
        jwtVerifier = Optional.of(jwt);
        log.info("single sign-on: issuer {}, client {}, audience {}", s.issuer(), s.clientId(), s.audience());
      }
      Authenticator authenticator = new Authenticator(accounts, verifiers, LoginThrottle.standard(clock), audit);
      PageSessions sessions = new PageSessions(new PageSessionRepository(store), oidc, oidcBearer,
          accounts::principal, clock);
      sessions.ensureIndexes();
      PageTemplates templates = new PageTemplates(Path.of("templates"));
      PageRoutes pages = new PageRoutes(sessions, templates, authenticator, oidc,
          oidcBearer, jwtVerifier, oidcSettings.map(OidcSettings::clientId), config.publicUrl(), blocking);
      router.route("/api/*").handler(pages::apiSession);
      ApiRouter api = new ApiRouter(router, authenticator, policy, store.durability(), blocking);
      api.mount(new RegistryRoutes(registry).table());
      api.mount(new ApiTokenRoutes(apiTokens).table());
      api.mount(new AccessRoutes(accounts, accountRepository, registry::teamExists, auditLog).table());
      api.mount(new AuditRoutes(auditLog, policy).table());
      api.mount(new TimeRoutes(timeTracking, timeReports, registry).table());
      api.mount(new CostBenefitRoutes(costBenefit, registry).table());
      api.mount(new MaturityRoutes(maturity, registry).table());
      // Finishes time-entry changes a crashed replica left half-applied (idempotent, any replica may run it).
      ExecutorService repairs = blocking;
      vertx.setPeriodic(60_000, id -> repairs.execute(() -> {
        try {
          timeTracking.repairPending(java.time.Duration.ofMinutes(1));
        } catch (RuntimeException e) {
          log.warn("time-entry repair failed: {}", e.toString());
        }
      }));
      api.mount(new DiscussionRoutes(discussions).table());
      NotificationStream notificationStream = new NotificationStream(inbox, config.notifications().pollInterval(),
          config.notifications().sseHeartbeat(), Duration.ofSeconds(5));
      metrics.gauge("modelgate.sse.streams", notificationStream.openStreams());
      NotifyRoutes notifyRoutes = new NotifyRoutes(inbox, notificationStream, webhooks, registry::teamExists);
      api.mount(notifyRoutes.table());
      api.mountStreams(notifyRoutes.streams());
      TeamSettingsService teamSettings = new TeamSettingsService(new TeamSettingsRepository(store), auditLog, clock);
      api.mount(new SettingsRoutes(teamSettings, registry::teamExists).table());
      workflowing = awaitEngine(engineStarting);
      WorkflowFeature workflowFeature = new WorkflowFeature(store, registry, modelVersions, teamSettings,
          workflowing.engine(), new SignedWebhookCall(teamSettings, store, clock, 3, Duration.ofMillis(200),
              new WebhookTargets(config.notifications().webhookAllowPrivate())),
          auditLog, notifier, (key, projectId, team, workflowId, step, role, seconds, at) ->
              timeTracking.recordWorkflowStepTime(projectId, workflowId, step, role, Duration.ofSeconds(seconds), key),
          (team, role) -> accountRepository.membersOf(team).stream()
              .filter(a -> a.teamRoles().getOrDefault(team, java.util.Set.of()).stream()
                  .anyMatch(r -> r.id().equals(role)))
              .map(Account::username).collect(Collectors.toUnmodifiableSet()),
          clock);
      workflowFeature.ensureIndexes();
      workflowFeature.start();
      workflowing = new Workflowing(workflowing.embedded(), workflowing.engine(), workflowFeature);
      api.mount(workflowFeature.routes());
      pages.mount(router);
      new FeaturePages(sessions, templates, policy, blocking, config.publicUrl(), new FeaturePages.Services(registry,
          workflowFeature.workflows(), workflowFeature.inbox(), workflowFeature.approvals(), discussions, timeTracking,
          timeReports, costBenefit, maturity, auditLog, new FeaturePages.People(inbox, apiTokens, teamSettings, webhooks,
          accounts, accountRepository))).mount(router);
      vertx.setPeriodic(15 * 60_000, id -> repairs.execute(() -> {
        try {
          sessions.sweepExpired();
        } catch (RuntimeException e) {
          log.warn("session sweep failed: {}", e.toString());
        }
      }));
      router.route("/api/*").handler(ctx -> Errors.reply(ctx,
          Problem.of(404, "Not found", "no API route " + ctx.request().method() + " " + ctx.request().path())));
      router.route().failureHandler(Errors::onFailure);

      HttpServer http = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
          .requestHandler(router)
          .listen(config.httpPort(), config.httpHost())
          .await(30, TimeUnit.SECONDS);
      WebhookDispatcher dispatcher = new WebhookDispatcher(webhookRepository, webhookDeliveries,
          new WebhookSender(clock, Duration.ofSeconds(10),
              new WebhookTargets(config.notifications().webhookAllowPrivate())),
          new RetryPolicy(config.notifications().webhookBackoff(), config.notifications().webhookMaxAttempts(),
              config.notifications().webhookDisableAfter()),
          store.durability(), clock, config.notifications().pollInterval(), Duration.ofSeconds(60));
      dispatcher.start();
      return new ModelGate(config, store, vertx, blocking, http, api, accepting, List.of(dispatcher, workflowing));
    } catch (Exception | Error e) {
      if (workflowing == null) {
        workflowing = engineStarting.handle((w, failure) -> w).join();
      }
      if (workflowing != null) {
        workflowing.close();
      }
      if (vertx != null) {
        vertx.close().await(10, TimeUnit.SECONDS);
      }
      blocking.shutdownNow();
      store.close();
      throw e;
    }
  }

  /**
   * The embedded engine on {@code MODELGATE_ENGINE_ADDRESS} unless {@code ZEEBE_GRPC_ADDRESS} names an
   * external Zeebe gateway; either way the workflow feature talks to it through the Camunda client.
   */
  private static Workflowing awaitEngine(CompletableFuture<Workflowing> starting) {
    try {
      return starting.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private static Workflowing startEngine(Config config, Store store, Clock clock) {
    EmbeddedEngine embedded = null;
    URI address;
    if (config.embeddedEngine()) {
      String hostPort = config.engineAddress();
      int colon = hostPort.lastIndexOf(':');
      String host = hostPort.substring(0, colon);
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      embedded = EmbeddedEngine.start(new EngineSettings(host, port, store.database(),
          () -> store.durability().awaitDurable(), clock::millis));
      address = URI.create("http://" + host + ":" + embedded.port());
    } else {
      address = URI.create(config.zeebeGrpcAddress().orElseThrow());
    }
    log.info("workflow engine: {} at {}", embedded == null ? "external Zeebe" : "embedded", address);
    return new Workflowing(embedded, new CamundaProcessEngine(CamundaProcessEngine.newClient(address),
        store.durability()), null);
  }

  private static void bootstrapAdmin(Config config, LocalAccounts accounts) {
    config.adminPassword().ifPresent(pw -> {
      if (!accounts.exists("admin")) {
        accounts.create("admin", "Administrator", pw.toCharArray(), true, Map.of());
        log.info("created the local 'admin' account from MODELGATE_ADMIN_PASSWORD");
      }
    });
  }

  public int httpPort() {
    return http.actualPort();
  }

  public Config config() {
    return config;
  }

  public Store store() {
    return store;
  }

  public ApiRouter api() {
    return api;
  }

  /** Graceful stop: refuse new work, let running requests finish, then close the store. */
  @Override
  public void close() {
    accepting.set(false);
    try {
      http.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("HTTP server did not close cleanly: {}", e.toString());
    }
    for (AutoCloseable b : background) {
      try {
        b.close();
      } catch (Exception e) {
        log.warn("{} did not close cleanly: {}", b.getClass().getSimpleName(), e.toString());
      }
    }
    blocking.shutdown();
    try {
      if (!blocking.awaitTermination(10, TimeUnit.SECONDS)) {
        blocking.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Vert.x did not close cleanly: {}", e.toString());
    }
    store.close();
  }
}
