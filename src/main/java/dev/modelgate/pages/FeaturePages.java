package dev.modelgate.pages;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.access.AccountRepository;
import dev.modelgate.access.LocalAccounts;
import dev.modelgate.access.TeamMembers;
import dev.modelgate.access.tokens.ApiTokens;
import dev.modelgate.notify.NotificationInbox;
import dev.modelgate.notify.webhook.TeamWebhooks;
import dev.modelgate.workflow.settings.TeamSettingsService;
import dev.modelgate.audit.AuditLog;
import dev.modelgate.costbenefit.CostBenefit;
import dev.modelgate.discussion.Discussions;
import dev.modelgate.maturity.Maturity;
import dev.modelgate.registry.Registry;
import dev.modelgate.timetracking.TimeReports;
import dev.modelgate.timetracking.TimeTracking;
import dev.modelgate.workflow.Inbox;
import dev.modelgate.workflow.WorkflowDeployer;
import dev.modelgate.workflow.Workflows;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The pages people work in, one class per feature. They call the same feature services as the API
 * routes (never the API over HTTP), check the same permissions, and render Thymeleaf templates.
 */
public final class FeaturePages {

  /** The feature services the pages call: the ones the API routes call. */
  public record Services(Registry registry, Workflows workflows, Inbox inbox, Discussions discussions,
      TimeTracking time, TimeReports timeReports, CostBenefit costBenefit, Maturity maturity, AuditLog audit,
      People people) {}

  /** The services of the personal and team-admin pages: notifications, API tokens, team settings, members. */
  public record People(NotificationInbox notifications, ApiTokens tokens, TeamSettingsService teamSettings,
      TeamWebhooks webhooks, LocalAccounts accounts, AccountRepository accountRepository) {}

  private final PageKit kit;
  private final AccessPolicy policy;
  private final PageTemplates templates;
  private final ExecutorService blocking;
  private final Optional<String> publicUrl;
  private final Services services;
  private final PageDurability durability;
  private final BpmnDiagrams diagrams = new BpmnDiagrams(WorkflowDeployer.MODELS.stream().map(m -> "workflows/" + m)
      .toList());

  public FeaturePages(PageSessions sessions, PageTemplates templates, AccessPolicy policy, ExecutorService blocking,
      Optional<String> publicUrl, PageDurability durability, Services services) {
    this.durability = durability;
    this.kit = new PageKit(sessions, templates, policy, services.people().notifications());
    this.policy = policy;
    this.templates = templates;
    this.blocking = blocking;
    this.publicUrl = publicUrl;
    this.services = services;
  }

  public void mount(Router router) {
    PageMount mount = new PageMount(router, templates, blocking, publicUrl, durability);
    new DashboardPages(kit, services.registry(), services.inbox(), services.workflows()).mount(mount);
    new TaskPages(kit, services.registry(), services.inbox()).mount(mount);
    new AuditPages(kit, policy, services.audit()).mount(mount);
    new TimePages(kit, services.registry(), services.time(), services.timeReports()).mount(mount);
    ProjectPages projects = new ProjectPages(kit, services.registry(), services.workflows(), services.timeReports(),
        services.costBenefit(), services.maturity(), services.discussions());
    ModelVersionPages versions = new ModelVersionPages(kit, services.registry(), services.workflows(),
        services.discussions());
    WorkflowPages workflowPages = new WorkflowPages(kit, services.registry(), services.workflows(), diagrams,
        services.discussions());
    projects.mount(mount);
    versions.mount(mount);
    workflowPages.mount(mount);
    // The pages that show a discussion, so its forms (posted to the discussion pages) can go back to them.
    new DiscussionPages(kit, services.discussions(), List.of(projects, versions, workflowPages)).mount(mount);
    StaticAssets.mount(router);
    new NotificationPages(kit, services.people().notifications()).mount(mount);
    new TokenPages(kit, services.people().tokens()).mount(mount);
    People people = services.people();
    new TeamPages(kit, services.registry(), new TeamMembers(people.accounts(), people.accountRepository(),
        services.audit()), people.teamSettings(), people.webhooks()).mount(mount);
  }
}
