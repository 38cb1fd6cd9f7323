package dev.modelgate.engine.model;

import dev.modelgate.engine.feel.FeelEvaluator;
import dev.modelgate.engine.model.Definitions.CallDefinition;
import dev.modelgate.engine.model.Definitions.CalledDecisionDefinition;
import dev.modelgate.engine.model.Definitions.Flow;
import dev.modelgate.engine.model.Definitions.IoMappings;
import dev.modelgate.engine.model.Definitions.JobDefinition;
import dev.modelgate.engine.model.Definitions.ListenerDefinition;
import dev.modelgate.engine.model.Definitions.LoopDefinition;
import dev.modelgate.engine.model.Definitions.Mapping;
import dev.modelgate.engine.model.Definitions.MessageDefinition;
import dev.modelgate.engine.model.Definitions.ScriptDefinition;
import dev.modelgate.engine.model.Definitions.TimerDefinition;
import dev.modelgate.engine.model.Definitions.TimerKind;
import dev.modelgate.engine.model.Definitions.UserTaskDefinition;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.AdHocSubProcess;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EscalationEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.LinkEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.LoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.ManualTask;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.SendTask;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Transaction;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListenerEventType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeOutput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePublishMessage;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xml.sax.SAXParseException;

/**
 * Turns a BPMN resource into executable processes, refusing everything outside the supported
 * set. Refusals are returned as a value listing every offending element with its type.
 */
public final class ProcessTransformer {

  /** The outcome of transforming one resource. */
  public sealed interface Outcome {
    record Transformed(List<ExecutableProcess> processes) implements Outcome {}

    record Rejected(String message) implements Outcome {}
  }

  private final List<String> problems = new ArrayList<>();
  private final Map<String, Element> index = new LinkedHashMap<>();

  private ProcessTransformer() {}

