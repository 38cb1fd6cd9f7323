package dev.modelgate.engine.history;

import dev.modelgate.engine.behavior.JobBehavior;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.log.LoggedRecord;
import dev.modelgate.engine.state.UserTask;
import dev.modelgate.engine.util.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/**
 * The history of one process instance, folded from its records in log order: what the exporter of a
 * Zeebe cluster would have written into its indices for this instance. Only {@link HistoryFold} builds it.
 */
final class InstanceHistory {
  /** What a definition key stands for: its process id, version and the kind of each element. */
  record Definition(String bpmnProcessId, int version, Map<String, String> elementTypes) {}

  final long processInstanceKey;
  private final LongFunction<Definition> definitions;
  private ProcessInstanceView instance;
  final Map<Long, ElementInstanceView> elements = new LinkedHashMap<>();
  final List<SequenceFlowView> flows = new ArrayList<>();
  final Map<String, VariableView> variables = new LinkedHashMap<>();
  final Map<Long, JobView> jobs = new LinkedHashMap<>();
  final Map<Long, IncidentView> incidents = new LinkedHashMap<>();
  final Map<Long, UserTaskView> userTasks = new LinkedHashMap<>();
  private final Map<Long, Long> jobOfUserTask = new HashMap<>();
  /** The Camunda user tasks of the instance as the engine had them (the same lifecycle steps as its appliers). */
  private final Map<Long, UserTask> camundaTasks = new HashMap<>();

  InstanceHistory(long processInstanceKey, LongFunction<Definition> definitions) {
    this.processInstanceKey = processInstanceKey;
    this.definitions = definitions;
  }

  /** Null when the instance's start is not in the history (retention, or started before the event log). */
  ProcessInstanceView instance() {
    if (instance == null) {
      return null;
    }
    boolean incident = incidents.values().stream().anyMatch(i -> i.state().equals("ACTIVE"));
    return new ProcessInstanceView(instance.processInstanceKey(), instance.bpmnProcessId(), instance.version(),
        instance.processDefinitionKey(), instance.state(), instance.startDate(), instance.endDate(),
        instance.parentElementInstanceKey(), incident);
  }

