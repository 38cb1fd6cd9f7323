package dev.modelgate.engine.model;

import dev.modelgate.engine.model.Definitions.CallDefinition;
import dev.modelgate.engine.model.Definitions.CalledDecisionDefinition;
import dev.modelgate.engine.model.Definitions.Flow;
import dev.modelgate.engine.model.Definitions.IoMappings;
import dev.modelgate.engine.model.Definitions.JobDefinition;
import dev.modelgate.engine.model.Definitions.ListenerDefinition;
import dev.modelgate.engine.model.Definitions.LoopDefinition;
import dev.modelgate.engine.model.Definitions.MessageDefinition;
import dev.modelgate.engine.model.Definitions.ScriptDefinition;
import dev.modelgate.engine.model.Definitions.TimerDefinition;
import dev.modelgate.engine.model.Definitions.UserTaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One executable element of a deployed process. Built once by the transformer and never changed
 * afterwards (the graph links are filled in while building).
 */
public final class Element {
  private final String id;
  private final ElementKind kind;
  private final EventType eventType;
  private Element flowScope;
  private final List<Flow> incoming = new ArrayList<>();
  private final List<Flow> outgoing = new ArrayList<>();
  private final List<Element> boundaryEvents = new ArrayList<>();
  private final List<Element> children = new ArrayList<>();
  private Element attachedTo;
  private boolean cancelActivity = true;
  private String defaultFlowId;
  private JobDefinition job;
  private UserTaskDefinition userTask;
  private IoMappings ioMappings = IoMappings.NONE;
  private TimerDefinition timer;
  private MessageDefinition message;
  private String errorCode;
  private Expression signalName;
  private Expression escalationCode;
  private String linkName;
  private Element linkTarget;
  private List<Element> eventSubProcessStarts = List.of();
  private ScriptDefinition script;
  private CalledDecisionDefinition calledDecision;
  private CallDefinition call;
  private LoopDefinition loop;
  private String name;
  private Map<String, String> taskHeaders = Map.of();
  private List<ListenerDefinition> executionListeners = List.of();
  private List<ListenerDefinition> taskListeners = List.of();
  private boolean forCompensation;
  private Element compensationHandler;
  private String compensationActivityRef;

  public Element(String id, ElementKind kind, EventType eventType) {
    this.id = id;
    this.kind = kind;
    this.eventType = eventType;
  }

  public String id() { return id; }
  public ElementKind kind() { return kind; }
  public EventType eventType() { return eventType; }
  public Element flowScope() { return flowScope; }
  public List<Flow> incoming() { return incoming; }
  public List<Flow> outgoing() { return outgoing; }
  public List<Element> boundaryEvents() { return boundaryEvents; }
  public List<Element> children() { return children; }
  public Element attachedTo() { return attachedTo; }
  /**
   * Whether the event interrupts: {@code cancelActivity} for boundary events, {@code isInterrupting}
   * for the start event of an event sub-process; true for every other element.
   */
  public boolean cancelActivity() { return cancelActivity; }
  public String defaultFlowId() { return defaultFlowId; }
  public JobDefinition job() { return job; }
  public UserTaskDefinition userTask() { return userTask; }
  public IoMappings ioMappings() { return ioMappings; }
  public TimerDefinition timer() { return timer; }
  public MessageDefinition message() { return message; }
  /** For error events: the error code, or {@code null} for a catch-all error boundary event. */
  public String errorCode() { return errorCode; }
  /** For signal events: the signal name (static, or FEEL for catch and throw events). */
  public Expression signalName() { return signalName; }
  /**
   * For escalation events: the escalation code; {@code null} on a catch event means it catches
   * every escalation. Throw events may compute it with FEEL.
   */
  public Expression escalationCode() { return escalationCode; }
  /** For link events: the link name. */
  public String linkName() { return linkName; }
  /** For a link throw event: the link catch event of the same name in the same scope. */
  public Element linkTarget() { return linkTarget; }
  /** For containers (process, sub-process, event sub-process): the start events of their event sub-processes. */
  public List<Element> eventSubProcessStarts() { return eventSubProcessStarts; }
  /** Whether this is the start event of an event sub-process. */
  public boolean startsEventSubProcess() {
    return kind == ElementKind.START_EVENT && flowScope != null && flowScope.kind == ElementKind.EVENT_SUB_PROCESS;
  }
  public ScriptDefinition script() { return script; }
  /** For business rule tasks that evaluate a DMN decision in the engine; null for the job-based form. */
  public CalledDecisionDefinition calledDecision() { return calledDecision; }
  public CallDefinition call() { return call; }
  public LoopDefinition loop() { return loop; }

