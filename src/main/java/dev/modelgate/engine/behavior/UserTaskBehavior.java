package dev.modelgate.engine.behavior;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.model.Definitions.ListenerDefinition;
import dev.modelgate.engine.model.Definitions.UserTaskDefinition;
import dev.modelgate.engine.model.Element;
import dev.modelgate.engine.model.Expression;
import dev.modelgate.engine.model.ListenerEventType;
import dev.modelgate.engine.processing.Command.JobResult;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import dev.modelgate.engine.state.Job;
import dev.modelgate.engine.state.ProcessDefinition;
import dev.modelgate.engine.state.UserTask;
import dev.modelgate.engine.state.UserTask.Attributes;
import dev.modelgate.engine.state.UserTask.Changes;
import dev.modelgate.engine.state.UserTask.State;
import dev.modelgate.engine.state.UserTask.Transition;
import dev.modelgate.engine.util.Headers;
import dev.modelgate.engine.util.Json;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle of Camunda user tasks, as Camunda documents it: creating → created; created → assigning,
 * updating or completing and back (or on to completed); any state → canceling → canceled. Each
 * transition first runs the task's listeners of its event, one job at a time in model order; a listener
 * may correct the task's attributes or (for assigning, updating, completing) deny the transition, which
 * leaves the task as it was. Every change of user-task state is an event this class appends (see
 * {@link dev.modelgate.engine.event.UserTaskAppliers}); the exported history folds the same events.
 */
public final class UserTaskBehavior {
  public static final String HEADER_USER_TASK_KEY = "io.camunda.zeebe:userTaskKey";
  public static final String HEADER_ACTION = "io.camunda.zeebe:action";
  public static final String HEADER_CHANGED_ATTRIBUTES = "io.camunda.zeebe:changedAttributes";
  public static final String HEADER_PRIORITY = "io.camunda.zeebe:priority";

  /** Told when a transition that a command asked for ends, so that the command can be answered. */
  public interface TransitionObserver {
    void finished(UserTask task, ListenerEventType event);

    void denied(UserTask task, ListenerEventType event, String reason);

    /** The task's element ended (canceled) while the transition waited for its listeners. */
    void abandoned(UserTask task, ListenerEventType event);
  }

  private static final TransitionObserver NO_OBSERVER = new TransitionObserver() {
    @Override
    public void finished(UserTask task, ListenerEventType event) {}

    @Override
    public void denied(UserTask task, ListenerEventType event, String reason) {}

    @Override
    public void abandoned(UserTask task, ListenerEventType event) {}
  };

  private final BpmnBehaviors b;
  private TransitionObserver observer = NO_OBSERVER;

  public UserTaskBehavior(BpmnBehaviors b) {
    this.b = b;
  }

  public void observe(TransitionObserver observer) {
    this.observer = observer;
  }

  public UserTask get(long key) {
    return b.state.userTasks.get(key);
  }

  // ------------------------------------------------------------------ creation

