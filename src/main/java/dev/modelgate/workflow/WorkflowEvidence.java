package dev.modelgate.workflow;

import dev.modelgate.maturity.MaturityEvidence;
import dev.modelgate.registry.Project;
import dev.modelgate.store.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * Maturity evidence from the workflows a project ran: recorded approvals with compliance sign-off and
 * separation of duties, promotions through staging and an evaluated canary, drift-triggered retraining.
 * Reads the project's all-time {@link WorkflowFacts} (one lookup, however long the project runs).
 */
public final class WorkflowEvidence implements MaturityEvidence {

  static final String SIGNOFF_STEP = "officer-signoff";

  private final WorkflowFacts facts;

  public WorkflowEvidence(Store store) {
    this.facts = new WorkflowFacts(store);
  }

  @Override
  public List<Suggestion> suggest(Project project) {
    List<Suggestion> out = new ArrayList<>();
    WorkflowFacts.Counts counts = facts.of(project.id());
    long decisions = counts.decisions();
    long signoffs = counts.decided(SIGNOFF_STEP);
    if (signoffs > 0) {
      out.add(new Suggestion("approvals", "enforced", decisions + " decisions recorded in workflows, "
          + signoffs + " of them compliance sign-offs; the submitter is barred from deciding, and every decision "
          + "is in the audit log"));
    } else if (decisions > 0) {
      out.add(new Suggestion("approvals", "workflow", decisions + " review decisions recorded in workflows"));
    }
    long promoted = counts.ended(WorkflowType.PROMOTION, Workflow.Status.COMPLETED, "promoted");
    long canaryDecided = promoted + counts.ended(WorkflowType.PROMOTION, Workflow.Status.COMPLETED, "rolled-back");
    if (promoted > 0) {
      out.add(new Suggestion("model-release", "cicd", promoted
          + " promotions went through staging, canary and production by workflow"));
    }
    if (canaryDecided > 0) {
      out.add(new Suggestion("online-validation", "automated-canary", canaryDecided
          + " canaries were evaluated automatically against the online regression limits and led to promotion "
          + "or rollback"));
    }
    long retrained = counts.launched(WorkflowType.RETRAINING);
    if (retrained > 0) {
      out.add(new Suggestion("production-monitoring", "automated-response", retrained
          + " drift reports started retraining automatically"));
      out.add(new Suggestion("retraining-trigger", "metric-triggered", retrained
          + " retraining workflows were started by drift reports"));
    }
    return out;
  }
}
