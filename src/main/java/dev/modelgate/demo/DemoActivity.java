package dev.modelgate.demo;

import dev.modelgate.access.LocalAccounts;
import dev.modelgate.access.Principal;
import dev.modelgate.access.Role;
import dev.modelgate.costbenefit.CostBenefit;
import dev.modelgate.costbenefit.LedgerFields;
import dev.modelgate.discussion.Comment;
import dev.modelgate.discussion.DiscussionThread;
import dev.modelgate.discussion.Discussions;
import dev.modelgate.discussion.NewComment;
import dev.modelgate.discussion.NewThread;
import dev.modelgate.kernel.Subject;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.Project;
import dev.modelgate.timetracking.TimeEntryFields;
import dev.modelgate.timetracking.TimeTracking;
import dev.modelgate.workflow.WorkflowType;
import dev.modelgate.workflow.Workflows;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A little history for a fresh demo, so the first pages a newcomer opens are not empty: a review of the
 * newest version waiting for its reviewers, a discussion about it with a mention, three weeks of logged
 * time, hourly rates and an infrastructure cost. Everything goes through the features' own services, with
 * their rules, notifications and audit entries. Runs once, when {@link DemoData} registered the versions.
 */
public final class DemoActivity {

  private static final Logger log = LoggerFactory.getLogger(DemoActivity.class);

  private final LocalAccounts accounts;
  private final Workflows workflows;
  private final Discussions discussions;
  private final TimeTracking time;
  private final CostBenefit costBenefit;
  private final Clock clock;

  public DemoActivity(LocalAccounts accounts, Workflows workflows, Discussions discussions, TimeTracking time,
      CostBenefit costBenefit, Clock clock) {
    this.accounts = accounts;
    this.workflows = workflows;
    this.discussions = discussions;
    this.time = time;
    this.costBenefit = costBenefit;
    this.clock = clock;
  }

  public void seed(Project project, ModelVersion candidate) {
    Principal bob = person("bob");
    Principal carol = person("carol");
    Principal dave = person("dave");
    Principal erin = person("erin");

    costBenefit.setRates(dave, project.team(), "EUR", Map.of(Role.ENGINEER, 95.0, Role.PRODUCT, 85.0,
        Role.COMPLIANCE, 110.0, Role.LEAD, 120.0));
    costBenefit.addCost(dave, project, LedgerFields.parse(new JsonObject().put("amount", 1800)
        .put("category", "GPU training").put("note", "Retraining on October transactions")));

    LocalDate today = LocalDate.now(clock);
    record Logged(Principal who, int daysAgo, String duration, String activity, String note) {}
    for (Logged l : List.of(
        new Logged(bob, 20, "1d", "data-preparation", "Joined the October transaction dump"),
        new Logged(erin, 18, "6h", "feature-engineering", "Merchant-category velocity features"),
        new Logged(bob, 15, "2d", "training", "XGBoost sweep, 48 runs"),
        new Logged(erin, 11, "4h30m", "validation", "Segment metrics for EU and US"),
        new Logged(carol, 8, "1h30m", "review", "Read the model card"),
        new Logged(bob, 4, "3h", "deployment", "Staging deployment dry run"),
        new Logged(dave, 2, "45m", "compliance", "Checked the data-retention note"))) {
      time.create(l.who(), project, TimeEntryFields.forCreate(new JsonObject().put("duration", l.duration())
          .put("date", today.minusDays(l.daysAgo()).toString()).put("activity", l.activity()).put("note", l.note())
          .put("billable", true)));
    }

    Subject subject = discussions.subjects().resolve("model-version:" + candidate.id());
    DiscussionThread thread = discussions.createThread(subject, carol, new NewThread("Is the US segment good enough?",
        "The EU AUC improved a lot. **US** moved less; do we still beat 1.0.0 there?"));
    Comment first = discussions.threadPage(thread, Optional.empty()).comments().getFirst();
    discussions.addComment(discussions.thread(thread.id()), bob, new NewComment(
        "Yes: US AUC is 0.89 against 0.86 for 1.0.0. The gate report on the review has the numbers. @carol",
        first.id().toString()));

    workflows.start(candidate, WorkflowType.REVIEW, bob.username());
    log.info("demo activity: a review of {} {} waits for its reviewers; time, a discussion and costs are in place",
        candidate.model(), candidate.version());
  }

  private Principal person(String username) {
    return accounts.principal(username).orElseThrow(() -> new IllegalStateException("demo user " + username
        + " is missing"));
  }
}