  /** The BPMN name, or null. */
  public String name() { return name; }
  /** The element's {@code zeebe:taskHeaders} (also handed to its listeners' jobs). */
  public Map<String, String> taskHeaders() { return taskHeaders; }

  /** This element's execution listeners of one event type, in model order. */
  public List<ListenerDefinition> executionListeners(ListenerEventType eventType) {
    return listenersOf(executionListeners, eventType);
  }

  /** This user task's task listeners of one event type, in model order. */
  public List<ListenerDefinition> taskListeners(ListenerEventType eventType) {
    return listenersOf(taskListeners, eventType);
  }

  private static List<ListenerDefinition> listenersOf(List<ListenerDefinition> all, ListenerEventType eventType) {
    if (all.isEmpty()) {
      return List.of();
    }
    List<ListenerDefinition> out = new ArrayList<>();
    for (ListenerDefinition l : all) {
      if (l.eventType() == eventType) {
        out.add(l);
      }
    }
    return out;
  }

  /** A Camunda user task ({@code zeebe:userTask}), as opposed to a job-worker user task. */
  public boolean isCamundaUserTask() { return userTask != null && userTask.camunda(); }

  public boolean isMultiInstance() { return loop != null; }
  /** A compensation handler (isForCompensation): started only by a compensation throw event. */
  public boolean isForCompensation() { return forCompensation; }
  /** For a compensation boundary event: the associated handler activity. */
  public Element compensationHandler() { return compensationHandler; }
  /** For a compensation throw event: the activity to compensate, or null for the whole scope. */
  public String compensationActivityRef() { return compensationActivityRef; }

  /** The handler of this activity's compensation boundary event, or null. */
  public Element compensationHandlerOfActivity() {
    for (Element be : boundaryEvents) {
      if (be.eventType == EventType.COMPENSATION) {
        return be.compensationHandler;
      }
    }
    return null;
  }

  /** The start event of an event sub-process (its only start event), or null. */
  public Element eventStart() {
    for (Element child : children) {
      if (child.kind == ElementKind.START_EVENT) {
        return child;
      }
    }
    return null;
  }

  /** The none start event of this container, or null. */
  public Element noneStartEvent() {
    for (Element child : children) {
      if (child.kind == ElementKind.START_EVENT && child.eventType == EventType.NONE) {
        return child;
      }
    }
    return null;
  }

  // builder-side setters, used only by the transformer
  void setFlowScope(Element flowScope) { this.flowScope = flowScope; }
  void setAttachedTo(Element attachedTo) { this.attachedTo = attachedTo; }
  void setCancelActivity(boolean cancelActivity) { this.cancelActivity = cancelActivity; }
  void setDefaultFlowId(String defaultFlowId) { this.defaultFlowId = defaultFlowId; }
  void setJob(JobDefinition job) { this.job = job; }
  void setUserTask(UserTaskDefinition userTask) { this.userTask = userTask; }
  void setIoMappings(IoMappings ioMappings) { this.ioMappings = ioMappings; }
  void setTimer(TimerDefinition timer) { this.timer = timer; }
  void setMessage(MessageDefinition message) { this.message = message; }
  void setErrorCode(String errorCode) { this.errorCode = errorCode; }
  void setSignalName(Expression signalName) { this.signalName = signalName; }
  void setEscalationCode(Expression escalationCode) { this.escalationCode = escalationCode; }
  void setLinkName(String linkName) { this.linkName = linkName; }
  void setLinkTarget(Element linkTarget) { this.linkTarget = linkTarget; }
  void setEventSubProcessStarts(List<Element> starts) { this.eventSubProcessStarts = List.copyOf(starts); }
  void setScript(ScriptDefinition script) { this.script = script; }
  void setCalledDecision(CalledDecisionDefinition calledDecision) { this.calledDecision = calledDecision; }
  void setCall(CallDefinition call) { this.call = call; }
  void setLoop(LoopDefinition loop) { this.loop = loop; }
  void setName(String name) { this.name = name; }
  void setTaskHeaders(Map<String, String> taskHeaders) { this.taskHeaders = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(taskHeaders)); }
  void setExecutionListeners(List<ListenerDefinition> listeners) { this.executionListeners = List.copyOf(listeners); }
  void setTaskListeners(List<ListenerDefinition> listeners) { this.taskListeners = List.copyOf(listeners); }
  void setForCompensation(boolean forCompensation) { this.forCompensation = forCompensation; }
  void setCompensationHandler(Element handler) { this.compensationHandler = handler; }
  void setCompensationActivityRef(String activityRef) { this.compensationActivityRef = activityRef; }

  @Override
  public String toString() {
    return kind + "[" + id + "]";
  }
}
