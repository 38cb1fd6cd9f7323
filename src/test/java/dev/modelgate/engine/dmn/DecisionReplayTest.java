package dev.modelgate.engine.dmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.EngineRecovery;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.log.LoggedRecord;
import dev.modelgate.engine.log.RecordCodec;
import dev.modelgate.engine.processing.Results.StateFingerprint;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

/**
 * Decisions on the event log: deployments, process/decision bindings and evaluations are events, so the
 * log alone rebuilds the same state without running a processor (no decision is evaluated again), and
 * every evaluation — EvaluateDecision's, a business rule task's, a failed one — is in the log with its key.
 */
class DecisionReplayTest {

  private static byte[] literalDmn(String expression) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"replay-drg\" name=\"g\""
        + " namespace=\"http://camunda.org/schema/1.0/dmn\"><decision id=\"replay-lit\" name=\"d\">"
        + "<literalExpression id=\"e\"><text>" + expression + "</text></literalExpression></decision></definitions>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static BpmnModelInstance ruleThenJob(String id, String decisionId, boolean bound) {
    return Bpmn.createExecutableProcess(id).startEvent()
        .businessRuleTask("rule", t -> {
          t.zeebeCalledDecisionId(decisionId).zeebeResultVariable("v");
          if (bound) {
            t.zeebeBindingType(ZeebeBindingType.deployment);
          }
        })
        .serviceTask("after", t -> t.zeebeJobType("replay-after")).endEvent().done();
  }

  private static List<EngineEvent.DecisionEvaluated> evaluationsInTheLog(EngineHarness h) {
    List<EngineEvent.DecisionEvaluated> out = new ArrayList<>();
    List<Document> batches = h.database().getCollection("engine_log").find().into(new ArrayList<>());
    batches.sort((a, b) -> Long.compare(((Number) a.get("_id")).longValue(), ((Number) b.get("_id")).longValue()));
    for (Document batch : batches) {
      for (LoggedRecord r : RecordCodec.decode(batch.get("b", Binary.class).getData())) {
        if (r.event() instanceof EngineEvent.DecisionEvaluated e) {
          out.add(e);
        }
      }
    }
    return out;
  }

  @Test
  void theLogAloneRebuildsDecisionsBindingsAndEvaluationsWithoutEvaluatingAgain() {
    try (EngineHarness h = new EngineHarness()) {
      h.client().newDeployResourceCommand().addProcessModel(ruleThenJob("replay-bound", "replay-lit", true), "b.bpmn")
          .addResourceBytes(literalDmn("\"with the process\""), "lit.dmn").send().join();
      h.client().newDeployResourceCommand().addResourceBytes(literalDmn("\"later\""), "lit.dmn").send().join();
      h.deployResource("dmn/risk.dmn");
      h.deploy(ruleThenJob("replay-risky", "risk", false));

      long bound = h.start("replay-bound", Map.of());
      assertEquals("with the process", h.awaitJob("replay-after").getVariablesAsMap().get("v"));
      long risky = h.start("replay-risky", Map.of("country", "AT")); // two rules of a UNIQUE table match
      EvaluateDecisionResponse alone = h.client().newEvaluateDecisionCommand().decisionId("replay-lit")
          .variables(Map.of()).send().join();
      assertEquals("\"later\"", alone.getDecisionOutput());

      StateFingerprint live = h.engine().stateFingerprint();
      h.restart(db -> db.getCollection("engine_snapshot").deleteMany(new Document())); // the log alone
      EngineRecovery recovery = h.engine().recovery();
      assertEquals(0, recovery.snapshotSeq());
      assertEquals(0, recovery.commandsProcessedDuringReplay(), "replay runs no processor: nothing is evaluated");
      assertEquals(live, h.engine().stateFingerprint(), "the log alone rebuilds the same state");

      List<EngineEvent.DecisionEvaluated> evaluations = evaluationsInTheLog(h);
      assertEquals(3, evaluations.size(), "one event per evaluation: " + evaluations);
      EngineEvent.DecisionEvaluated task = evaluations.get(0);
      assertEquals(bound, task.processInstanceKey());
      assertEquals("with the process", task.output());
      assertEquals(1, task.decisionVersion());
      assertNull(task.failureMessage());
      EngineEvent.DecisionEvaluated failed = evaluations.get(1);
      assertEquals(risky, failed.processInstanceKey());
      assertEquals("risk", failed.failedDecisionId());
      assertNotNull(failed.failureMessage());
      EngineEvent.DecisionEvaluated standalone = evaluations.get(2);
      assertEquals(alone.getDecisionEvaluationKey(), standalone.key());
      assertEquals(-1, standalone.processInstanceKey());
      assertEquals(alone.getDecisionKey(), standalone.decisionKey());
      assertEquals(2, standalone.decisionVersion());
      assertEquals("later", standalone.output());

      // and it carries on: the binding came back from the log, evaluation keys are not handed out again
      h.start("replay-bound", Map.of());
      assertEquals("with the process", h.awaitJob("replay-after").getVariablesAsMap().get("v"));
      long next = h.client().newEvaluateDecisionCommand().decisionKey(alone.getDecisionKey()).variables(Map.of())
          .send().join().getDecisionEvaluationKey();
      assertTrue(next > alone.getDecisionEvaluationKey(), "a new key: " + next);
      assertTrue(h.isActive(risky), "the failed evaluation's instance waits in its incident");
    }
  }
}