  void apply(LoggedRecord r) {
    long ts = r.timestamp();
    switch (r.event()) {
      case EngineEvent.ElementActivating e -> {
        Definition def = definitions.apply(e.processDefinitionKey());
        String pid = def == null ? (e.parentKey() < 0 ? e.elementId() : null) : def.bpmnProcessId();
        String type = e.multiInstanceBody() ? "MULTI_INSTANCE_BODY" : e.parentKey() < 0 ? "PROCESS"
            : def == null ? "UNKNOWN" : def.elementTypes().getOrDefault(e.elementId(), "UNKNOWN");
        elements.put(e.key(), new ElementInstanceView(e.key(), e.processInstanceKey(), e.parentKey(),
            e.processDefinitionKey(), pid, e.elementId(), type, "ACTIVE", ts, -1, -1));
        if (e.parentKey() < 0) {
          instance = new ProcessInstanceView(e.key(), pid, def == null ? -1 : def.version(), e.processDefinitionKey(),
              "ACTIVE", ts, -1, e.callingInstanceKey(), false);
        }
      }
      case EngineEvent.ElementCompleted e -> end(e.key(), "COMPLETED", ts);
      case EngineEvent.ElementTerminated e -> end(e.key(), "TERMINATED", ts);
      case EngineEvent.SequenceFlowTaken e ->
          flows.add(new SequenceFlowView(e.processInstanceKey(), e.scopeKey(), e.flowId(), e.targetId(), ts));
      case EngineEvent.VariableSet e -> {
        String id = e.scopeKey() + "\u0000" + e.name();
        VariableView old = variables.get(id);
        variables.put(id, new VariableView(old == null ? r.position() : old.variableKey(), e.name(),
            Json.writeValue(e.value()), e.processInstanceKey(), e.scopeKey()));
      }
      case EngineEvent.IncidentCreated e -> {
        ElementInstanceView el = elements.get(e.elementInstanceKey());
        incidents.put(e.key(), new IncidentView(e.key(), e.type().name(), e.message(), e.processInstanceKey(),
            e.elementInstanceKey(), el == null ? null : el.elementId(), e.jobKey(), "ACTIVE", ts));
        if (el != null) {
          elements.put(el.elementInstanceKey(), withIncident(el, e.key()));
        }
      }
      case EngineEvent.IncidentResolved e -> {
        IncidentView i = incidents.get(e.key());
        if (i != null) {
          incidents.put(e.key(), new IncidentView(i.incidentKey(), i.errorType(), i.errorMessage(),
              i.processInstanceKey(), i.elementInstanceKey(), i.elementId(), i.jobKey(), "RESOLVED", i.creationTime()));
          ElementInstanceView el = elements.get(i.elementInstanceKey());
          if (el != null && el.incidentKey() == e.key()) {
            elements.put(el.elementInstanceKey(), withIncident(el, -1));
          }
        }
      }
      case EngineEvent.JobCreated e -> {
        jobs.put(e.key(), new JobView(e.key(), e.type(), e.processInstanceKey(), e.elementInstanceKey(), e.elementId(),
            e.bpmnProcessId(), e.processDefinitionKey(), "CREATED", e.retries(), "", -1, "", e.customHeaders()));
        if (JobBehavior.USER_TASK_TYPE.equals(e.type())) {
          userTasks.put(e.key(), userTask(e, ts));
          jobOfUserTask.put(e.key(), e.key());
        }
      }
      case EngineEvent.JobActivated e -> job(e.key(), "CREATED", null, e.worker(), e.deadline(), null);
      case EngineEvent.JobCompleted e -> {
        job(e.key(), "COMPLETED", null, null, null, null);
        userTaskEnded(e.key(), "COMPLETED", ts);
      }
      case EngineEvent.JobFailed e -> job(e.key(), "FAILED", e.retries(), null, -1L, e.errorMessage());
      case EngineEvent.JobErrorThrown e -> job(e.key(), "ERROR_THROWN", null, null, -1L, e.errorMessage());
      case EngineEvent.JobRetriesUpdated e -> job(e.key(), "RETRIES_UPDATED", e.retries(), null, null, null);
      case EngineEvent.JobTimeoutUpdated e -> job(e.key(), null, null, null, e.deadline(), null);
      case EngineEvent.JobTimedOut e -> job(e.key(), "TIMED_OUT", null, "", -1L, null);
      case EngineEvent.JobRecurred e -> job(e.key(), "CREATED", null, "", -1L, null);
      case EngineEvent.JobCanceled e -> {
        job(e.key(), "CANCELED", null, null, null, null);
        userTaskEnded(e.key(), "CANCELED", ts);
      }
      case EngineEvent.UserTaskCreating e -> {
        camundaTasks.put(e.key(), e.task());
        userTasks.put(e.key(), view(e.task(), -1));
      }
      case EngineEvent.UserTaskTransitionStarted e -> camundaTask(e.key(), t -> t.started(e.state(), e.transition()));
      case EngineEvent.UserTaskListenerDone e -> camundaTask(e.key(), t -> t.listenerDone(e.proposed()));
      case EngineEvent.UserTaskTransitionRetried e -> camundaTask(e.key(), UserTask::retried);
      case EngineEvent.UserTaskTransitionFinished e -> camundaTask(e.key(), UserTask::finished);
      case EngineEvent.UserTaskTransitionDenied e -> camundaTask(e.key(), UserTask::denied);
      case EngineEvent.UserTaskCanceling e -> camundaTask(e.key(), t -> t.canceling(e.cancelingJobTypes()));
      case EngineEvent.UserTaskCompleted e -> camundaTaskEnded(e.key(), "COMPLETED", ts);
      case EngineEvent.UserTaskCanceled e -> camundaTaskEnded(e.key(), "CANCELED", ts);
      default -> { }
    }
  }

  private void camundaTask(long key, UnaryOperator<UserTask> step) {
    UserTask t = camundaTasks.get(key);
    if (t != null) {
      UserTask next = step.apply(t);
      camundaTasks.put(key, next);
      userTasks.put(key, view(next, -1));
    }
  }

  private void camundaTaskEnded(long key, String state, long ts) {
    UserTask t = camundaTasks.remove(key);
    UserTaskView v = userTasks.get(key);
    if (t != null && v != null) {
      userTasks.put(key, new UserTaskView(v.userTaskKey(), v.elementId(), v.elementInstanceKey(),
          v.processInstanceKey(), v.bpmnProcessId(), v.processDefinitionKey(), state, v.assignee(),
          v.candidateGroups(), v.candidateUsers(), v.dueDate(), v.followUpDate(), v.formKey(), v.priority(),
          v.creationDate(), ts, v.customHeaders(), v.camundaUserTask()));
    }
  }

