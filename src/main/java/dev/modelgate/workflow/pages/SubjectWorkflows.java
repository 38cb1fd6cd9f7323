package dev.modelgate.workflow.pages;

import dev.modelgate.kernel.Refusal;
import dev.modelgate.kernel.Subject;
import dev.modelgate.kernel.SubjectType;
import dev.modelgate.pages.Flash;
import dev.modelgate.pages.PageCall;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.PageMount;
import dev.modelgate.pages.PageResult;
import dev.modelgate.pages.SubjectPage;
import dev.modelgate.pages.SubjectPages;
import dev.modelgate.pages.Viewer;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.web.PageRequest;
import dev.modelgate.workflow.Workflow;
import dev.modelgate.workflow.WorkflowActions;
import dev.modelgate.workflow.WorkflowType;
import dev.modelgate.workflow.Workflows;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflows part of the registry's pages, contributed through {@link SubjectPages}: a project's running
 * workflows, a model version's workflows with the buttons to start a review, sign-off or promotion (for
 * those allowed), and that start form ({@code POST /model-versions/{id}/workflows}), whose refusal is shown
 * on the model version's page again.
 */
public final class SubjectWorkflows {

  static final int WORKFLOWS_SHOWN = 20;

  private final PageKit kit;
  private final Registry registry;
  private final Workflows workflows;
  private final WorkflowActions actions;

  public SubjectWorkflows(PageKit kit, Registry registry, Workflows workflows, WorkflowActions actions) {
    this.actions = actions;
    this.kit = kit;
    this.registry = registry;
    this.workflows = workflows;
  }

  public void contribute(SubjectPages subjects) {
    subjects.contribute(SubjectType.PROJECT, (vars, v, call, subject, resource) ->
        vars.put("running", kit.allows(v, actions.read, subject.team())
            ? workflows.list((Project) resource, Optional.empty(), Optional.of("running"),
                new PageRequest(WORKFLOWS_SHOWN, Optional.empty())).items()
            : null));
    subjects.contribute(SubjectType.MODEL_VERSION, (vars, v, call, subject, resource) -> {
      ModelVersion version = (ModelVersion) resource;
      vars.put("workflows", workflows.list(registry.project(version.projectId()), Optional.of(version.id()),
          Optional.empty(), new PageRequest(WORKFLOWS_SHOWN, Optional.empty())).items());
      vars.put("startable", kit.allows(v, actions.start, version.team())
          ? Arrays.stream(WorkflowType.values()).filter(WorkflowType::startableByPeople).map(WorkflowType::id)
              .toList()
          : List.of());
    });
  }

  public void mount(PageMount mount) {
    mount.post("/model-versions/:id/workflows", this::startWorkflow);
  }

  private SubjectPage versionPage() {
    return kit.subjects().page(SubjectType.MODEL_VERSION).orElseThrow();
  }

  private PageResult startWorkflow(PageCall call) {
    Viewer v = kit.formViewer(call);
    // The model version's page checks that the viewer may see it (the pages' 404 otherwise).
    Subject subject = versionPage().subject(v, call.path("id"));
    ModelVersion version = registry.version(subject.id());
    try {
      kit.require(v, actions.start, version.team());
      String raw = call.field("type").orElse("");
      WorkflowType type = WorkflowType.parse(raw).filter(WorkflowType::startableByPeople)
          .orElseThrow(() -> Refusal.invalid("type", "must be review, signoff or promotion"));
      Workflow w = workflows.start(version, type, v.username());
      return PageKit.redirect(call, "/workflows/" + w.id(), Flash.success("Started the " + type.id() + "."));
    } catch (Refusal e) {
      Map<String, String> submitted = new LinkedHashMap<>();
      call.field("type").ifPresent(value -> submitted.put("type", value));
      PageKit.FormFailure failure = PageKit.FormFailure.of(e);
      return versionPage().show(failure.status(), v, call, subject, failure.vars("start", submitted));
    }
  }
}
