package dev.modelgate.engine.dmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.durability.EngineProcess;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After SIGKILL (no snapshot taken) the engine rebuilds from its log: deployed decisions keep their
 * keys and versions, keys handed out by decision evaluations are not handed out again, and a business
 * rule task evaluated before the crash left its result where it was.
 */
class DecisionRecoveryTest {

  @Test
  void decisionsAndTheirResultsAreRecoveredFromTheLogAfterKill9() throws Exception {
    Path dir = Files.createTempDirectory("engine-dmn-crash");
    long decisionKey;
    long evaluationKey;
    long pi;
    EngineProcess engine = EngineProcess.start(dir, List.of("-Xmx256m"));
    try (CamundaClient client = EngineHarness.newClient(engine.port())) {
      DeploymentEvent event = client.newDeployResourceCommand().addResourceFromClasspath("dmn/discount.dmn")
          .addProcessModel(Bpmn.createExecutableProcess("priced").startEvent()
              .businessRuleTask("price", t -> t.zeebeCalledDecisionId("final-price").zeebeResultVariable("price"))
              .serviceTask("bill", t -> t.zeebeJobType("bill")).endEvent().done(), "priced.bpmn")
          .send().join();
      decisionKey = event.getDecisions().get(1).getDecisionKey();
      evaluationKey = client.newEvaluateDecisionCommand().decisionId("discount")
          .variables(Map.of("customerType", "silver", "orderAmount", 1)).send().join().getDecisionEvaluationKey();
      pi = client.newCreateInstanceCommand().bpmnProcessId("priced").latestVersion()
          .variables(Map.of("customerType", "gold", "orderAmount", 50)).send().join().getProcessInstanceKey();
    } finally {
      engine.kill();
    }

    EngineProcess restarted = EngineProcess.start(dir, List.of("-Xmx256m"));
    try (CamundaClient client = EngineHarness.newClient(restarted.port())) {
      EvaluateDecisionResponse again = client.newEvaluateDecisionCommand().decisionKey(decisionKey)
          .variables(Map.of("customerType", "gold", "orderAmount", 100)).send().join();
      assertEquals("final-price", again.getDecisionId());
      assertEquals(85, Double.parseDouble(again.getDecisionOutput()), 1e-9);
      assertTrue(again.getDecisionEvaluationKey() > evaluationKey, "no key is handed out twice");
      assertTrue(again.getDecisionEvaluationKey() > pi, "no key is handed out twice");

      List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType("bill").maxJobsToActivate(1)
          .timeout(Duration.ofMinutes(1)).requestTimeout(Duration.ofSeconds(10)).send().join().getJobs();
      assertEquals(1, jobs.size());
      assertEquals(pi, jobs.get(0).getProcessInstanceKey());
      assertEquals(45, ((Number) jobs.get(0).getVariablesAsMap().get("price")).doubleValue(), 1e-9);
    } finally {
      restarted.kill();
    }
  }
}
