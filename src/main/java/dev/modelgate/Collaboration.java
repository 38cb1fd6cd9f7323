package dev.modelgate;

import dev.modelgate.config.Config;
import dev.modelgate.costbenefit.CostBenefit;
import dev.modelgate.costbenefit.CostBenefitRoutes;
import dev.modelgate.costbenefit.LedgerRepository;
import dev.modelgate.costbenefit.RatesRepository;
import dev.modelgate.discussion.DiscussionRepository;
import dev.modelgate.discussion.DiscussionRoutes;
import dev.modelgate.discussion.Discussions;
import dev.modelgate.discussion.MarkdownRenderer;
import dev.modelgate.discussion.SubjectResolver;
import dev.modelgate.maturity.CostEvidence;
import dev.modelgate.maturity.Maturity;
import dev.modelgate.maturity.MaturityRepository;
import dev.modelgate.maturity.MaturityRoutes;
import dev.modelgate.maturity.Questionnaire;
import dev.modelgate.maturity.RegistryEvidence;
import dev.modelgate.notify.NotificationInbox;
import dev.modelgate.notify.NotificationStream;
import dev.modelgate.notify.Notifier;
import dev.modelgate.notify.NotifyRoutes;
import dev.modelgate.notify.StoreNotifier;
import dev.modelgate.notify.webhook.PinnedHttp;
import dev.modelgate.notify.webhook.RetryPolicy;
import dev.modelgate.notify.webhook.TeamWebhooks;
import dev.modelgate.notify.webhook.WebhookDeliveries;
import dev.modelgate.notify.webhook.WebhookDispatcher;
import dev.modelgate.notify.webhook.WebhookRepository;
import dev.modelgate.notify.webhook.WebhookSender;
import dev.modelgate.timetracking.TimeReports;
import dev.modelgate.timetracking.TimeRoutes;
import dev.modelgate.timetracking.TimeTracking;
import dev.modelgate.web.ApiRouter;
import dev.modelgate.workflow.Workflow;
import dev.modelgate.workflow.WorkflowEvidence;
import dev.modelgate.workflow.WorkflowRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;

/**
 * The team's shared place: time tracking and reports, cost–benefit, maturity, notifications (inbox, live
 * stream, team webhooks) and discussions.
 */
record Collaboration(TimeTracking timeTracking, TimeReports timeReports, CostBenefit costBenefit, Maturity maturity,
    NotificationInbox inbox, WebhookRepository webhookRepository, WebhookDeliveries webhookDeliveries,
    TeamWebhooks webhooks, Notifier notifier, Discussions discussions) {

  static Collaboration wire(Core core) {
    var store = core.store();
    var clock = core.clock();
    TimeTracking timeTracking = TimeTracking.onStore(store, core.registry(), core.policy(), core.auditLog(),
        clock);
    timeTracking.ensureIndexes();
    TimeReports timeReports = new TimeReports(timeTracking, core.registry(), core.policy());
    CostBenefit costBenefit = new CostBenefit(new RatesRepository(store),
        new LedgerRepository(store, "project_costs"), new LedgerRepository(store, "project_benefits"), timeReports,
        core.auditLog(), clock);
    // Evidence sources for pre-filled maturity answers.
    Maturity maturity = new Maturity(Questionnaire.load(), new MaturityRepository(store),
        List.of(new RegistryEvidence(core.registry()), new CostEvidence(timeReports, costBenefit),
            new WorkflowEvidence(store)), core.auditLog(), clock);
    NotificationInbox inbox = new NotificationInbox(store, clock);
    inbox.ensureIndexes();
    WebhookRepository webhookRepository = new WebhookRepository(store);
    WebhookDeliveries webhookDeliveries = new WebhookDeliveries(store);
    TeamWebhooks webhooks = new TeamWebhooks(webhookRepository, webhookDeliveries, core.auditLog(),
        core.webhookTargets(), clock);
    webhooks.ensureIndexes();
    Notifier notifier = new StoreNotifier(inbox, webhooks);
    WorkflowRepository workflowRepository = new WorkflowRepository(store);
    Discussions discussions = new Discussions(new DiscussionRepository(store), new SubjectResolver(core.registry(),
        id -> workflowRepository.find(id).map(Workflow::team)),
        new MarkdownRenderer(), core::isTeamMember, notifier, core.auditLog(), core.policy(), clock);
    discussions.ensureIndexes();
    return new Collaboration(timeTracking, timeReports, costBenefit, maturity, inbox, webhookRepository,
        webhookDeliveries, webhooks, notifier, discussions);
  }

  /**
   * Mounts the routes of time, cost–benefit, maturity, discussions and notifications (with the SSE stream);
   * returns the streams' shared poller, to close with the server.
   */
  NotificationStream mount(ApiRouter api, Core core, Config config, MeterRegistry metrics) {
    api.mount(new TimeRoutes(timeTracking, timeReports, core.registry()).table());
    api.mount(new CostBenefitRoutes(costBenefit, core.registry()).table());
    api.mount(new MaturityRoutes(maturity, core.registry()).table());
    api.mount(new DiscussionRoutes(discussions).table());
    NotificationStream stream = new NotificationStream(inbox, config.notifications().pollInterval(),
        config.notifications().sseHeartbeat(), Duration.ofSeconds(5));
    metrics.gauge("modelgate.sse.streams", stream.openStreams());
    NotifyRoutes notifyRoutes = new NotifyRoutes(inbox, stream, webhooks, core.registry()::teamExists);
    api.mount(notifyRoutes.table());
    api.mountStreams(notifyRoutes.streams());
    return stream;
  }

  /** The background sender of team webhooks (started once the server listens). */
  WebhookDispatcher webhookDispatcher(Core core, Config config, PinnedHttp http) {
    var n = config.notifications();
    return new WebhookDispatcher(webhookRepository, webhookDeliveries,
        new WebhookSender(http, core.clock(), Duration.ofSeconds(10)),
        new RetryPolicy(n.webhookBackoff(), n.webhookMaxAttempts(), n.webhookDisableAfter()),
        core.store().durability(), core.auditLog(), core.clock(), n.pollInterval(), Duration.ofSeconds(60));
  }
}
