package dev.modelgate.engine.bpmn;

import dev.modelgate.engine.bpmn.container.CallActivityProcessor;
import dev.modelgate.engine.bpmn.container.EventSubProcessProcessor;
import dev.modelgate.engine.bpmn.container.MultiInstanceBodyProcessor;
import dev.modelgate.engine.bpmn.container.ProcessProcessor;
import dev.modelgate.engine.bpmn.container.SubProcessProcessor;
import dev.modelgate.engine.bpmn.event.BoundaryEventProcessor;
import dev.modelgate.engine.bpmn.event.EndEventProcessor;
import dev.modelgate.engine.bpmn.event.IntermediateCatchEventProcessor;
import dev.modelgate.engine.bpmn.event.IntermediateThrowEventProcessor;
import dev.modelgate.engine.bpmn.event.StartEventProcessor;
import dev.modelgate.engine.bpmn.gateway.EventBasedGatewayProcessor;
import dev.modelgate.engine.bpmn.gateway.ExclusiveGatewayProcessor;
import dev.modelgate.engine.bpmn.gateway.InclusiveGatewayProcessor;
import dev.modelgate.engine.bpmn.gateway.ParallelGatewayProcessor;
import dev.modelgate.engine.bpmn.task.CamundaUserTaskProcessor;
import dev.modelgate.engine.bpmn.task.BusinessRuleTaskProcessor;
import dev.modelgate.engine.bpmn.task.JobWorkerTaskProcessor;
import dev.modelgate.engine.bpmn.task.PassThroughTaskProcessor;
import dev.modelgate.engine.bpmn.task.ReceiveTaskProcessor;
import dev.modelgate.engine.bpmn.task.ScriptTaskProcessor;
import dev.modelgate.engine.model.ElementKind;
import dev.modelgate.engine.state.ElementInstance;
import java.util.EnumMap;
import java.util.Map;

/** One processor per element kind. */
public final class BpmnProcessors {
  private final Map<ElementKind, BpmnElementProcessor> byKind = new EnumMap<>(ElementKind.class);
  private final MultiInstanceBodyProcessor multiInstanceBody;
  private final CallActivityProcessor callActivity;
  private final CamundaUserTaskProcessor camundaUserTask;

  BpmnProcessors(BpmnBehaviors b) {
    JobWorkerTaskProcessor jobTask = new JobWorkerTaskProcessor(b);
    PassThroughTaskProcessor passThrough = new PassThroughTaskProcessor(b);
    byKind.put(ElementKind.SERVICE_TASK, jobTask);
    byKind.put(ElementKind.SEND_TASK, jobTask);
    byKind.put(ElementKind.BUSINESS_RULE_TASK, new BusinessRuleTaskProcessor(b, jobTask));
    byKind.put(ElementKind.USER_TASK, jobTask);
    byKind.put(ElementKind.SCRIPT_TASK, new ScriptTaskProcessor(b));
    byKind.put(ElementKind.RECEIVE_TASK, new ReceiveTaskProcessor(b));
    byKind.put(ElementKind.MANUAL_TASK, passThrough);
    byKind.put(ElementKind.TASK, passThrough);
    byKind.put(ElementKind.EXCLUSIVE_GATEWAY, new ExclusiveGatewayProcessor(b));
    byKind.put(ElementKind.PARALLEL_GATEWAY, new ParallelGatewayProcessor(b));
    byKind.put(ElementKind.INCLUSIVE_GATEWAY, new InclusiveGatewayProcessor(b));
    byKind.put(ElementKind.EVENT_BASED_GATEWAY, new EventBasedGatewayProcessor(b));
    byKind.put(ElementKind.START_EVENT, new StartEventProcessor(b));
    byKind.put(ElementKind.END_EVENT, new EndEventProcessor(b, jobTask));
    byKind.put(ElementKind.INTERMEDIATE_CATCH_EVENT, new IntermediateCatchEventProcessor(b));
    byKind.put(ElementKind.INTERMEDIATE_THROW_EVENT, new IntermediateThrowEventProcessor(b, jobTask));
    byKind.put(ElementKind.BOUNDARY_EVENT, new BoundaryEventProcessor(b));
    byKind.put(ElementKind.PROCESS, new ProcessProcessor());
    byKind.put(ElementKind.SUB_PROCESS, new SubProcessProcessor(b));
    byKind.put(ElementKind.EVENT_SUB_PROCESS, new EventSubProcessProcessor(b));
    callActivity = new CallActivityProcessor(b);
    byKind.put(ElementKind.CALL_ACTIVITY, callActivity);
    multiInstanceBody = new MultiInstanceBodyProcessor(b);
    camundaUserTask = new CamundaUserTaskProcessor(b);
  }

  public BpmnElementProcessor of(ElementInstance instance) {
    if (instance.multiInstanceBody) {
      return multiInstanceBody;
    }
    // user tasks are of two kinds that share the BPMN element: Camunda user tasks and job-worker ones
    return instance.element.isCamundaUserTask() ? camundaUserTask : byKind.get(instance.element.kind());
  }

  public CallActivityProcessor callActivity() {
    return callActivity;
  }
}
