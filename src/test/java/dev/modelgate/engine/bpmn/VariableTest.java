package dev.modelgate.engine.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableTest extends EngineTestBase {

  @Test
  void inputAndOutputMappings() {
    String id = unique("io");
    String work = unique("work");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("t", t -> t.zeebeJobType(work).zeebeInputExpression("candidate.metrics.auc", "auc")
            .zeebeInputExpression("\"fixed\"", "mode")
            .zeebeOutputExpression("passed", "gate.passed").zeebeOutputExpression("auc * 100", "gate.percent"))
        .serviceTask("after", t -> t.zeebeJobType(after)).endEvent().done());
    long pi = start(id, Map.of("candidate", Map.of("metrics", Map.of("auc", 0.91))));
    ActivatedJob job = h.awaitJob(work);
    assertEquals(0.91, job.getVariablesAsMap().get("auc"));
    assertEquals("fixed", job.getVariablesAsMap().get("mode"));
    h.complete(job, Map.of("passed", true, "scratch", "x"));
    ActivatedJob next = h.awaitJob(after);
    Map<String, Object> vars = next.getVariablesAsMap();
    @SuppressWarnings("unchecked")
    Map<String, Object> gate = (Map<String, Object>) vars.get("gate");
    assertEquals(true, gate.get("passed"));
    assertEquals(91.0, ((Number) gate.get("percent")).doubleValue(), 1e-9);
    assertFalse(vars.containsKey("scratch"), "with output mappings only mapped variables leave the task");
    assertFalse(vars.containsKey("auc"), "input mappings are local to the task");
    h.complete(next, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void staticMappingSourcesAreStringLiterals() {
    String id = unique("static-io");
    String work = unique("work");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("t", t -> t.zeebeJobType(work).zeebeInput("https://example.com/api?q=1", "url")
            .zeebeInput("{{secrets.TOKEN}}", "token").zeebeInput("42", "retries")
            .zeebeInputExpression("42", "answer")
            .zeebeOutput("done", "status").zeebeOutputExpression("result", "result"))
        .serviceTask("after", t -> t.zeebeJobType(after)).endEvent().done());
    long pi = start(id);
    ActivatedJob job = h.awaitJob(work);
    Map<String, Object> vars = job.getVariablesAsMap();
    assertEquals("https://example.com/api?q=1", vars.get("url"));
    assertEquals("{{secrets.TOKEN}}", vars.get("token"));
    assertEquals("42", vars.get("retries"), "a static source is a string, not a number");
    assertEquals(42, ((Number) vars.get("answer")).intValue(), "=42 is a FEEL number");
    h.complete(job, Map.of("result", "ok"));
    ActivatedJob next = h.awaitJob(after);
    assertEquals("done", next.getVariablesAsMap().get("status"));
    assertEquals("ok", next.getVariablesAsMap().get("result"));
    h.complete(next, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void scriptTaskEvaluatesFeel() {
    String id = unique("script");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .scriptTask("s", s -> s.zeebeExpression("{total: sum(items), n: count(items)}").zeebeResultVariable("stats"))
        .serviceTask("after", t -> t.zeebeJobType(after)).endEvent().done());
    long pi = start(id, Map.of("items", java.util.List.of(1, 2, 3)));
    ActivatedJob job = h.awaitJob(after);
    assertEquals(Map.of("total", 6L, "n", 3L), toLongs(job.getVariablesAsMap().get("stats")));
    h.complete(job, Map.of());
    h.awaitCompleted(pi);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toLongs(Object map) {
    Map<String, Object> out = new java.util.HashMap<>();
    ((Map<String, Object>) map).forEach((k, v) -> out.put(k, v instanceof Number n ? (Object) n.longValue() : v));
    return out;
  }

  @Test
  void feelFailureBecomesIncidentAndResolutionRetries() {
    String id = unique("script-fail");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .scriptTask("s", s -> s.zeebeExpression("assert(x, x != null)").zeebeResultVariable("y"))
        .serviceTask("after", t -> t.zeebeJobType(after)).endEvent().done());
    long pi = start(id);
    assertTrue(h.isActive(pi));
    assertTrue(h.activateNow(after).isEmpty());
    client().newSetVariablesCommand(pi).variables(Map.of("x", 5)).send().join();
    client().newResolveIncidentCommand(pi + 3).send().join(); // process, start event, script task, incident
    ActivatedJob job = h.awaitJob(after);
    assertEquals(5, ((Number) job.getVariablesAsMap().get("y")).intValue());
  }

  @Test
  void setVariablesLocalAndPropagated() {
    String id = unique("setvars");
    String work = unique("work");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .subProcess("sp").embeddedSubProcess().startEvent().serviceTask("t", t -> t.zeebeJobType(work)).endEvent()
        .subProcessDone().serviceTask("after", t -> t.zeebeJobType(after)).endEvent().done());
    long pi = start(id, Map.of("shared", 0));
    ActivatedJob job = h.awaitJob(work);
    long subProcessKey = job.getElementInstanceKey() - 2; // sub-process, its start event, the task
    client().newSetVariablesCommand(subProcessKey).variables(Map.of("local", "yes")).local(true).send().join();
    client().newSetVariablesCommand(subProcessKey).variables(Map.of("shared", 1, "fresh", 2)).local(false).send().join();
    h.complete(job, Map.of());
    ActivatedJob next = h.awaitJob(after);
    Map<String, Object> vars = next.getVariablesAsMap();
    assertFalse(vars.containsKey("local"));
    assertEquals(1, ((Number) vars.get("shared")).intValue());
    assertEquals(2, ((Number) vars.get("fresh")).intValue());
    h.complete(next, Map.of());
    h.awaitCompleted(pi);
    assertStatus(Status.Code.NOT_FOUND,
        () -> client().newSetVariablesCommand(pi).variables(Map.of("x", 1)).send().join());
  }

  @Test
  void createWithResultReturnsFinalVariables() {
    String id = unique("result");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .scriptTask("s", s -> s.zeebeExpression("a * 2").zeebeResultVariable("b")).endEvent().done());
    ProcessInstanceResult result = client().newCreateInstanceCommand().bpmnProcessId(id).latestVersion()
        .variables(Map.of("a", 21)).withResult().fetchVariables("b").send().join();
    assertEquals(Map.of("b", 42), result.getVariablesAsMap());
  }
}
