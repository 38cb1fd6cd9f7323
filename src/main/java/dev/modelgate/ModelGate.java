package dev.modelgate;

import dev.modelgate.access.LocalAccounts;
import dev.modelgate.audit.AuditRoutes;
import dev.modelgate.config.Config;
import dev.modelgate.demo.DemoActivity;
import dev.modelgate.demo.DemoData;
import dev.modelgate.notify.NotificationStream;
import dev.modelgate.notify.webhook.PinnedHttp;
import dev.modelgate.notify.webhook.WebhookDispatcher;
import dev.modelgate.notify.webhook.WebhookTargets;
import dev.modelgate.ops.OpsRoutes;
import dev.modelgate.pages.FeaturePages;
import dev.modelgate.pages.PageDurability;
import dev.modelgate.registry.RegistryRoutes;
import dev.modelgate.store.Store;
import dev.modelgate.web.ApiDocs;
import dev.modelgate.web.ApiRouter;
import dev.modelgate.web.ClientAddress;
import dev.modelgate.web.Errors;
import dev.modelgate.web.Problem;
import dev.modelgate.web.RequestIds;
import dev.modelgate.web.RequestLog;
import dev.modelgate.web.SecurityHeaders;
import dev.modelgate.workflow.WorkflowFeature;
import dev.modelgate.workflow.outbound.SignedWebhookCall;
import dev.modelgate.workflow.settings.SettingsRoutes;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running ModelGate server: store, HTTP API and pages. {@link #start} wires the parts together ({@link
 * Core}, {@link Collaboration}, {@link Identity}, {@link Workflowing}) and mounts their routes; {@link #close}
 * drains requests and closes everything in reverse order.
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

  public static ModelGate start(Config config) throws Exception {
    return start(config, Clock.systemUTC());
  }

  /** Starts with the given clock, which the embedded engine's timers follow too (tests move it). */
  public static ModelGate start(Config config, Clock clock) throws Exception {
    Store store = Store.open(config.mongoUri(), config.mongoDatabase(), config.dataDir(),
        config.storeRecovery().probeInterval());
    ExecutorService blocking = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("modelgate-vt-", 0).factory());
    Vertx vertx = null;
    Workflowing workflowing = null;
    // The engine rebuilds its state while the features are wired: the two overlap on separate cores.
    CompletableFuture<Workflowing> engineStarting =
        CompletableFuture.supplyAsync(() -> Workflowing.startEngine(config, store, clock), blocking);
    try {
      log.info("store: {}", store.description());
      Core core = Core.wire(store, clock, new WebhookTargets(config.notifications().webhookAllowPrivate()));
      Collaboration collaboration = Collaboration.wire(core);
      bootstrapAdmin(config, core.accounts());
      Optional<DemoData.Seeded> demo = Optional.empty();
      if (config.demo()) {
        long mark = store.durability().mark();
        demo = Optional.of(new DemoData(core.registry(), core.accounts(), blocking).seed());
        store.durability().awaitDurable(mark);
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
      router.route().handler(new ClientAddress(config.trustedProxies())::assign);
      router.route().handler(RequestLog::handle);
      router.route().handler(SecurityHeaders.allowingFormsTo(Identity.providerOrigin(config)));
      router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
      new OpsRoutes(store, blocking, metrics, accepting::get).mount(router);
      ApiDocs.mount(router);

      Identity identity = Identity.wire(config, core, vertx, metrics, blocking);
      router.route("/api/*").handler(identity.pages()::apiSession);
      ApiRouter api = new ApiRouter(router, identity.authenticator(), core.policy(), store.durability(),
          config.storeRecovery().retryAfter(), blocking);
      api.mount(new RegistryRoutes(core.registry()).table());
      identity.mount(api, core);
      api.mount(new AuditRoutes(core.auditLog(), core.policy(), core.registry()::teamExists).table());
      NotificationStream notificationStream = collaboration.mount(api, core, config, metrics);
      api.mount(new SettingsRoutes(core.teamSettings(), core.registry()::teamExists).table());

      // Outbound webhooks connect only to the address that was vetted (no second DNS lookup: no rebinding).
      PinnedHttp webhookHttp = new PinnedHttp(vertx, core.webhookTargets(),
          Duration.ofSeconds(5));
      workflowing = Workflowing.await(engineStarting);
      WorkflowFeature workflows = workflowFeature(core, collaboration, workflowing, webhookHttp);
      workflows.ensureIndexes();
      workflows.start();
      workflows.health().register(metrics);
      workflowing = workflowing.with(workflows);
      api.mount(workflows.routes());
      demo.filter(d -> d.newVersion() != null).ifPresent(d -> {
        long mark = store.durability().mark();
        new DemoActivity(core.accounts(), workflows.workflows(), collaboration.discussions(),
            collaboration.timeTracking(), collaboration.costBenefit(), clock).seed(d.project(), d.newVersion());
        store.durability().awaitDurable(mark);
      });
      identity.pages().mount(router);
      new FeaturePages(identity.sessions(), identity.pages().templates(), core.policy(), blocking, config.publicUrl(),
          new PageDurability(store.durability(), config.storeRecovery().retryAfter()),
          new FeaturePages.Services(core.registry(), workflows.workflows(), workflows.inbox(),
              collaboration.discussions(), collaboration.timeTracking(), collaboration.timeReports(),
              collaboration.costBenefit(), collaboration.maturity(), core.auditLog(),
              new FeaturePages.People(collaboration.inbox(), identity.apiTokens(), core.teamSettings(),
                  collaboration.webhooks(), core.accounts(), core.accountRepository()))).mount(router);
      router.route("/api/*").handler(ctx -> Errors.reply(ctx,
          Problem.of(404, "Not found", "no API route " + ctx.request().method() + " " + ctx.request().path())));
      router.route().failureHandler(Errors::onFailure);
      schedulePeriodicRepairs(vertx, blocking, collaboration, identity);

      HttpServer http = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
          .invalidRequestHandler(Errors::onInvalidRequest)
          .requestHandler(router)
          .listen(config.httpPort(), config.httpHost())
          .await(30, TimeUnit.SECONDS);
      WebhookDispatcher dispatcher = collaboration.webhookDispatcher(core, config, webhookHttp);
      dispatcher.start();
      return new ModelGate(config, store, vertx, blocking, http, api, accepting,
          List.of(dispatcher, notificationStream, workflowing));
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

  /** The governance workflows, wired to the collaboration features they report to. */
  private static WorkflowFeature workflowFeature(Core core, Collaboration collaboration, Workflowing workflowing,
      PinnedHttp webhookHttp) {
    Clock clock = core.clock();
    return new WorkflowFeature(core.store(), core.registry(), core.modelVersions(), core.teamSettings(),
        workflowing.engine(), new SignedWebhookCall(core.teamSettings(), core.store(), clock, 3,
            Duration.ofMillis(200), webhookHttp),
        core.auditLog(), collaboration.notifier(),
        (key, projectId, team, workflowId, step, role, seconds, at) -> collaboration.timeTracking()
            .recordWorkflowStepTime(projectId, workflowId, step, role, Duration.ofSeconds(seconds), key),
        core::roleHolders, clock);
  }

  /** Work any replica may do now and then: finish half-applied time-entry changes, drop expired sessions. */
  private static void schedulePeriodicRepairs(Vertx vertx, ExecutorService blocking, Collaboration collaboration,
      Identity identity) {
    vertx.setPeriodic(60_000, id -> blocking.execute(() -> {
      try {
        collaboration.timeTracking().repairPending(Duration.ofMinutes(1));
      } catch (RuntimeException e) {
        log.warn("time-entry repair failed: {}", e.toString());
      }
    }));
    vertx.setPeriodic(15 * 60_000, id -> blocking.execute(() -> {
      try {
        identity.sessions().sweepExpired();
      } catch (RuntimeException e) {
        log.warn("session sweep failed: {}", e.toString());
      }
    }));
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