  public static Outcome transform(String resourceName, byte[] content) {
    String wellFormed = checkWellFormed(content);
    if (wellFormed != null) {
      return new Outcome.Rejected("'" + resourceName + "': malformed BPMN XML" + wellFormed);
    }
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
    } catch (RuntimeException e) {
      return new Outcome.Rejected("'" + resourceName + "': malformed BPMN XML" + describeParseError(e));
    }
    List<ExecutableProcess> processes = new ArrayList<>();
    List<String> allProblems = new ArrayList<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (!process.isExecutable()) {
        continue;
      }
      ProcessTransformer t = new ProcessTransformer();
      ExecutableProcess p = t.transformProcess(process);
      if (t.problems.isEmpty()) {
        processes.add(p);
      } else {
        allProblems.addAll(t.problems);
      }
    }
    if (!allProblems.isEmpty()) {
      return new Outcome.Rejected("'" + resourceName + "' uses elements or attributes the embedded"
          + " engine does not support: " + String.join("; ", allProblems));
    }
    if (processes.isEmpty()) {
      return new Outcome.Rejected("'" + resourceName + "' contains no executable process");
    }
    return new Outcome.Transformed(processes);
  }

  /** Returns null for well-formed XML, else where and why it is not. */
  private static String checkWellFormed(byte[] content) {
    try {
      javax.xml.parsers.SAXParserFactory factory = javax.xml.parsers.SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.newSAXParser().parse(new ByteArrayInputStream(content), new org.xml.sax.helpers.DefaultHandler());
      return null;
    } catch (SAXParseException e) {
      return " at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage();
    } catch (Exception e) {
      return ": " + e.getMessage();
    }
  }

  private static String describeParseError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SAXParseException sax) {
        return " at line " + sax.getLineNumber() + ", column " + sax.getColumnNumber() + ": "
            + sax.getMessage();
      }
    }
    return ": " + e.getMessage();
  }

  private ExecutableProcess transformProcess(Process process) {
    Element root = new Element(process.getId(), ElementKind.PROCESS, EventType.NONE);
    index.put(root.id(), root);
    root.setExecutionListeners(executionListeners(process, "process", root));
    if (process.getSingleExtensionElement(ZeebeTaskListeners.class) != null) {
      problem(process, "process with zeebe:taskListeners");
    }
    buildContainer(root, process.getFlowElements());
    CompensationModel.link(process, index, problems);
    return new ExecutableProcess(process.getId(), root, Map.copyOf(index));
  }

  private void problem(BaseElement element, String what) {
    problems.add("'" + element.getId() + "' (" + what + ")");
  }

  private void buildContainer(Element container, Collection<FlowElement> flowElements) {
    List<SequenceFlow> flows = new ArrayList<>();
    List<BoundaryEvent> boundaries = new ArrayList<>();
    for (FlowElement fe : flowElements) {
      if (fe instanceof SequenceFlow sf) {
        flows.add(sf);
      } else if (fe instanceof FlowNode node) {
        Element element = buildNode(node, container);
        if (element != null) {
          element.setFlowScope(container);
          container.children().add(element);
          index.put(element.id(), element);
          if (node instanceof BoundaryEvent be) {
            boundaries.add(be);
          }
        }
      }
      // data objects, data stores and other non-flow-node elements carry no behaviour
    }
    for (BoundaryEvent be : boundaries) {
      Element event = index.get(be.getId());
      Element host = be.getAttachedTo() == null ? null : index.get(be.getAttachedTo().getId());
      if (host == null) {
        problem(be, "boundaryEvent without a supported attachedToRef");
        continue;
      }
      event.setAttachedTo(host);
      event.setCancelActivity(be.cancelActivity());
      host.boundaryEvents().add(event);
    }
    for (SequenceFlow sf : flows) {
      Element source = sf.getSource() == null ? null : index.get(sf.getSource().getId());
      Element target = sf.getTarget() == null ? null : index.get(sf.getTarget().getId());
      if (source == null || target == null) {
        continue; // the unsupported end is already reported
      }
      Expression condition = null;
      if (sf.getConditionExpression() != null && sf.getConditionExpression().getTextContent() != null
          && !sf.getConditionExpression().getTextContent().isBlank()) {
        condition = feel(sf, sf.getConditionExpression().getTextContent(), true);
      }
      Flow flow = new Flow(sf.getId(), source.id(), target.id(), condition);
      source.outgoing().add(flow);
      target.incoming().add(flow);
    }
    linkEvents(container);
    List<Element> eventStarts = new ArrayList<>();
    for (Element child : container.children()) {
      if (child.kind() == ElementKind.EVENT_SUB_PROCESS && child.eventStart() != null) {
        eventStarts.add(child.eventStart());
      }
    }
    container.setEventSubProcessStarts(eventStarts);
    for (Element child : container.children()) {
      if (child.kind() == ElementKind.EVENT_BASED_GATEWAY) {
        for (Flow f : child.outgoing()) {
          Element target = index.get(f.targetId());
          boolean waits = (target.kind() == ElementKind.INTERMEDIATE_CATCH_EVENT && target.eventType() != EventType.LINK)
              || target.kind() == ElementKind.RECEIVE_TASK;
          if (!waits) {
            problems.add("'" + child.id() + "' (eventBasedGateway must lead to intermediate catch events, but '"
                + target.id() + "' is " + (target.eventType() == EventType.LINK ? "a link catch event" : target.kind())
                + ")");
          }
        }
      }
    }
  }

  /**
   * A link throw event continues at the link catch event of the same name in the same scope, as if
   * a sequence flow joined them; a throw without its catch, or two catches of one name, are refused.
   */
  private void linkEvents(Element container) {
    Map<String, Element> catches = new LinkedHashMap<>();
    for (Element child : container.children()) {
      if (child.kind() == ElementKind.INTERMEDIATE_CATCH_EVENT && child.eventType() == EventType.LINK
          && catches.putIfAbsent(child.linkName(), child) != null) {
        problems.add("'" + child.id() + "' (intermediateCatchEvent with linkEventDefinition: the link name '"
            + child.linkName() + "' is used by more than one link catch event in the scope)");
      }
    }
    for (Element child : container.children()) {
      if (child.kind() == ElementKind.INTERMEDIATE_THROW_EVENT && child.eventType() == EventType.LINK) {
        Element target = catches.get(child.linkName());
        if (target == null) {
          problems.add("'" + child.id() + "' (intermediateThrowEvent with linkEventDefinition: no link catch event"
              + " named '" + child.linkName() + "' in the same scope)");
          continue;
        }
        child.setLinkTarget(target);
        Flow link = new Flow(child.id() + "->" + target.id(), child.id(), target.id(), null);
        child.outgoing().add(link);
        target.incoming().add(link);
      }
    }
  }

  private Expression feel(BaseElement owner, String text, boolean alwaysFeel) {
    try {
      return alwaysFeel ? FeelEvaluator.always(text) : FeelEvaluator.attribute(text);
    } catch (IllegalArgumentException e) {
      problem(owner, "invalid FEEL expression '" + text + "': " + e.getMessage());
      return null;
    }
  }

  /**
   * The execution listeners of an element, refusing those Camunda does not run: start listeners on start
   * and boundary events, end listeners on gateways and error end events, and a repeated event type and
   * job type.
   */
  private List<ListenerDefinition> executionListeners(BaseElement node, String type, Element element) {
    ZeebeExecutionListeners listeners = node.getSingleExtensionElement(ZeebeExecutionListeners.class);
    if (listeners == null || listeners.getExecutionListeners().isEmpty()) {
      return List.of();
    }
    List<ListenerDefinition> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ZeebeExecutionListener l : listeners.getExecutionListeners()) {
      ListenerEventType eventType = l.getEventType() == ZeebeExecutionListenerEventType.end ? ListenerEventType.END
          : ListenerEventType.START;
      ElementKind kind = element.kind();
      if (eventType == ListenerEventType.START
          && (kind == ElementKind.START_EVENT || kind == ElementKind.BOUNDARY_EVENT)) {
        problem(node, type + " with a start execution listener (not supported for this element)");
        continue;
      }
      if (eventType == ListenerEventType.END && (kind == ElementKind.EXCLUSIVE_GATEWAY
          || kind == ElementKind.PARALLEL_GATEWAY || kind == ElementKind.INCLUSIVE_GATEWAY
          || kind == ElementKind.EVENT_BASED_GATEWAY
          || (kind == ElementKind.END_EVENT && element.eventType() == EventType.ERROR))) {
        problem(node, type + " with an end execution listener (not supported for this element)");
        continue;
      }
      ListenerDefinition definition = listener(node, type, "execution listener", eventType, l.getType(), l.getRetries());
      if (definition != null && !seen.add(eventType + "\u0000" + l.getType())) {
        problem(node, type + " with two " + eventType.name().toLowerCase() + " execution listeners of job type '"
            + l.getType() + "'");
        continue;
      }
      if (definition != null) {
        out.add(definition);
      }
    }
    return out;
  }

  private ListenerDefinition listener(BaseElement node, String type, String what, ListenerEventType eventType,
      String jobType, String retries) {
    if (jobType == null || jobType.isBlank()) {
      problem(node, type + " with a " + what + " without a job type");
      return null;
    }
    return new ListenerDefinition(eventType, feel(node, jobType, false),
        retries == null || retries.isBlank() ? new Expression.Static("3") : feel(node, retries, false));
  }

  /** Task listeners belong to Camunda user tasks only (a job-worker user task cannot run them). */
  private List<ListenerDefinition> taskListeners(BaseElement node, String type, boolean camundaUserTask) {
    ZeebeTaskListeners listeners = node.getSingleExtensionElement(ZeebeTaskListeners.class);
    if (listeners == null || listeners.getTaskListeners().isEmpty()) {
      return List.of();
    }
    if (!camundaUserTask) {
      problem(node, type + " with zeebe:taskListeners (only a Camunda user task, zeebe:userTask, has them)");
      return List.of();
    }
    List<ListenerDefinition> out = new ArrayList<>();
    for (ZeebeTaskListener l : listeners.getTaskListeners()) {
      ListenerEventType eventType = switch (l.getEventType() == null ? null : l.getEventType().resolve()) {
        case creating -> ListenerEventType.CREATING;
        case assigning -> ListenerEventType.ASSIGNING;
        case updating -> ListenerEventType.UPDATING;
        case completing -> ListenerEventType.COMPLETING;
        case canceling -> ListenerEventType.CANCELING;
        case null, default -> null;
      };
      if (eventType == null) {
        problem(node, type + " with a task listener without a supported eventType");
        continue;
      }
      ListenerDefinition definition = listener(node, type, "task listener", eventType, l.getType(), l.getRetries());
      if (definition != null) {
        out.add(definition);
      }
    }
    return out;
  }

  private Element buildNode(FlowNode node, Element container) {
    String type = node.getElementType().getTypeName();
    boolean processLevel = container.kind() == ElementKind.PROCESS;
    boolean eventSubProcess = container.kind() == ElementKind.EVENT_SUB_PROCESS;
    Element element;
    if (node instanceof StartEvent se) {
      List<EventType> allowed = processLevel
          ? List.of(EventType.NONE, EventType.MESSAGE, EventType.TIMER, EventType.SIGNAL)
          : eventSubProcess ? List.of(EventType.MESSAGE, EventType.TIMER, EventType.ERROR, EventType.ESCALATION,
              EventType.SIGNAL)
          : List.of(EventType.NONE);
      EventType et = eventType(se, type + (eventSubProcess ? " in an event sub-process" : ""), allowed);
      if (et == null) {
        return null;
      }
      element = new Element(node.getId(), ElementKind.START_EVENT, et);
      if (eventSubProcess) {
        element.setCancelActivity(se.isInterrupting());
        if (et == EventType.ERROR && !se.isInterrupting()) {
          problem(node, "non-interrupting error start event (error start events always interrupt)");
        }
      }
      eventDetails(element, se, !processLevel);
    } else if (node instanceof EndEvent ee) {
      EventType et = eventType(ee, type, List.of(EventType.NONE, EventType.ERROR, EventType.TERMINATE,
          EventType.MESSAGE, EventType.SIGNAL, EventType.ESCALATION, EventType.COMPENSATION));
      if (et == null) {
        return null;
      }
      element = new Element(node.getId(), ElementKind.END_EVENT, et);
      if (et == EventType.MESSAGE) {
        if (!messageThrowJob(element, node, type)) {
          return null;
        }
      } else {
        eventDetails(element, ee, true);
      }
      if (et == EventType.ERROR && element.errorCode() == null) {
        problem(node, "error end event without an error code");
      }
    } else if (node instanceof BoundaryEvent be) {
      EventType et = eventType(be, type, List.of(EventType.TIMER, EventType.MESSAGE, EventType.ERROR,
          EventType.SIGNAL, EventType.ESCALATION, EventType.COMPENSATION));
      if (et == null) {
        return null;
      }
      element = new Element(node.getId(), ElementKind.BOUNDARY_EVENT, et);
      if (et == EventType.ERROR && !be.cancelActivity()) {
        problem(node, "non-interrupting error boundary event (error boundary events always interrupt)");
      }
      eventDetails(element, be, true);
    } else if (node instanceof IntermediateCatchEvent ice) {
      EventType et = eventType(ice, type, List.of(EventType.TIMER, EventType.MESSAGE, EventType.SIGNAL,
          EventType.LINK));
      if (et == null) {
        return null;
      }
      element = new Element(node.getId(), ElementKind.INTERMEDIATE_CATCH_EVENT, et);
      eventDetails(element, ice, true);
    } else if (node instanceof IntermediateThrowEvent ite) {
      EventType et = eventType(ite, type, List.of(EventType.NONE, EventType.MESSAGE, EventType.SIGNAL,
          EventType.ESCALATION, EventType.LINK, EventType.COMPENSATION));
      if (et == null) {
        return null;
      }
      element = new Element(node.getId(), ElementKind.INTERMEDIATE_THROW_EVENT, et);
      if (et == EventType.MESSAGE) {
        if (!messageThrowJob(element, node, type)) {
          return null;
        }
      } else {
        eventDetails(element, ite, true);
      }
    } else if (node instanceof UserTask) {
      element = userTask(node);
    } else if (node instanceof BusinessRuleTask && node.getSingleExtensionElement(ZeebeCalledDecision.class) != null) {
      element = calledDecisionTask(node, type);
      if (element == null) {
        return null;
      }
    } else if (node instanceof ServiceTask || node instanceof SendTask || node instanceof BusinessRuleTask
        || (node instanceof ScriptTask && node.getSingleExtensionElement(ZeebeTaskDefinition.class) != null)) {
      ElementKind kind = node instanceof ServiceTask ? ElementKind.SERVICE_TASK
          : node instanceof SendTask ? ElementKind.SEND_TASK
          : node instanceof BusinessRuleTask ? ElementKind.BUSINESS_RULE_TASK : ElementKind.SCRIPT_TASK;
      if (node.getSingleExtensionElement(ZeebePublishMessage.class) != null) {
        problem(node, type + " with zeebe:publishMessage");
        return null;
      }
      JobDefinition job = jobDefinition(node, type);
      if (job == null) {
        return null;
      }
      element = new Element(node.getId(), kind == ElementKind.SCRIPT_TASK ? ElementKind.SERVICE_TASK : kind,
          EventType.NONE);
      element.setJob(job);
    } else if (node instanceof ScriptTask) {
      ZeebeScript script = node.getSingleExtensionElement(ZeebeScript.class);
      if (script == null || script.getExpression() == null || script.getResultVariable() == null) {
        problem(node, "scriptTask without zeebe:script expression and resultVariable");
        return null;
      }
      element = new Element(node.getId(), ElementKind.SCRIPT_TASK, EventType.NONE);
      element.setScript(new ScriptDefinition(feel(node, script.getExpression(), true), script.getResultVariable()));
    } else if (node instanceof ReceiveTask rt) {
      element = new Element(node.getId(), ElementKind.RECEIVE_TASK, EventType.MESSAGE);
      element.setMessage(message(node, rt.getMessage(), true));
    } else if (node instanceof ManualTask) {
      element = new Element(node.getId(), ElementKind.MANUAL_TASK, EventType.NONE);
    } else if (node instanceof Transaction || node instanceof AdHocSubProcess) {
      problem(node, type);
      return null;
    } else if (node instanceof SubProcess sp && sp.triggeredByEvent()) {
      element = new Element(node.getId(), ElementKind.EVENT_SUB_PROCESS, EventType.NONE);
      buildContainer(element, sp.getFlowElements());
      if (sp.getChildElementsByType(StartEvent.class).size() != 1) {
        problem(node, "event sub-process without exactly one start event");
      }
      if (!sp.getIncoming().isEmpty() || !sp.getOutgoing().isEmpty()) {
        problem(node, "event sub-process with sequence flows (it is started by its event only)");
      }
    } else if (node instanceof SubProcess sp) {
      element = new Element(node.getId(), ElementKind.SUB_PROCESS, EventType.NONE);
      buildContainer(element, sp.getFlowElements());
      if (element.noneStartEvent() == null) {
        problem(node, "subProcess without a none start event");
      }
    } else if (node instanceof CallActivity) {
      ZeebeCalledElement ce = node.getSingleExtensionElement(ZeebeCalledElement.class);
      if (ce == null || ce.getProcessId() == null || ce.getProcessId().isBlank()) {
        problem(node, "callActivity without zeebe:calledElement processId");
        return null;
      }
      element = new Element(node.getId(), ElementKind.CALL_ACTIVITY, EventType.NONE);
      element.setCall(new CallDefinition(feel(node, ce.getProcessId(), false),
          ce.isPropagateAllChildVariablesEnabled(), ce.isPropagateAllParentVariablesEnabled()));
    } else if (node instanceof ExclusiveGateway xg) {
      element = new Element(node.getId(), ElementKind.EXCLUSIVE_GATEWAY, EventType.NONE);
      element.setDefaultFlowId(xg.getDefault() == null ? null : xg.getDefault().getId());
    } else if (node instanceof InclusiveGateway ig) {
      element = new Element(node.getId(), ElementKind.INCLUSIVE_GATEWAY, EventType.NONE);
      element.setDefaultFlowId(ig.getDefault() == null ? null : ig.getDefault().getId());
    } else if (node instanceof ParallelGateway) {
      element = new Element(node.getId(), ElementKind.PARALLEL_GATEWAY, EventType.NONE);
    } else if (node instanceof EventBasedGateway) {
      element = new Element(node.getId(), ElementKind.EVENT_BASED_GATEWAY, EventType.NONE);
    } else if ("task".equals(type)) {
      element = new Element(node.getId(), ElementKind.TASK, EventType.NONE);
    } else {
      problem(node, type);
      return null;
    }
    element.setIoMappings(ioMappings(node));
    if (node instanceof Activity activity) {
      loop(element, activity);
    }
    element.setName(node.getName());
    element.setTaskHeaders(headers(node));
    element.setExecutionListeners(executionListeners(node, type, element));
    element.setTaskListeners(taskListeners(node, type, element.isCamundaUserTask()));
    return element;
  }

  /**
   * A user task: a Camunda user task ({@code zeebe:userTask}, the default since Camunda 8.6) becomes
   * user-task state of the engine; without it, a job-worker user task (a job of type
   * {@code io.camunda.zeebe:userTask} whose headers carry the assignment).
   */
  private Element userTask(FlowNode node) {
    boolean camunda = node.getSingleExtensionElement(ZeebeUserTask.class) != null;
    Element element = new Element(node.getId(), ElementKind.USER_TASK, EventType.NONE);
    if (!camunda) {
      element.setJob(new JobDefinition(new Expression.Static("io.camunda.zeebe:userTask"),
          new Expression.Static("1"), headers(node)));
    }
    ZeebeAssignmentDefinition ad = node.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
    ZeebeTaskSchedule ts = node.getSingleExtensionElement(ZeebeTaskSchedule.class);
    ZeebeFormDefinition fd = node.getSingleExtensionElement(ZeebeFormDefinition.class);
    Expression priority = null;
    if (camunda) {
      ZeebePriorityDefinition pd = node.getSingleExtensionElement(ZeebePriorityDefinition.class);
      priority = pd == null || pd.getPriority() == null || pd.getPriority().isBlank() ? new Expression.Static("50")
          : feel(node, pd.getPriority(), false);
      if (priority instanceof Expression.Static s && !validPriority(s.value())) {
        problem(node, "userTask with priority '" + s.value() + "' (expected an integer from 0 to 100)");
      }
    }
    String formKey = fd == null ? null : fd.getFormKey() != null ? fd.getFormKey() : fd.getFormId();
    element.setUserTask(new UserTaskDefinition(camunda,
        ad == null ? null : feel(node, ad.getAssignee(), false),
        ad == null ? null : feel(node, ad.getCandidateGroups(), false),
        ad == null ? null : feel(node, ad.getCandidateUsers(), false),
        ts == null ? null : feel(node, ts.getDueDate(), false),
        ts == null ? null : feel(node, ts.getFollowUpDate(), false),
        priority,
        formKey,
        fd == null ? null : blankToNull(fd.getExternalReference())));
    return element;
  }

  private static boolean validPriority(String text) {
    try {
      int p = Integer.parseInt(text.strip());
      return p >= 0 && p <= 100;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * A business rule task evaluated by the engine ({@code zeebe:calledDecision}): the decision id (static
   * or {@code =expression}) and the result variable are required; the binding is {@code latest} (the
   * decision's latest version when the task is activated) or {@code deployment} (the version deployed with
   * the process); {@code versionTag} is refused.
   */
  private Element calledDecisionTask(FlowNode node, String type) {
    ZeebeCalledDecision cd = node.getSingleExtensionElement(ZeebeCalledDecision.class);
    boolean ok = true;
    if (cd.getDecisionId() == null || cd.getDecisionId().isBlank()) {
      problem(node, type + " with zeebe:calledDecision without a decisionId");
      ok = false;
    }
    if (cd.getResultVariable() == null || cd.getResultVariable().isBlank()) {
      problem(node, type + " with zeebe:calledDecision without a resultVariable");
      ok = false;
    }
    ZeebeBindingType binding = cd.getBindingType();
    if (binding == ZeebeBindingType.versionTag) {
      problem(node, type + " with zeebe:calledDecision bindingType 'versionTag'; only 'latest' and 'deployment'"
          + " are supported");
      ok = false;
    }
    if (!ok) {
      return null;
    }
    Element element = new Element(node.getId(), ElementKind.BUSINESS_RULE_TASK, EventType.NONE);
    element.setCalledDecision(new CalledDecisionDefinition(feel(node, cd.getDecisionId(), false),
        cd.getResultVariable().strip(), binding == ZeebeBindingType.deployment));
    return element;
  }

  /** The job of a job-worker element ({@code zeebe:taskDefinition}), or null (a problem is reported). */
  private JobDefinition jobDefinition(FlowNode node, String type) {
    ZeebeTaskDefinition td = node.getSingleExtensionElement(ZeebeTaskDefinition.class);
    if (td == null || td.getType() == null || td.getType().isBlank()) {
      problem(node, type + " without zeebe:taskDefinition type");
      return null;
    }
    return new JobDefinition(feel(node, td.getType(), false),
        td.getRetries() == null ? new Expression.Static("3") : feel(node, td.getRetries(), false), headers(node));
  }

  /**
   * Message throw events (intermediate and end) are job-based like service tasks: Camunda hands the
   * sending to a job worker. Publishing by the engine itself (zeebe:publishMessage) is refused.
   */
  private boolean messageThrowJob(Element element, FlowNode node, String type) {
    if (node.getSingleExtensionElement(ZeebePublishMessage.class) != null) {
      problem(node, type + " with zeebe:publishMessage");
      return false;
    }
    JobDefinition job = jobDefinition(node, type + " with messageEventDefinition");
    if (job == null) {
      return false;
    }
    element.setJob(job);
    return true;
  }

  private Map<String, String> headers(FlowNode node) {
    Map<String, String> headers = new LinkedHashMap<>();
    ZeebeTaskHeaders th = node.getSingleExtensionElement(ZeebeTaskHeaders.class);
    if (th != null) {
      for (ZeebeHeader h : th.getHeaders()) {
        headers.put(h.getKey(), h.getValue());
      }
    }
    return headers;
  }

  private IoMappings ioMappings(FlowNode node) {
    ZeebeIoMapping io = node.getSingleExtensionElement(ZeebeIoMapping.class);
    if (io == null) {
      return IoMappings.NONE;
    }
    List<Mapping> inputs = new ArrayList<>();
    for (ZeebeInput in : io.getInputs()) {
      inputs.add(new Mapping(mappingSource(node, in.getSource()), in.getTarget()));
    }
    List<Mapping> outputs = new ArrayList<>();
    for (ZeebeOutput out : io.getOutputs()) {
      outputs.add(new Mapping(mappingSource(node, out.getSource()), out.getTarget()));
    }
    return new IoMappings(List.copyOf(inputs), List.copyOf(outputs));
  }

  /**
   * A mapping source is "static or expression", as Camunda documents it: {@code =expr} is FEEL,
   * anything else is that string literal (Camunda Modeler's connector templates write static URLs,
   * secrets placeholders and numbers this way). A missing source maps null.
   */
  private Expression mappingSource(FlowNode node, String source) {
    if (source == null || source.isBlank()) {
      return new Expression.Static(null);
    }
    return feel(node, source, false);
  }

  private void loop(Element element, Activity activity) {
    LoopCharacteristics lc = activity.getLoopCharacteristics();
    if (lc == null) {
      return;
    }
    if (!(lc instanceof MultiInstanceLoopCharacteristics mi)) {
      problem(activity, "standardLoopCharacteristics");
      return;
    }
    ZeebeLoopCharacteristics zl = mi.getSingleExtensionElement(ZeebeLoopCharacteristics.class);
    if (zl == null || zl.getInputCollection() == null || zl.getInputCollection().isBlank()) {
      problem(activity, "multiInstanceLoopCharacteristics without zeebe:loopCharacteristics inputCollection");
      return;
    }
    Expression completion = null;
    if (mi.getCompletionCondition() != null && mi.getCompletionCondition().getTextContent() != null
        && !mi.getCompletionCondition().getTextContent().isBlank()) {
      completion = feel(activity, mi.getCompletionCondition().getTextContent(), true);
    }
    Expression outputElement = zl.getOutputElement() == null || zl.getOutputElement().isBlank() ? null
        : feel(activity, zl.getOutputElement(), true);
    element.setLoop(new LoopDefinition(mi.isSequential(),
        feel(activity, zl.getInputCollection(), true),
        blankToNull(zl.getInputElement()),
        blankToNull(zl.getOutputCollection()),
        outputElement,
        referencedVariable(outputElement),
        completion));
  }

  private static final java.util.regex.Pattern VARIABLE_PATH =
      java.util.regex.Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)(\\s*\\.\\s*[A-Za-z_][A-Za-z0-9_]*)*\\s*");

  /** The root variable of an expression that is just a variable (or property) reference, else null. */
  private static String referencedVariable(Expression expression) {
    if (!(expression instanceof Expression.Feel f)) {
      return null;
    }
    java.util.regex.Matcher m = VARIABLE_PATH.matcher(f.text());
    return m.matches() ? m.group(1) : null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private EventType eventType(Event event, String type, List<EventType> allowed) {
    Collection<EventDefinition> defs = definitions(event);
    if (defs.size() > 1) {
      problem(event, type + " with several event definitions");
      return null;
    }
    EventType et;
    String defType;
    if (defs.isEmpty()) {
      et = EventType.NONE;
      defType = "none";
    } else {
      EventDefinition def = defs.iterator().next();
      defType = def.getElementType().getTypeName();
      et = def instanceof MessageEventDefinition ? EventType.MESSAGE
          : def instanceof TimerEventDefinition ? EventType.TIMER
          : def instanceof ErrorEventDefinition ? EventType.ERROR
          : def instanceof TerminateEventDefinition ? EventType.TERMINATE
          : def instanceof SignalEventDefinition ? EventType.SIGNAL
          : def instanceof EscalationEventDefinition ? EventType.ESCALATION
          : def instanceof LinkEventDefinition ? EventType.LINK
          : def instanceof io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition ? EventType.COMPENSATION
          : null;
    }
    if (et == null || !allowed.contains(et)) {
      problem(event, type + " with " + defType);
      return null;
    }
    return et;
  }

  private static Collection<EventDefinition> definitions(Event event) {
    return event instanceof CatchEvent ce ? ce.getEventDefinitions()
        : event instanceof ThrowEvent te ? te.getEventDefinitions() : List.of();
  }

  /**
   * Reads the event definition's details. {@code instanceLevel} is false for the start events of a
   * process, which wait on the definition (no correlation key), true for everything that waits in
   * or throws from a running instance.
   */
  private void eventDetails(Element element, Event event, boolean instanceLevel) {
    Collection<EventDefinition> defs = definitions(event);
    if (defs.isEmpty()) {
      return;
    }
    EventDefinition def = defs.iterator().next();
    boolean throwing = event instanceof ThrowEvent;
    if (def instanceof MessageEventDefinition med) {
      element.setMessage(message(event, med.getMessage(), instanceLevel));
    } else if (def instanceof SignalEventDefinition sed) {
      String name = sed.getSignal() == null ? null : sed.getSignal().getName();
      if (name == null || name.isBlank()) {
        problem(event, "signal event without a signal name");
      } else {
        element.setSignalName(feel(event, name, false));
      }
    } else if (def instanceof EscalationEventDefinition eed) {
      String code = eed.getEscalation() == null ? null : eed.getEscalation().getEscalationCode();
      if (throwing && (code == null || code.isBlank())) {
        problem(event, "escalation throw event without an escalation code");
      } else if (code != null && !code.isBlank()) {
        element.setEscalationCode(throwing ? feel(event, code, false) : new Expression.Static(code));
      }
    } else if (def instanceof LinkEventDefinition led) {
      if (led.getName() == null || led.getName().isBlank()) {
        problem(event, "link event without a link name");
      }
      element.setLinkName(led.getName() == null ? "" : led.getName());
    } else if (def instanceof TimerEventDefinition ted) {
      TimerDefinition timer = null;
      if (ted.getTimeDuration() != null) {
        timer = new TimerDefinition(TimerKind.DURATION, feel(event, ted.getTimeDuration().getTextContent(), false));
      } else if (ted.getTimeDate() != null) {
        timer = new TimerDefinition(TimerKind.DATE, feel(event, ted.getTimeDate().getTextContent(), false));
      } else if (ted.getTimeCycle() != null) {
        timer = new TimerDefinition(TimerKind.CYCLE, feel(event, ted.getTimeCycle().getTextContent(), false));
      }
      if (timer == null || timer.expression() == null) {
        problem(event, "timer event without a time duration, date or cycle");
      } else if (timer.expression() instanceof Expression.Static s) {
        try {
          dev.modelgate.engine.behavior.TimerSchedule.parse(timer.kind(), s.value(), java.time.Instant.EPOCH);
        } catch (RuntimeException e) {
          problem(event, "invalid timer '" + s.value() + "': " + e.getMessage());
        }
      }
      element.setTimer(timer);
    } else if (def instanceof ErrorEventDefinition eed) {
      if (eed.getError() != null) {
        element.setErrorCode(eed.getError().getErrorCode());
      }
    }
  }

  private MessageDefinition message(BaseElement owner, Message message, boolean needsCorrelationKey) {
    if (message == null || message.getName() == null || message.getName().isBlank()) {
      problem(owner, "message event without a message name");
      return null;
    }
    Expression correlationKey = null;
    ZeebeSubscription sub = message.getSingleExtensionElement(ZeebeSubscription.class);
    if (sub != null && sub.getCorrelationKey() != null && !sub.getCorrelationKey().isBlank()) {
      correlationKey = feel(owner, sub.getCorrelationKey(), true);
    }
    if (needsCorrelationKey && correlationKey == null) {
      problem(owner, "message subscription without zeebe:subscription correlationKey");
    }
    return new MessageDefinition(message.getName(), feel(owner, message.getName(), false), correlationKey);
  }
}
