package dev.modelgate.engine.behavior;

import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.model.Definitions;
import dev.modelgate.engine.processing.StateWriter;
import dev.modelgate.engine.model.Definitions.JobDefinition;
import dev.modelgate.engine.model.Element;
import dev.modelgate.engine.model.ListenerEventType;
import dev.modelgate.engine.model.Definitions.UserTaskDefinition;
import dev.modelgate.engine.model.Expression;
import dev.modelgate.engine.processing.ProcessingContext;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.Job;
import dev.modelgate.engine.state.ProcessDefinition;
import dev.modelgate.engine.state.UserTask;
import dev.modelgate.engine.util.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates, activates and cancels jobs. */
public final class JobBehavior {
  public static final String USER_TASK_TYPE = "io.camunda.zeebe:userTask";
  public static final String HEADER_ASSIGNEE = "io.camunda.zeebe:assignee";
  public static final String HEADER_CANDIDATE_GROUPS = "io.camunda.zeebe:candidateGroups";
  public static final String HEADER_CANDIDATE_USERS = "io.camunda.zeebe:candidateUsers";
  public static final String HEADER_DUE_DATE = "io.camunda.zeebe:dueDate";
  public static final String HEADER_FOLLOW_UP_DATE = "io.camunda.zeebe:followUpDate";
  public static final String HEADER_FORM_KEY = "io.camunda.zeebe:formKey";

  private final EngineState state;
  private final ProcessingContext context;
  private final ExpressionBehavior expressions;
  private final VariableBehavior variables;
  private final StateWriter writer;

  public JobBehavior(EngineState state, ProcessingContext context, ExpressionBehavior expressions,
      VariableBehavior variables, StateWriter writer) {
    this.writer = writer;
    this.state = state;
    this.context = context;
    this.expressions = expressions;
    this.variables = variables;
  }

