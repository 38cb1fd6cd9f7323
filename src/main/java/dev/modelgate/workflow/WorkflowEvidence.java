package dev.modelgate.workflow;

import dev.modelgate.maturity.MaturityEvidence;
import dev.modelgate.registry.Project;
import dev.modelgate.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maturity evidence from the workflows a project ran: recorded approvals with compliance sign-off and
 * separation of duties, promotions through staging and an evaluated canary, drift-triggered retraining.
 * Looks at the project's newest {@value #MAX_WORKFLOWS} workflows and approvals (one page of each
 * bucketed list, so the maturity pre-fill stays a handful of lookups however long the project runs).
 */
public final class WorkflowEvidence implements MaturityEvidence {

  static final int MAX_WORKFLOWS = 200;

  private final WorkflowRepository workflows;
  private final ApprovalRepository approvals;

  public WorkflowEvidence(Store store) {
    this.workflows = new WorkflowRepository(store);
    this.approvals = new ApprovalRepository(store);
  }

  @Override
  public List<Suggestion> suggest(Project project) {
    List<Suggestion> out = new ArrayList<>();
    List<Workflow> ran = workflows.newestOfProject(project.id(), MAX_WORKFLOWS);
    List<Approval> decided = approvals.newestOfProject(project.id(), MAX_WORKFLOWS);
    long signoffs = decided.stream().filter(a -> a.step().equals("officer-signoff")).count();
    if (signoffs > 0) {
      out.add(new Suggestion("approvals", "enforced", decided.size() + " decisions recorded in workflows, "
          + signoffs + " of them compliance sign-offs; the submitter is barred from deciding, and every decision "
          + "is in the audit log"));
    } else if (!decided.isEmpty()) {
      out.add(new Suggestion("approvals", "workflow", decided.size() + " review decisions recorded in workflows"));
    }
    long promoted = ran.stream().filter(w -> w.type() == WorkflowType.PROMOTION && "promoted".equals(w.outcome()))
        .count();
    long canaryDecided = ran.stream().filter(w -> w.type() == WorkflowType.PROMOTION
        && ("promoted".equals(w.outcome()) || "rolled-back".equals(w.outcome()))).count();
    if (promoted > 0) {
      out.add(new Suggestion("model-release", "cicd", promoted
          + " promotions went through staging, canary and production by workflow"));
    }
    if (canaryDecided > 0) {
      out.add(new Suggestion("online-validation", "automated-canary", canaryDecided
          + " canaries were evaluated automatically against the online regression limits and led to promotion "
          + "or rollback"));
    }
    long retrained = ran.stream().filter(w -> w.type() == WorkflowType.RETRAINING).count();
    if (retrained > 0) {
      out.add(new Suggestion("production-monitoring", "automated-response", retrained
          + " drift reports started retraining automatically"));
      out.add(new Suggestion("retraining-trigger", "metric-triggered", retrained
          + " retraining workflows were started by drift reports"));
    }
    return out;
  }
}