  /**
   * Creates the user task of an activated element: evaluates assignment, schedule and priority, then
   * runs the creating listeners. An assignee given by the process is assigned once the task is created
   * (running the assigning listeners), as Camunda 8.8 does. A failed expression is returned.
   */
  public EvalResult create(ElementInstance instance) {
    UserTaskDefinition def = instance.element.userTask();
    EvalResult assignee = optionalString(def.assignee(), instance, "assignee");
    if (assignee instanceof EvalResult.Failure) {
      return assignee;
    }
    EvalResult groups = candidates(def.candidateGroups(), instance);
    if (groups instanceof EvalResult.Failure) {
      return groups;
    }
    EvalResult users = candidates(def.candidateUsers(), instance);
    if (users instanceof EvalResult.Failure) {
      return users;
    }
    EvalResult due = date(def.dueDate(), instance, "due date");
    if (due instanceof EvalResult.Failure) {
      return due;
    }
    EvalResult followUp = date(def.followUpDate(), instance, "follow-up date");
    if (followUp instanceof EvalResult.Failure) {
      return followUp;
    }
    EvalResult priority = priority(def.priority(), instance);
    if (priority instanceof EvalResult.Failure) {
      return priority;
    }
    Attributes requested = new Attributes(null, strings(groups), strings(users), (String) value(due),
        (String) value(followUp), (Integer) value(priority));
    UserTask task = new UserTask(b.state.nextKey(), instance.key, instance.processInstanceKey,
        instance.definition.bpmnProcessId(), instance.definition.version(), instance.definition.key(),
        instance.element.id(), instance.element.name(), State.CREATING, Attributes.NONE, def.formKey(),
        def.externalFormReference(), Headers.sorted(instance.element.taskHeaders()), b.context.now(),
        new Transition(ListenerEventType.CREATING, "", requested, requested, 0, (String) value(assignee), null, null));
    b.writer.append(new EngineEvent.UserTaskCreating(task));
    runNext(get(task.key()));
    return EvalResult.ok(get(task.key()));
  }

  // ------------------------------------------------------------------ transitions asked for by commands

  /** Assigns (or, with a null or empty assignee, unassigns) a created task. */
  public void assign(UserTask task, String assignee, String action) {
    begin(task, ListenerEventType.ASSIGNING, action,
        task.attributes().with(new Changes(assignee == null ? "" : assignee, null, null, null, null, null)), null);
  }

  public void update(UserTask task, Changes changes, String action) {
    begin(task, ListenerEventType.UPDATING, action, task.attributes().with(changes), null);
  }

  /** Whether variables set on this user task's element must first pass its updating listeners. */
  public boolean updatesVariablesThroughListeners(ElementInstance instance) {
    return instance.userTaskKey >= 0 && !instance.element.taskListeners(ListenerEventType.UPDATING).isEmpty();
  }

  /**
   * Variables set on a Camunda user task's element (SetVariables) are an update of the task, as Camunda
   * documents: they are set once the updating listeners agree, and not at all if one denies.
   */
  public void updateVariables(UserTask task, String variablesJson, boolean local) {
    b.writer.append(new EngineEvent.UserTaskTransitionStarted(task.key(), State.UPDATING,
        new Transition(ListenerEventType.UPDATING, "", task.attributes(), task.attributes(), 0, null, variablesJson,
            null, local)));
    runNext(get(task.key()));
  }

  public void complete(UserTask task, String variablesJson, String action) {
    begin(task, ListenerEventType.COMPLETING, action, task.attributes(), variablesJson);
  }

  private void begin(UserTask task, ListenerEventType event, String action, Attributes requested, String variables) {
    b.writer.append(new EngineEvent.UserTaskTransitionStarted(task.key(), stateOf(event),
        new Transition(event, action == null ? "" : action, requested, requested, 0, null, variables, null)));
    runNext(get(task.key()));
  }

  private static State stateOf(ListenerEventType event) {
    return switch (event) {
      case CREATING -> State.CREATING;
      case ASSIGNING -> State.ASSIGNING;
      case UPDATING -> State.UPDATING;
      case COMPLETING -> State.COMPLETING;
      case CANCELING -> State.CANCELING;
      case START, END -> throw new IllegalArgumentException("not a user task event: " + event);
    };
  }

  // ------------------------------------------------------------------ listeners