  /** Creates the job of a job-worker task; a failed expression is returned, not thrown. */
  public EvalResult createJob(ElementInstance instance) {
    JobDefinition def = instance.element.job();
    EvalResult type = expressions.evaluateString(def.type(), instance, "job type");
    if (type instanceof EvalResult.Failure) {
      return type;
    }
    EvalResult retriesResult = expressions.evaluate(def.retries(), instance);
    if (retriesResult instanceof EvalResult.Failure) {
      return retriesResult;
    }
    int retries;
    try {
      Object r = ((EvalResult.Ok) retriesResult).value();
      retries = r instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(r).strip());
    } catch (NumberFormatException e) {
      return EvalResult.failure("expected job retries '" + ExpressionBehavior.describe(def.retries())
          + "' to be a number");
    }
    Map<String, String> headers = new LinkedHashMap<>(def.headers());
    UserTaskDefinition ut = instance.element.userTask();
    if (ut != null) {
      EvalResult failure = userTaskHeaders(ut, instance, headers);
      if (failure != null) {
        return failure;
      }
    }
    long key = state.nextKey();
    writer.append(new EngineEvent.JobCreated(key, (String) ((EvalResult.Ok) type).value(), instance.key,
        instance.processInstanceKey, instance.definition.bpmnProcessId(), instance.definition.version(),
        instance.definition.key(), instance.element.id(), Map.copyOf(headers), retries));
    Job job = state.jobs.get(key);
    context.jobBecameActivatable(job.type);
    return EvalResult.ok(job);
  }

  private EvalResult userTaskHeaders(UserTaskDefinition ut, ElementInstance instance, Map<String, String> headers) {
    EvalResult r;
    if (ut.assignee() != null) {
      r = expressions.evaluate(ut.assignee(), instance);
      if (r instanceof EvalResult.Failure) {
        return r;
      }
      Object v = ((EvalResult.Ok) r).value();
      if (v != null) {
        headers.put(HEADER_ASSIGNEE, String.valueOf(v));
      }
    }
    if (ut.candidateGroups() != null) {
      r = list(ut.candidateGroups(), instance);
      if (r instanceof EvalResult.Failure) {
        return r;
      }
      headers.put(HEADER_CANDIDATE_GROUPS, Json.writeValue(((EvalResult.Ok) r).value()));
    }
    if (ut.candidateUsers() != null) {
      r = list(ut.candidateUsers(), instance);
      if (r instanceof EvalResult.Failure) {
        return r;
      }
      headers.put(HEADER_CANDIDATE_USERS, Json.writeValue(((EvalResult.Ok) r).value()));
    }
    if (ut.dueDate() != null) {
      r = expressions.evaluate(ut.dueDate(), instance);
      if (r instanceof EvalResult.Failure) {
        return r;
      }
      Object v = ((EvalResult.Ok) r).value();
      if (v != null) {
        headers.put(HEADER_DUE_DATE, String.valueOf(v));
      }
    }
    if (ut.followUpDate() != null) {
      r = expressions.evaluate(ut.followUpDate(), instance);
      if (r instanceof EvalResult.Failure) {
        return r;
      }
      Object v = ((EvalResult.Ok) r).value();
      if (v != null) {
        headers.put(HEADER_FOLLOW_UP_DATE, String.valueOf(v));
      }
    }
    if (ut.formKey() != null) {
      headers.put(HEADER_FORM_KEY, ut.formKey());
    }
    return null;
  }

  /**
   * Creates the job of one listener of an instance; the job carries the element's task headers and
   * {@code extraHeaders} (the user task's data for task listeners). A failed expression is returned.
   */
  public EvalResult createListenerJob(ElementInstance instance, Definitions.ListenerDefinition listener, Job.Kind kind,
      Map<String, String> extraHeaders, long userTaskKey) {
    EvalResult type = expressions.evaluateString(listener.type(), instance, "listener job type");
    if (type instanceof EvalResult.Failure) {
      return type;
    }
    EvalResult retries = retries(listener.retries(), instance);
    if (retries instanceof EvalResult.Failure) {
      return retries;
    }
    Job job = newListenerJob(instance.definition, instance.element, instance.key, instance.processInstanceKey,
        (String) ((EvalResult.Ok) type).value(), (Integer) ((EvalResult.Ok) retries).value(), kind,
        listener.eventType(), extraHeaders, userTaskKey);
    return EvalResult.ok(job);
  }

  /**
   * A listener job whose type and retries are known. Used directly for canceling listeners, whose element
   * instance is gone by the time the next of them runs.
   */
  public Job newListenerJob(ProcessDefinition definition, Element element,
      long elementInstanceKey, long processInstanceKey, String type, int retries, Job.Kind kind,
      ListenerEventType eventType, Map<String, String> extraHeaders, long userTaskKey) {
    Map<String, String> headers = new LinkedHashMap<>(element.taskHeaders());
    headers.putAll(extraHeaders);
    long key = state.nextKey();
    writer.append(new EngineEvent.JobCreated(key, type, elementInstanceKey, processInstanceKey,
        definition.bpmnProcessId(), definition.version(), definition.key(), element.id(),
        Map.copyOf(headers), retries, kind, eventType, userTaskKey));
    Job job = state.jobs.get(key);
    context.jobBecameActivatable(job.type);
    return job;
  }

  /** A listener's retries expression as an integer. */
  public EvalResult retries(Expression expression, ElementInstance instance) {
    EvalResult r = expressions.evaluate(expression, instance);
    if (r instanceof EvalResult.Failure) {
      return r;
    }
    Object v = ((EvalResult.Ok) r).value();
    try {
      return EvalResult.ok(v instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(v).strip()));
    } catch (NumberFormatException e) {
      return EvalResult.failure("expected job retries '" + ExpressionBehavior.describe(expression)
          + "' to be a number");
    }
  }

  /** Candidate lists: a FEEL list, or a static comma-separated list. */
  EvalResult list(Expression expression, ElementInstance instance) {
    if (expression instanceof Expression.Static s) {
      List<Object> values = new ArrayList<>();
      for (String part : s.value().split(",")) {
        if (!part.isBlank()) {
          values.add(part.strip());
        }
      }
      return EvalResult.ok(values);
    }
    EvalResult r = expressions.evaluate(expression, instance);
    if (r instanceof EvalResult.Ok ok && ok.value() instanceof String str) {
      return list(new Expression.Static(str), instance);
    }
    return expressions.evaluateList(expression, instance, "candidate list");
  }

  public void cancelJob(ElementInstance instance) {
    if (instance.jobKey >= 0) {
      if (state.jobs.containsKey(instance.jobKey)) {
        writer.append(new EngineEvent.JobCanceled(instance.jobKey));
      }
    }
  }

  /** Marks a job activated and returns what the worker receives. */
  public ActivatedJobData activate(Job job, String worker, long timeout, Collection<String> fetchVariables) {
    writer.append(new EngineEvent.JobActivated(job.key, worker, context.now() + timeout));
    return data(job, fetchVariables);
  }

  public ActivatedJobData data(Job job, Collection<String> fetchVariables) {
    ElementInstance instance = state.instances.get(job.elementInstanceKey);
    Map<String, Object> vars = instance == null ? Map.of() : variables.visible(instance);
    Map<String, Object> selected;
    if (fetchVariables == null || fetchVariables.isEmpty()) {
      selected = vars;
    } else {
      selected = new LinkedHashMap<>();
      for (String name : fetchVariables) {
        if (vars.containsKey(name)) {
          selected.put(name, vars.get(name));
        }
      }
    }
    return new ActivatedJobData(job.key, job.type, job.processInstanceKey, job.bpmnProcessId,
        job.processDefinitionVersion, job.processDefinitionKey, job.elementId, job.elementInstanceKey,
        job.customHeaders, job.worker, job.retries, job.deadline, Json.write(selected), job.kind,
        job.listenerEventType, userTaskData(job));
  }

  private ActivatedJobData.UserTaskData userTaskData(Job job) {
    if (job.kind != Job.Kind.TASK_LISTENER) {
      return null;
    }
    UserTask task = state.userTasks.get(job.userTaskKey);
    if (task == null) {
      return new ActivatedJobData.UserTaskData(job.userTaskKey, "", null, List.of(), List.of(), List.of(), null, null,
          UserTask.Attributes.DEFAULT_PRIORITY);
    }
    UserTask.Attributes a = task.current();
    List<String> changed = task.transition() == null ? List.of() : changedAttributes(task);
    return new ActivatedJobData.UserTaskData(task.key(), task.transition() == null ? "" : task.transition().action(),
        a.assignee(), a.candidateGroups(), a.candidateUsers(), changed, a.dueDate(), a.followUpDate(), a.priority());
  }

  /** What the running transition changes, corrections included (what Camunda calls changedAttributes). */
  static List<String> changedAttributes(UserTask task) {
    List<String> changed = task.transition().proposed().changedFrom(task.attributes());
    if (task.transition().updatesVariables()) {
      changed = new ArrayList<>(changed);
      changed.add("variables");
    }
    return changed;
  }
}