  /**
   * A Camunda user task as the history shows it: its lifecycle state, and its attributes (while it is
   * being created, those its creation proposes; a completion shows what the completing listeners agreed to).
   */
  private static UserTaskView view(UserTask t, long completionDate) {
    UserTask.Attributes a = t.state() == UserTask.State.CREATING || t.state() == UserTask.State.COMPLETING
        ? t.current() : t.attributes();
    return new UserTaskView(t.key(), t.elementId(), t.elementInstanceKey(), t.processInstanceKey(),
        t.bpmnProcessId(), t.processDefinitionKey(), t.state().name(), a.assignee(), a.candidateGroups(),
        a.candidateUsers(), a.dueDate(), a.followUpDate(), t.formKey(), a.priority(), t.creationDate(),
        completionDate, t.customHeaders(), true);
  }

  private void end(long key, String state, long ts) {
    ElementInstanceView el = elements.get(key);
    if (el != null) {
      elements.put(key, new ElementInstanceView(el.elementInstanceKey(), el.processInstanceKey(), el.flowScopeKey(),
          el.processDefinitionKey(), el.bpmnProcessId(), el.elementId(), el.type(), state, el.startDate(), ts,
          el.incidentKey()));
    }
    if (key == processInstanceKey && instance != null) {
      instance = new ProcessInstanceView(instance.processInstanceKey(), instance.bpmnProcessId(), instance.version(),
          instance.processDefinitionKey(), state, instance.startDate(), ts, instance.parentElementInstanceKey(),
          false);
    }
  }

  private static ElementInstanceView withIncident(ElementInstanceView el, long incidentKey) {
    return new ElementInstanceView(el.elementInstanceKey(), el.processInstanceKey(), el.flowScopeKey(),
        el.processDefinitionKey(), el.bpmnProcessId(), el.elementId(), el.type(), el.state(), el.startDate(),
        el.endDate(), incidentKey);
  }

  /** A job transition; null arguments keep what the job had. */
  private void job(long key, String state, Integer retries, String worker, Long deadline, String error) {
    JobView j = jobs.get(key);
    if (j == null) {
      return;
    }
    jobs.put(key, new JobView(j.jobKey(), j.type(), j.processInstanceKey(), j.elementInstanceKey(), j.elementId(),
        j.bpmnProcessId(), j.processDefinitionKey(), state == null ? j.state() : state,
        retries == null ? j.retries() : retries, worker == null ? j.worker() : worker,
        deadline == null ? j.deadline() : deadline, error == null ? j.errorMessage() : error, j.customHeaders()));
  }

  /** A job-worker user task as its job created it (also the row of the history's user-task summary). */
  static UserTaskView userTask(EngineEvent.JobCreated e, long ts) {
    Map<String, String> h = e.customHeaders();
    Map<String, String> custom = new LinkedHashMap<>();
    h.forEach((k, v) -> {
      if (!k.startsWith("io.camunda.zeebe:")) {
        custom.put(k, v);
      }
    });
    return new UserTaskView(e.key(), e.elementId(), e.elementInstanceKey(), e.processInstanceKey(), e.bpmnProcessId(),
        e.processDefinitionKey(), "CREATED", h.get(JobBehavior.HEADER_ASSIGNEE),
        HistoryIndex.list(h.get(JobBehavior.HEADER_CANDIDATE_GROUPS)),
        HistoryIndex.list(h.get(JobBehavior.HEADER_CANDIDATE_USERS)), h.get(JobBehavior.HEADER_DUE_DATE),
        h.get(JobBehavior.HEADER_FOLLOW_UP_DATE), h.get(JobBehavior.HEADER_FORM_KEY), 50, ts, -1, custom, false);
  }

  private void userTaskEnded(long jobKey, String state, long ts) {
    Long taskKey = jobOfUserTask.get(jobKey);
    UserTaskView t = taskKey == null ? null : userTasks.get(taskKey);
    if (t != null) {
      userTasks.put(taskKey, ended(t, state, ts));
    }
  }

  /** The task once it ended in {@code state}; a task that already ended stays as it was. */
  static UserTaskView ended(UserTaskView t, String state, long ts) {
    if (!t.state().equals("CREATED")) {
      return t;
    }
    return new UserTaskView(t.userTaskKey(), t.elementId(), t.elementInstanceKey(), t.processInstanceKey(),
        t.bpmnProcessId(), t.processDefinitionKey(), state, t.assignee(), t.candidateGroups(), t.candidateUsers(),
        t.dueDate(), t.followUpDate(), t.formKey(), t.priority(), t.creationDate(), ts, t.customHeaders(),
        t.camundaUserTask());
  }
}