  /** Runs the transition's next listener, or ends the transition when none is left. */
  private void runNext(UserTask task) {
    Transition t = task.transition();
    if (t.event() == ListenerEventType.CANCELING) {
      runNextCanceling(task);
      return;
    }
    ElementInstance instance = b.state.instances.get(task.elementInstanceKey());
    List<ListenerDefinition> listeners = instance.element.taskListeners(t.event());
    if (t.nextListener() < listeners.size()) {
      EvalResult r = b.jobs.createListenerJob(instance, listeners.get(t.nextListener()), Job.Kind.TASK_LISTENER,
          listenerHeaders(task), task.key());
      if (r instanceof EvalResult.Failure f) {
        b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), instance, -1, RetryStep.USER_TASK_TRANSITION);
      }
      return;
    }
    finish(task, instance);
  }

  private void finish(UserTask task, ElementInstance instance) {
    Transition t = task.transition();
    UserTask done = task.with(State.CREATED, t.proposed(), null);
    switch (t.event()) {
      case CREATING -> {
        b.writer.append(new EngineEvent.UserTaskTransitionFinished(task.key()));
        if (t.assignAfter() != null && !t.assignAfter().isEmpty()) {
          assign(get(task.key()), t.assignAfter(), "assign");
        }
      }
      case ASSIGNING, UPDATING -> {
        b.writer.append(new EngineEvent.UserTaskTransitionFinished(task.key()));
        if (t.updatesVariables()) {
          Map<String, Object> variables = Json.parseObject(t.variablesJson());
          if (t.localVariables()) {
            b.variables.setLocal(instance, variables);
          } else {
            b.variables.propagate(instance, variables);
          }
        }
        observer.finished(done, t.event());
      }
      case COMPLETING -> {
        b.writer.append(new EngineEvent.UserTaskCompleted(task.key()));
        observer.finished(done, t.event());
        b.variables.applyCompletionVariables(instance, Json.parseObject(t.variablesJson()));
        b.transitions.complete(instance);
      }
      case CANCELING, START, END -> throw new IllegalStateException("unexpected transition " + t.event());
    }
  }

  /**
   * Why a task listener's job may not be completed with this result, or null. Checked before anything
   * changes: variables, a denial of creating or canceling, corrections of a cancellation, and invalid
   * corrected values are refused.
   */
  public Rejection checkListenerResult(Job job, boolean hasVariables, JobResult result) {
    if (hasVariables) {
      return Rejection.invalid("Expected to complete task listener job with key '" + job.key
          + "' without variables, but variables were given: task listener jobs cannot set variables");
    }
    if (result == null) {
      return null;
    }
    ListenerEventType event = job.listenerEventType;
    if (result.denied() && !event.canBeDenied()) {
      return Rejection.invalid("Expected to complete task listener job with key '" + job.key + "', but a '"
          + event.name().toLowerCase() + "' listener cannot deny the transition");
    }
    Changes c = result.corrections();
    if (c != null && !c.isEmpty()) {
      if (event == ListenerEventType.CANCELING) {
        return Rejection.invalid("Expected to complete task listener job with key '" + job.key
            + "', but a 'canceling' listener cannot correct the user task");
      }
      String invalid = invalidChange(c);
      if (invalid != null) {
        return Rejection.invalid("Expected to complete task listener job with key '" + job.key
            + "' with valid corrections, but " + invalid);
      }
    }
    return null;
  }

  /** Why a change (an update or correction) is invalid, naming the attribute, or null. */
  public static String invalidChange(Changes c) {
    if (c.priority() != null && (c.priority() < 0 || c.priority() > 100)) {
      return "'priority' must be from 0 to 100, but it was " + c.priority();
    }
    if (c.dueDate() != null && !c.dueDate().isEmpty() && !isDateTime(c.dueDate())) {
      return "'dueDate' must be an ISO 8601 date-time, but it was '" + c.dueDate() + "'";
    }
    if (c.followUpDate() != null && !c.followUpDate().isEmpty() && !isDateTime(c.followUpDate())) {
      return "'followUpDate' must be an ISO 8601 date-time, but it was '" + c.followUpDate() + "'";
    }
    return null;
  }

  /** A task listener's job was completed (its result checked): correct, deny, or go on. */
  public void listenerCompleted(Job job, JobResult result) {
    b.writer.append(new EngineEvent.JobCompleted(job.key));
    UserTask task = b.state.userTasks.get(job.userTaskKey);
    if (task == null || task.transition() == null || task.transition().event() != job.listenerEventType) {
      return;
    }
    Transition t = task.transition();
    if (result != null && result.denied()) {
      String reason = result.deniedReason() == null ? "" : result.deniedReason();
      b.writer.append(new EngineEvent.UserTaskTransitionDenied(task.key(), reason));
      observer.denied(get(task.key()), t.event(), reason);
      return;
    }
    Attributes corrected = result == null || result.corrections() == null ? t.proposed()
        : t.proposed().with(result.corrections());
    b.writer.append(new EngineEvent.UserTaskListenerDone(task.key(), corrected));
    runNext(get(task.key()));
  }

  /** Resolving an incident of a listener expression retries the whole transition, corrections dropped. */
  public void retryTransition(ElementInstance instance) {
    UserTask task = b.state.userTasks.get(instance.userTaskKey);
    if (task == null || task.transition() == null) {
      return;
    }
    b.writer.append(new EngineEvent.UserTaskTransitionRetried(task.key()));
    runNext(get(task.key()));
  }

  // ------------------------------------------------------------------ cancellation

  /**
   * The task's element is terminated (a cancel, an interrupting event): the task is canceled. A command
   * still waiting for its listeners is answered as refused. The canceling listeners then run one after
   * the other; the element does not wait for them (it is already gone), so their job types are evaluated
   * now, while its variables still exist.
   */
  public void cancel(ElementInstance instance) {
    UserTask task = b.state.userTasks.get(instance.userTaskKey);
    if (task == null) {
      return;
    }
    if (task.transition() != null && task.transition().event() != ListenerEventType.CREATING) {
      observer.abandoned(task, task.transition().event());
    }
    List<String> jobs = new ArrayList<>();
    for (ListenerDefinition l : instance.element.taskListeners(ListenerEventType.CANCELING)) {
      EvalResult type = b.expressions.evaluateString(l.type(), instance, "listener job type");
      EvalResult retries = b.jobs.retries(l.retries(), instance);
      if (type instanceof EvalResult.Ok t && retries instanceof EvalResult.Ok r) {
        jobs.add(r.value() + ":" + t.value());
      }
    }
    if (jobs.isEmpty()) {
      b.writer.append(new EngineEvent.UserTaskCanceled(task.key()));
      return;
    }
    b.writer.append(new EngineEvent.UserTaskCanceling(task.key(), jobs));
    runNext(get(task.key()));
  }

  private void runNextCanceling(UserTask task) {
    Transition t = task.transition();
    if (t.nextListener() >= t.cancelingJobTypes().size()) {
      b.writer.append(new EngineEvent.UserTaskCanceled(task.key()));
      return;
    }
    String job = t.cancelingJobTypes().get(t.nextListener());
    int colon = job.indexOf(':');
    ProcessDefinition definition = b.state.definitions.get(task.processDefinitionKey());
    Element element = definition.process().element(task.elementId());
    b.jobs.newListenerJob(definition, element, task.elementInstanceKey(), task.processInstanceKey(),
        job.substring(colon + 1), Integer.parseInt(job.substring(0, colon)), Job.Kind.TASK_LISTENER,
        ListenerEventType.CANCELING, listenerHeaders(task), task.key());
  }

  // ------------------------------------------------------------------ values

  /** The user task's data in the reserved headers Camunda documents for task listener jobs. */
  private static Map<String, String> listenerHeaders(UserTask task) {
    Attributes a = task.current();
    Map<String, String> h = new LinkedHashMap<>();
    h.put(HEADER_USER_TASK_KEY, String.valueOf(task.key()));
    h.put(HEADER_ACTION, task.transition() == null ? "" : task.transition().action());
    if (a.assignee() != null) {
      h.put(JobBehavior.HEADER_ASSIGNEE, a.assignee());
    }
    h.put(JobBehavior.HEADER_CANDIDATE_GROUPS, Json.writeValue(a.candidateGroups()));
    h.put(JobBehavior.HEADER_CANDIDATE_USERS, Json.writeValue(a.candidateUsers()));
    h.put(HEADER_CHANGED_ATTRIBUTES, Json.writeValue(task.transition() == null ? List.of()
        : JobBehavior.changedAttributes(task)));
    if (a.dueDate() != null) {
      h.put(JobBehavior.HEADER_DUE_DATE, a.dueDate());
    }
    if (a.followUpDate() != null) {
      h.put(JobBehavior.HEADER_FOLLOW_UP_DATE, a.followUpDate());
    }
    if (task.formKey() != null) {
      h.put(JobBehavior.HEADER_FORM_KEY, task.formKey());
    }
    h.put(HEADER_PRIORITY, String.valueOf(a.priority()));
    return h;
  }

  private EvalResult optionalString(Expression e, ElementInstance instance, String what) {
    EvalResult r = b.expressions.evaluate(e, instance);
    if (r instanceof EvalResult.Ok ok && ok.value() != null && !(ok.value() instanceof String)) {
      return EvalResult.failure("expected " + what + " '" + ExpressionBehavior.describe(e)
          + "' to be a string, but it was " + ok.value());
    }
    if (r instanceof EvalResult.Ok ok && ok.value() instanceof String s && s.isBlank()) {
      return EvalResult.ok(null);
    }
    return r;
  }

  private EvalResult candidates(Expression e, ElementInstance instance) {
    return e == null ? EvalResult.ok(List.of()) : b.jobs.list(e, instance);
  }

  /** A date-time attribute: FEEL date-time values and ISO 8601 strings; anything else fails. */
  private EvalResult date(Expression e, ElementInstance instance, String what) {
    EvalResult r = b.expressions.evaluate(e, instance);
    if (!(r instanceof EvalResult.Ok ok) || ok.value() == null) {
      return r;
    }
    Object v = ok.value();
    if (v instanceof ZonedDateTime z) {
      return EvalResult.ok(z.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
    if (v instanceof OffsetDateTime o) {
      return EvalResult.ok(o.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
    if (v instanceof String s && s.isBlank()) {
      return EvalResult.ok(null);
    }
    if (v instanceof String s && isDateTime(s)) {
      return EvalResult.ok(s.strip());
    }
    return EvalResult.failure("expected " + what + " '" + ExpressionBehavior.describe(e)
        + "' to be a date-time in ISO 8601 format (e.g. 2026-05-01T12:00:00Z), but it was " + v);
  }

  public static boolean isDateTime(String s) {
    try {
      ZonedDateTime.parse(s.strip());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private EvalResult priority(Expression e, ElementInstance instance) {
    EvalResult r = b.expressions.evaluate(e, instance);
    if (!(r instanceof EvalResult.Ok ok)) {
      return r;
    }
    Object v = ok.value();
    Integer p = null;
    if (v == null) {
      p = Attributes.DEFAULT_PRIORITY;
    } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      p = n.intValue();
    } else if (v instanceof String s) {
      try {
        p = Integer.parseInt(s.strip());
      } catch (NumberFormatException ignored) {
        p = null;
      }
    }
    if (p == null || p < 0 || p > 100) {
      return EvalResult.failure("expected priority '" + ExpressionBehavior.describe(e)
          + "' to be an integer from 0 to 100, but it was " + v);
    }
    return EvalResult.ok(p);
  }

  private static Object value(EvalResult r) {
    return ((EvalResult.Ok) r).value();
  }

  private static List<String> strings(EvalResult r) {
    List<String> out = new ArrayList<>();
    Object v = value(r);
    if (v instanceof List<?> list) {
      for (Object o : list) {
        if (o != null) {
          out.add(String.valueOf(o));
        }
      }
    }
    return out;
  }
}
