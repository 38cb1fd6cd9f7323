package dev.modelgate.engine.state;

import dev.modelgate.engine.model.ListenerEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Camunda user task ({@code zeebe:userTask}): the engine's own record of a human step, with its own key,
 * beside the element instance that waits for it. Immutable: every change replaces the record (see
 * {@link dev.modelgate.engine.behavior.UserTaskBehavior}, the only class that changes user tasks).
 *
 * <p>While a lifecycle transition runs its task listeners ({@code transition} not null), the task is in
 * that transition's state and takes no other command.
 */
public record UserTask(
    long key,
    long elementInstanceKey,
    long processInstanceKey,
    String bpmnProcessId,
    int processDefinitionVersion,
    long processDefinitionKey,
    String elementId,
    String name,
    State state,
    Attributes attributes,
    String formKey,
    String externalFormReference,
    Map<String, String> customHeaders,
    long creationDate,
    Transition transition) {

  /** The lifecycle states Camunda documents; COMPLETED and CANCELED tasks leave the state. */
  public enum State { CREATING, CREATED, ASSIGNING, UPDATING, COMPLETING, CANCELING }

  /** What listeners may correct and commands may change. Dates are ISO-8601 text; null means none. */
  public record Attributes(String assignee, List<String> candidateGroups, List<String> candidateUsers,
      String dueDate, String followUpDate, int priority) {
    public static final int DEFAULT_PRIORITY = 50;
    public static final Attributes NONE = new Attributes(null, List.of(), List.of(), null, null, DEFAULT_PRIORITY);

    public Attributes {
      candidateGroups = List.copyOf(candidateGroups);
      candidateUsers = List.copyOf(candidateUsers);
    }

    /** These attributes with the given changes applied: a null field keeps its value, "" or [] clears it. */
    public Attributes with(Changes c) {
      return new Attributes(
          c.assignee() == null ? assignee : emptyToNull(c.assignee()),
          c.candidateGroups() == null ? candidateGroups : c.candidateGroups(),
          c.candidateUsers() == null ? candidateUsers : c.candidateUsers(),
          c.dueDate() == null ? dueDate : emptyToNull(c.dueDate()),
          c.followUpDate() == null ? followUpDate : emptyToNull(c.followUpDate()),
          c.priority() == null ? priority : c.priority());
    }

    /** The names of the attributes that differ from {@code before}, in Camunda's attribute names. */
    public List<String> changedFrom(Attributes before) {
      List<String> changed = new ArrayList<>();
      if (!Objects.equals(assignee, before.assignee)) {
        changed.add("assignee");
      }
      if (!candidateGroups.equals(before.candidateGroups)) {
        changed.add("candidateGroups");
      }
      if (!candidateUsers.equals(before.candidateUsers)) {
        changed.add("candidateUsers");
      }
      if (!Objects.equals(dueDate, before.dueDate)) {
        changed.add("dueDate");
      }
      if (!Objects.equals(followUpDate, before.followUpDate)) {
        changed.add("followUpDate");
      }
      if (priority != before.priority) {
        changed.add("priority");
      }
      return changed;
    }

    private static String emptyToNull(String s) {
      return s.isEmpty() ? null : s;
    }
  }

  /**
   * A requested change or a listener's corrections: null fields stay as they are; an empty string clears
   * the assignee or a date, an empty list clears candidates.
   */
  public record Changes(String assignee, List<String> candidateGroups, List<String> candidateUsers, String dueDate,
      String followUpDate, Integer priority) {
    public static final Changes NONE = new Changes(null, null, null, null, null, null);

    public Changes {
      candidateGroups = candidateGroups == null ? null : List.copyOf(candidateGroups);
      candidateUsers = candidateUsers == null ? null : List.copyOf(candidateUsers);
    }

    public boolean isEmpty() {
      return equals(NONE);
    }
  }

  /**
   * A lifecycle transition waiting for its listeners. {@code requested} is the change as asked for,
   * {@code proposed} the same with the corrections of the listeners that ran so far (a denial discards
   * them, an incident's retry starts again from {@code requested}). {@code nextListener} indexes the
   * element's listeners of {@code event}. For CREATING, {@code assignAfter} is the assignee the process
   * gives, assigned (with the assigning listeners) once the task is created. For COMPLETING,
   * {@code variablesJson} are the completion variables; for UPDATING, variables set on the task's scope
   * (set once the updating listeners agree; {@code localVariables} as SetVariables' local flag). For
   * CANCELING, {@code cancelingJobTypes} are the listener job types evaluated while the element still existed.
   */
  public record Transition(ListenerEventType event, String action, Attributes requested, Attributes proposed,
      int nextListener, String assignAfter, String variablesJson, List<String> cancelingJobTypes,
      boolean localVariables) {
    public Transition {
      cancelingJobTypes = cancelingJobTypes == null ? List.of() : List.copyOf(cancelingJobTypes);
    }

    public Transition(ListenerEventType event, String action, Attributes requested, Attributes proposed,
        int nextListener, String assignAfter, String variablesJson, List<String> cancelingJobTypes) {
      this(event, action, requested, proposed, nextListener, assignAfter, variablesJson, cancelingJobTypes, false);
    }

    public Transition withProposed(Attributes p, int next) {
      return new Transition(event, action, requested, p, next, assignAfter, variablesJson, cancelingJobTypes,
          localVariables);
    }

    /** An update of the task's variables (through SetVariables) rather than of its attributes. */
    public boolean updatesVariables() {
      return event == ListenerEventType.UPDATING && variablesJson != null;
    }
  }

  // the lifecycle steps, as the event appliers (and the exported history) take them

  /** A transition begins, in its state. */
  public UserTask started(State newState, Transition newTransition) {
    return with(newState, attributes, newTransition);
  }

  /** A listener of the running transition agreed, with {@code proposed} as corrected so far. */
  public UserTask listenerDone(Attributes proposed) {
    return with(state, attributes, transition.withProposed(proposed, transition.nextListener() + 1));
  }

  /** The running transition starts again from its first listener, corrections dropped. */
  public UserTask retried() {
    return with(state, attributes, transition.withProposed(transition.requested(), 0));
  }

  /** The running transition took effect. */
  public UserTask finished() {
    return with(State.CREATED, transition.proposed(), null);
  }

  /** The running transition was denied: the task is as before it. */
  public UserTask denied() {
    return with(State.CREATED, attributes, null);
  }

  /** The task's element ended: the canceling listeners ({@code "retries:type"}) run next. */
  public UserTask canceling(List<String> cancelingJobTypes) {
    return with(State.CANCELING, attributes, new Transition(ListenerEventType.CANCELING, "", attributes, attributes,
        0, null, null, cancelingJobTypes));
  }

  public UserTask with(State newState, Attributes newAttributes, Transition newTransition) {
    return new UserTask(key, elementInstanceKey, processInstanceKey, bpmnProcessId, processDefinitionVersion,
        processDefinitionKey, elementId, name, newState, newAttributes, formKey, externalFormReference, customHeaders,
        creationDate, newTransition);
  }

  /** The attributes as a listener of the running transition sees them. */
  public Attributes current() {
    return transition == null ? attributes : transition.proposed();
  }
}
