package dev.modelgate.engine.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shapes of ModelGate's own workflows (review with parallel reviews and reminders, sign-off
 * by several officers, promotion with call activities, messages, canary timer and error
 * rollback), end to end through the client.
 */
class ProductWorkflowTest extends EngineTestBase {
  private static final String USER_TASK = "io.camunda.zeebe:userTask";

  @Test
  void reviewSignOffAndPromotionWithRollback() {
    String review = unique("model-review");
    String signoff = unique("compliance-signoff");
    String promotion = unique("model-promotion");
    String validate = unique("validate-metrics");
    String deploy = unique("deploy-to-staging");
    String canary = unique("start-canary");
    String evaluate = unique("evaluate-canary");
    String promote = unique("promote-to-production");
    String rollback = unique("rollback");
    String remind = unique("remind");
    String deployed = unique("deployment-finished");
    String metrics = unique("canary-metrics-reported");

    deploy(Bpmn.createExecutableProcess(review).startEvent()
        .serviceTask("validate", t -> t.zeebeJobType(validate))
        .exclusiveGateway("gate").defaultFlow().endEvent("rejected")
        .moveToNode("gate").conditionExpression("= gateReport.passed").parallelGateway("fork")
        .userTask("peer", u -> u.zeebeCandidateGroups("engineer")).boundaryEvent("peerReminder",
            b -> b.cancelActivity(false).timerWithDuration("P1D")).serviceTask("remindPeer", t -> t.zeebeJobType(remind))
        .endEvent().moveToActivity("peer").parallelGateway("join")
        .exclusiveGateway("approved").defaultFlow().endEvent("changesRequested")
        .moveToNode("approved").conditionExpression("= peerDecision = \"approve\" and productDecision = \"approve\"")
        .endEvent("approvedEnd")
        .moveToNode("fork").userTask("product", u -> u.zeebeCandidateGroups("product")).connectTo("join")
        .done());
    deploy(Bpmn.createExecutableProcess(signoff).startEvent()
        .userTask("sign", u -> u.zeebeCandidateGroups("compliance").zeebeOutputExpression("decision", "decision")
            .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("officers").zeebeInputElement("officer")
                .zeebeOutputCollection("decisions").zeebeOutputElementExpression("decision")
                .completionCondition("= decision = \"reject\"")))
        .endEvent().done());
    deploy(Bpmn.createExecutableProcess(promotion).startEvent()
        .callActivity("review", c -> c.zeebeProcessId(review))
        .callActivity("signoff", c -> c.zeebeProcessId(signoff))
        .serviceTask("deploy", t -> t.zeebeJobType(deploy))
        .boundaryEvent("deployFailed", b -> b.error("DEPLOY_FAILED")).serviceTask("rollback", t -> t.zeebeJobType(rollback))
        .endEvent("rolledBack")
        .moveToActivity("deploy")
        .receiveTask("awaitDeployment").message(m -> m.name(deployed).zeebeCorrelationKeyExpression("modelVersion"))
        .serviceTask("canary", t -> t.zeebeJobType(canary))
        .eventBasedGateway("observe")
        .intermediateCatchEvent("metrics", e -> e.message(m -> m.name(metrics).zeebeCorrelationKeyExpression("modelVersion")))
        .serviceTask("evaluate", t -> t.zeebeJobType(evaluate))
        .exclusiveGateway("good").defaultFlow().connectTo("rollback")
        .moveToNode("good").conditionExpression("= canaryOk").serviceTask("promote", t -> t.zeebeJobType(promote))
        .endEvent("promoted")
        .moveToNode("observe").intermediateCatchEvent("window", e -> e.timerWithDuration("PT6H")).connectTo("evaluate")
        .done());

    // happy path: promoted after canary metrics arrive
    long pi = start(promotion, Map.of("modelVersion", "fraud-7", "officers", List.of("ann", "bob")));
    ActivatedJob v = h.awaitJob(validate);
    assertEquals("fraud-7", v.getVariablesAsMap().get("modelVersion"));
    h.complete(v, Map.of("gateReport", Map.of("passed", true)));
    List<ActivatedJob> reviews = h.awaitJobs(USER_TASK, 2);
    for (ActivatedJob r : reviews) {
      client().newUpdateTimeoutCommand(r.getKey()).timeout(Duration.ofDays(3)).send().join();
    }
    h.clock.advance(Duration.ofHours(25)); // the peer review reminder fires, the review goes on
    h.complete(h.awaitJob(remind), Map.of());
    for (ActivatedJob r : reviews) {
      String group = r.getCustomHeaders().get("io.camunda.zeebe:candidateGroups");
      h.complete(r, Map.of(group.contains("engineer") ? "peerDecision" : "productDecision", "approve"));
    }
    List<ActivatedJob> officers = h.awaitJobs(USER_TASK, 2);
    for (ActivatedJob o : officers) {
      h.complete(o, Map.of("decision", "approve"));
    }
    h.complete(h.awaitJob(deploy), Map.of());
    client().newPublishMessageCommand().messageName(deployed).correlationKey("fraud-7").send().join();
    h.complete(h.awaitJob(canary), Map.of());
    client().newPublishMessageCommand().messageName(metrics).correlationKey("fraud-7")
        .variables(Map.of("canaryOk", true)).send().join();
    h.complete(h.awaitJob(evaluate), Map.of());
    ActivatedJob p = h.awaitJob(promote);
    assertEquals(List.of("approve", "approve"), p.getVariablesAsMap().get("decisions"));
    h.complete(p, Map.of());
    h.awaitCompleted(pi);

    // deployment failure: the error boundary routes to rollback
    long failing = start(promotion, Map.of("modelVersion", "fraud-8", "officers", List.of("ann")));
    h.complete(h.awaitJob(validate), Map.of("gateReport", Map.of("passed", true)));
    for (ActivatedJob r : h.awaitJobs(USER_TASK, 2)) {
      h.complete(r, Map.of("peerDecision", "approve", "productDecision", "approve"));
    }
    h.complete(h.awaitJob(USER_TASK), Map.of("decision", "approve"));
    ActivatedJob d = h.awaitJob(deploy);
    client().newThrowErrorCommand(d.getKey()).errorCode("DEPLOY_FAILED").send().join();
    h.complete(h.awaitJob(rollback), Map.of());
    h.awaitCompleted(failing);
    assertTrue(h.activateNow(canary).isEmpty());
  }
}
