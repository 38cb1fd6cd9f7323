package dev.modelgate.workflow.workers;

import dev.modelgate.access.Principal;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.NewModelVersion;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.workflow.Plain;
import dev.modelgate.workflow.Workflow;
import dev.modelgate.workflow.WorkflowJournal;
import dev.modelgate.workflow.WorkflowType;
import dev.modelgate.workflow.Workflows;
import dev.modelgate.workflow.engine.JobHandler;
import dev.modelgate.workflow.engine.JobInput;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code register-retrained-version}: registers the version the pipeline reported (its baseline is the
 * drifted production version) and starts its review, a workflow of its own. Safe to retry: an already
 * registered version and an already running review are found, not duplicated.
 */
public final class RegisterRetrainedVersionWorker implements JobHandler {

  private final Registry registry;
  private final ModelVersionRepository versions;
  private final Workflows workflows;
  private final WorkflowJournal journal;

  public RegisterRetrainedVersionWorker(Registry registry, ModelVersionRepository versions, Workflows workflows,
      WorkflowJournal journal) {
    this.registry = registry;
    this.versions = versions;
    this.workflows = workflows;
    this.journal = journal;
  }

  @Override
  public String jobType() {
    return "register-retrained-version";
  }

  @Override
  public Map<String, Object> handle(JobInput job) {
    Instant started = journal.now();
    Workflow w = journal.workflow(job);
    Map<String, Object> retrained = new LinkedHashMap<>(Plain.map(job.variables().get("retrained")));
    retrained.put("model", w.model());
    retrained.put("baselineVersionId", w.modelVersionId());
    NewModelVersion req = NewModelVersion.parse(new JsonObject(retrained));
    Project project = registry.project(w.projectId());
    // The pipeline acts for the person who reported the drift.
    Principal by = new Principal(w.startedBy(), w.startedBy(), false, Map.of(), "workflow");
    ModelVersion v;
    try {
      v = registry.registerVersion(project, by, req);
    } catch (Refusal e) {
      v = versions.find(project.id(), req.model(), req.version()).orElseThrow(() -> e);
    }
    String reviewId;
    try {
      reviewId = workflows.start(v, WorkflowType.REVIEW, w.startedBy()).id();
    } catch (Refusal e) {
      if (!e.is(Refusal.Kind.CONFLICT)) {
        throw e;
      }
      reviewId = null;
    }
    journal.setDetail(w.id(), "newModelVersionId", v.id());
    if (reviewId != null) {
      journal.setDetail(w.id(), "reviewWorkflowId", reviewId);
    }
    journal.done(job, "Register retrained version", started, "registered " + v.model() + " " + v.version()
        + (reviewId == null ? "" : ", review " + reviewId + " started"));
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("newModelVersionId", v.id());
    vars.put("reviewWorkflowId", reviewId);
    return vars;
  }
}
