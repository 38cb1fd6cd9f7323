package dev.modelgate.engine.bpmn.task;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.dmn.DecisionBehavior;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.model.Definitions.CalledDecisionDefinition;
import dev.modelgate.engine.state.Decision;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import java.util.HashMap;
import java.util.Map;

/**
 * Business rule tasks. With {@code zeebe:calledDecision} the engine evaluates the latest version of the
 * decision (or the version deployed with the process, for {@code bindingType="deployment"}) against the variables visible to the task and puts the decision's output into the result
 * variable, then completes the task; a missing decision or a failed evaluation raises an incident that
 * retries the evaluation when resolved. With {@code zeebe:taskDefinition} the task is job-based, like a
 * service task.
 */
public final class BusinessRuleTaskProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;
  private final JobWorkerTaskProcessor jobTask;

  public BusinessRuleTaskProcessor(BpmnBehaviors b, JobWorkerTaskProcessor jobTask) {
    this.b = b;
    this.jobTask = jobTask;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    CalledDecisionDefinition called = instance.element.calledDecision();
    if (called == null) {
      jobTask.onActivate(instance);
      return;
    }
    EvalResult id = b.expressions.evaluateString(called.decisionId(), instance, "decision id");
    if (id instanceof EvalResult.Failure f) {
      b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), instance, -1, RetryStep.ACTIVATE);
      return;
    }
    String decisionId = (String) ((EvalResult.Ok) id).value();
    Decision decision = called.bindToDeployment()
        ? b.decisions.deployedWith(instance.definition.key(), decisionId)
        : b.decisions.latest(decisionId);
    if (decision == null) {
      b.incidents.raise(IncidentType.CALLED_DECISION_ERROR, "Expected to evaluate decision '" + decisionId
          + "', but no decision found for id '" + decisionId + "'"
          + (called.bindToDeployment() ? " in the deployment of the process" : ""), instance, -1, RetryStep.ACTIVATE);
      return;
    }
    DecisionBehavior.Evaluation evaluation = b.decisions.evaluate(decision, b.variables.visible(instance),
        instance.processInstanceKey, instance.key);
    if (evaluation.result().failed()) {
      b.incidents.raise(IncidentType.DECISION_EVALUATION_ERROR, evaluation.result().failureMessage(), instance, -1,
          RetryStep.ACTIVATE);
      return;
    }
    Map<String, Object> result = new HashMap<>();
    result.put(called.resultVariable(), evaluation.result().output());
    b.variables.applyCompletionVariables(instance, result);
    b.transitions.complete(instance);
  }

  @Override
  public void onComplete(ElementInstance instance) {
    if (instance.element.calledDecision() == null) {
      jobTask.onComplete(instance);
    }
  }

  @Override
  public void onTerminate(ElementInstance instance) {
    if (instance.element.calledDecision() == null) {
      jobTask.onTerminate(instance);
    }
  }
}
