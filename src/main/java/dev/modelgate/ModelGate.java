package dev.modelgate;

import dev.modelgate.access.AccessFeature;
import dev.modelgate.audit.AuditFeature;
import dev.modelgate.audit.AuditLog;
import dev.modelgate.config.Config;
import dev.modelgate.costbenefit.CostBenefitFeature;
import dev.modelgate.demo.DemoActivity;
import dev.modelgate.demo.DemoData;
import dev.modelgate.discussion.DiscussionFeature;
import dev.modelgate.feature.Background;
import dev.modelgate.feature.Edge;
import dev.modelgate.feature.Feature;
import dev.modelgate.feature.Foundation;
import dev.modelgate.maturity.MaturityFeature;
import dev.modelgate.notify.NotifyFeature;
import dev.modelgate.notify.webhook.PinnedHttp;
import dev.modelgate.notify.webhook.WebhookTargets;
import dev.modelgate.ops.OpsRoutes;
import dev.modelgate.pages.PageDurability;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.PageMount;
import dev.modelgate.pages.PageTemplates;
import dev.modelgate.pages.StaticAssets;
import dev.modelgate.registry.RegistryFeature;
import dev.modelgate.store.Store;
import dev.modelgate.timetracking.TimeTrackingFeature;
import dev.modelgate.web.ApiDocs;
import dev.modelgate.web.ApiRouter;
import dev.modelgate.web.ClientAddress;
import dev.modelgate.web.Errors;
import dev.modelgate.web.Problem;
import dev.modelgate.web.RequestIds;
import dev.modelgate.web.RequestLog;
import dev.modelgate.web.SecurityHeaders;
import dev.modelgate.workflow.EngineConnection;
import dev.modelgate.workflow.WorkflowEvidence;
import dev.modelgate.workflow.WorkflowFeature;
import dev.modelgate.workflow.settings.TeamSettingsFeature;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running ModelGate server. {@link #start} opens the foundation (store, clock, audit log, Vert.x), loads
 * the features in order — each wires itself from the foundation and the features before it — mounts their
 * API routes and pages on one router, starts their background work and listens; {@link #close} drains
 * requests and closes the features in reverse order, then the foundation.
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
  private final List<Feature> features;

  private ModelGate(Config config, Store store, Vertx vertx, ExecutorService blocking, HttpServer http,
      ApiRouter api, AtomicBoolean accepting, List<Feature> features) {
    this.config = config;
    this.store = store;
    this.vertx = vertx;
    this.blocking = blocking;
    this.http = http;
    this.api = api;
    this.accepting = accepting;
    this.features = features;
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
    EngineConnection engine = null;
    List<Feature> features = new ArrayList<>();
    // The engine rebuilds its state while the features are wired: the two overlap on separate cores.
    CompletableFuture<EngineConnection> engineStarting =
        CompletableFuture.supplyAsync(() -> EngineConnection.start(config, store, clock), blocking);
    try {
      log.info("store: {}", store.description());
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      vertx = Vertx.builder()
          .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
              .setJvmMetricsEnabled(true)))
          .withMetrics(new MicrometerMetricsFactory(metrics))
          .build();
      AuditLog auditLog = AuditFeature.openLog(store, clock);
      Foundation f = new Foundation(config, store, clock, auditLog, metrics, blocking, vertx);
      PageTemplates templates = new PageTemplates(Path.of("templates"));
      PageDurability durability = new PageDurability(store.durability(), config.storeRecovery().retryAfter());
      // Outbound webhooks connect only to the address that was vetted (no second DNS lookup: no rebinding).
      WebhookTargets webhookTargets = new WebhookTargets(config.notifications().webhookAllowPrivate());
      PinnedHttp webhookHttp = new PinnedHttp(vertx, webhookTargets, Duration.ofSeconds(5));

      // The features, in load order: each one is wired from the foundation and the features before it.
      RegistryFeature registry = load(features, new RegistryFeature(f));
      AccessFeature access = load(features, new AccessFeature(f, registry.registry()::teamExists, templates,
          durability));
      NotifyFeature notify = load(features, new NotifyFeature(f, registry.registry()::teamExists, webhookTargets,
          webhookHttp));
      TeamSettingsFeature teamSettings = load(features, new TeamSettingsFeature(f, registry.registry(),
          webhookTargets, access.teamMembers(), notify.webhooks()));
      TimeTrackingFeature time = load(features, new TimeTrackingFeature(f, registry.registry(),
          registry.actions(), access.policy()));
      CostBenefitFeature costBenefit = load(features, new CostBenefitFeature(f, registry.registry(),
          time.timeReports()));
      load(features, new MaturityFeature(f, registry.registry(), time.timeReports(), costBenefit.costBenefit(),
          List.of(new WorkflowEvidence(store))));
      Optional<DemoData.Seeded> demo = Optional.empty();
      if (config.demo()) {
        long mark = store.durability().mark();
        demo = Optional.of(new DemoData(registry.registry(), access.accounts(), blocking).seed());
        store.durability().awaitDurable(mark);
      }
      engine = EngineConnection.await(engineStarting);
      WorkflowFeature workflows = load(features, WorkflowFeature.wire(f, engine, registry.registry(),
          registry.modelVersions(), teamSettings.settings(), webhookHttp, notify.notifier(),
          (key, projectId, team, workflowId, step, role, seconds, at) -> time.timeTracking()
              .recordWorkflowStepTime(projectId, workflowId, step, role, Duration.ofSeconds(seconds), key),
          access::roleHolders));
      engine = null; // the workflow feature owns the connection now, and closes it
      DiscussionFeature discussion = load(features, new DiscussionFeature(f, registry.registry(),
          workflows::teamOf, access::isTeamMember, notify.notifier(), access.policy()));
      load(features, new AuditFeature(auditLog, access.policy(), registry.registry()::teamExists));

      AtomicBoolean accepting = new AtomicBoolean(true);
      Router router = Router.router(vertx);
      router.route().handler(RequestIds::assign);
      router.route().handler(new ClientAddress(config.trustedProxies())::assign);
      router.route().handler(RequestLog::handle);
      router.route().handler(SecurityHeaders.allowingFormsTo(AccessFeature.providerOrigin(config)));
      router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
      new OpsRoutes(store, blocking, metrics, accepting::get).mount(router);
      ApiDocs.mount(router);
      router.route("/api/*").handler(access.signIn()::apiSession);
      ApiRouter api = new ApiRouter(router, access.authenticator(), access.policy(), store.durability(),
          config.storeRecovery().retryAfter(), blocking);
      Edge edge = new Edge(api, new PageMount(router, templates, blocking, config.publicUrl(), durability),
          new PageKit(access.sessions(), templates, access.policy(), notify.inbox()));
      for (Feature feature : features) {
        feature.mount(edge);
      }
      StaticAssets.mount(router);
      router.route("/api/*").handler(ctx -> Errors.reply(ctx,
          Problem.of(404, "Not found", "no API route " + ctx.request().method() + " " + ctx.request().path())));
      router.route().failureHandler(Errors::onFailure);

      Background background = background(vertx, blocking);
      for (Feature feature : features) {
        feature.start(background);
      }
      demo.filter(d -> d.newVersion() != null).ifPresent(d -> {
        long mark = store.durability().mark();
        new DemoActivity(access.accounts(), workflows.workflows(), discussion.discussions(), time.timeTracking(),
            costBenefit.costBenefit(), clock).seed(d.project(), d.newVersion());
        store.durability().awaitDurable(mark);
      });

      HttpServer http = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
          .invalidRequestHandler(Errors::onInvalidRequest)
          .requestHandler(router)
          .listen(config.httpPort(), config.httpHost())
          .await(30, TimeUnit.SECONDS);
      return new ModelGate(config, store, vertx, blocking, http, api, accepting, List.copyOf(features));
    } catch (Exception | Error e) {
      closeAll(features);
      if (engine == null && features.stream().noneMatch(WorkflowFeature.class::isInstance)) {
        engine = engineStarting.handle((c, failure) -> c).join();
      }
      if (engine != null) {
        engine.close();
      }
      if (vertx != null) {
        vertx.close().await(10, TimeUnit.SECONDS);
      }
      blocking.shutdownNow();
      store.close();
      throw e;
    }
  }

  private static <F extends Feature> F load(List<Feature> features, F feature) {
    features.add(feature);
    return feature;
  }

  /** Periodic work any replica may do, on virtual threads; a failure is logged and retried next period. */
  private static Background background(Vertx vertx, ExecutorService blocking) {
    return (period, what, task) -> vertx.setPeriodic(period.toMillis(), id -> blocking.execute(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("{} failed: {}", what, e.toString());
      }
    }));
  }

  /** Closes the features in reverse load order, each whatever the others do. */
  private static void closeAll(List<Feature> features) {
    for (Feature feature : features.reversed()) {
      try {
        feature.close();
      } catch (Exception e) {
        log.warn("{} did not close cleanly: {}", feature.getClass().getSimpleName(), e.toString());
      }
    }
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
    closeAll(features);
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
