package dev.modelgate.engine.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerTest extends EngineTestBase {

  @Test
  void embeddedSubProcessKeepsLocalVariablesInside() {
    String id = unique("sub");
    String inner = unique("inner");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .subProcess("sp", s -> s.zeebeInputExpression("10", "localLimit")).embeddedSubProcess().startEvent()
        .serviceTask("in", t -> t.zeebeJobType(inner)).endEvent().subProcessDone()
        .serviceTask("after", t -> t.zeebeJobType(after)).endEvent().done());
    long pi = start(id);
    ActivatedJob job = h.awaitJob(inner);
    assertEquals(10, ((Number) job.getVariablesAsMap().get("localLimit")).intValue());
    h.complete(job, Map.of("fromInner", 1));
    ActivatedJob next = h.awaitJob(after);
    assertFalse(next.getVariablesAsMap().containsKey("localLimit"), "input-mapped variables stay in the sub-process");
    assertEquals(1, ((Number) next.getVariablesAsMap().get("fromInner")).intValue());
    h.complete(next, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void callActivityPropagatesVariablesBothWays() {
    String parent = unique("parent");
    String child = unique("child");
    String work = unique("work");
    deploy(Bpmn.createExecutableProcess(child).startEvent().serviceTask("c", t -> t.zeebeJobType(work)).endEvent().done());
    deploy(Bpmn.createExecutableProcess(parent).startEvent().callActivity("call", c -> c.zeebeProcessId(child)).endEvent()
        .done());
    ProcessInstanceResultHolder holder = new ProcessInstanceResultHolder();
    Thread t = new Thread(() -> holder.result = client().newCreateInstanceCommand().bpmnProcessId(parent)
        .latestVersion().variables(Map.of("modelVersion", "v7")).withResult().requestTimeout(Duration.ofSeconds(30))
        .send().join());
    t.start();
    ActivatedJob job = h.awaitJob(work);
    assertEquals(child, job.getBpmnProcessId());
    assertEquals("v7", job.getVariablesAsMap().get("modelVersion"));
    h.complete(job, Map.of("gate", "passed"));
    joinQuietly(t);
    assertEquals("passed", holder.result.getVariablesAsMap().get("gate"));
    assertEquals("v7", holder.result.getVariablesAsMap().get("modelVersion"));
  }

  static final class ProcessInstanceResultHolder {
    volatile ProcessInstanceResult result;
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void callActivityWithoutPropagationUsesMappingsOnly() {
    String parent = unique("parent");
    String child = unique("child");
    String work = unique("work");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(child).startEvent().serviceTask("c", t -> t.zeebeJobType(work)).endEvent().done());
    deploy(Bpmn.createExecutableProcess(parent).startEvent()
        .callActivity("call", c -> c.zeebeProcessId(child).zeebePropagateAllParentVariables(false)
            .zeebePropagateAllChildVariables(false).zeebeInputExpression("a", "inA").zeebeOutputExpression("out", "result"))
        .serviceTask("after", t -> t.zeebeJobType(after)).endEvent().done());
    long pi = start(parent, Map.of("a", 1, "secret", "s"));
    ActivatedJob job = h.awaitJob(work);
    assertEquals(Map.of("inA", 1L), normalize(job.getVariablesAsMap()));
    h.complete(job, Map.of("out", "o", "noise", "n"));
    ActivatedJob next = h.awaitJob(after);
    assertEquals("o", next.getVariablesAsMap().get("result"));
    assertFalse(next.getVariablesAsMap().containsKey("noise"));
    h.complete(next, Map.of());
    h.awaitCompleted(pi);
  }

  private static Map<String, Object> normalize(Map<String, Object> vars) {
    Map<String, Object> out = new java.util.HashMap<>();
    vars.forEach((k, v) -> out.put(k, v instanceof Number n ? (Object) n.longValue() : v));
    return out;
  }

  @Test
  void parallelMultiInstanceCollectsOutputsInOrder() {
    String id = unique("mi");
    String work = unique("work");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("each", t -> t.zeebeJobType(work).multiInstance(m -> m.parallel()
            .zeebeInputCollectionExpression("segments").zeebeInputElement("segment")
            .zeebeOutputCollection("scores").zeebeOutputElementExpression("score")))
        .serviceTask("after", t -> t.zeebeJobType(after)).endEvent().done());
    long pi = start(id, Map.of("segments", List.of("eu", "us", "apac")));
    List<ActivatedJob> jobs = new ArrayList<>(h.awaitJobs(work, 3));
    assertEquals(3, jobs.size());
    jobs.sort(Comparator.comparing(j -> (String) j.getVariablesAsMap().get("segment")));
    // complete in a different order than created
    for (ActivatedJob job : jobs) {
      String segment = (String) job.getVariablesAsMap().get("segment");
      h.complete(job, Map.of("score", segment.toUpperCase()));
    }
    ActivatedJob next = h.awaitJob(after);
    assertEquals(List.of("EU", "US", "APAC"), next.getVariablesAsMap().get("scores"));
    h.complete(next, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void multiInstanceLoopVariablesStayInTheirInnerInstance() {
    String id = unique("mi-local");
    String work = unique("work");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("each", t -> t.zeebeJobType(work).multiInstance(m -> m.sequential()
            .zeebeInputCollectionExpression("items").zeebeInputElement("item")
            .zeebeOutputCollection("results").zeebeOutputElementExpression("result")))
        .serviceTask("after", t -> t.zeebeJobType(after)).endEvent().done());
    long pi = start(id, Map.of("items", List.of("a", "b")));
    ActivatedJob first = h.awaitJob(work);
    h.complete(first, Map.of("result", "A", "other", 1));
    ActivatedJob second = h.awaitJob(work);
    assertEquals("b", second.getVariablesAsMap().get("item"));
    assertTrue(second.getVariablesAsMap().containsKey("result"));
    assertEquals(null, second.getVariablesAsMap().get("result"), "the first instance's result is not seen by the next");
    h.complete(second, Map.of("result", "B"));
    ActivatedJob next = h.awaitJob(after);
    Map<String, Object> vars = next.getVariablesAsMap();
    assertEquals(List.of("A", "B"), vars.get("results"));
    assertFalse(vars.containsKey("result"), "the output element stays in the inner instance: " + vars);
    assertFalse(vars.containsKey("item"), "the input element stays in the inner instance: " + vars);
    assertEquals(1, ((Number) vars.get("other")).intValue(), "other job variables still propagate");
    h.complete(next, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void sequentialMultiInstanceRunsOneAfterAnotherWithLoopCounter() {
    String id = unique("seq");
    String work = unique("work");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("each", t -> t.zeebeJobType(work).multiInstance(m -> m.sequential()
            .zeebeInputCollectionExpression("officers").zeebeInputElement("officer")))
        .endEvent().done());
    long pi = start(id, Map.of("officers", List.of("ann", "bob")));
    ActivatedJob first = h.awaitJob(work);
    assertEquals("ann", first.getVariablesAsMap().get("officer"));
    assertEquals(1, ((Number) first.getVariablesAsMap().get("loopCounter")).intValue());
    assertTrue(h.activateNow(work).isEmpty(), "sequential: one at a time");
    h.complete(first, Map.of());
    ActivatedJob second = h.awaitJob(work);
    assertEquals("bob", second.getVariablesAsMap().get("officer"));
    assertEquals(2, ((Number) second.getVariablesAsMap().get("loopCounter")).intValue());
    h.complete(second, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void completionConditionEndsTheMultiInstanceEarly() {
    String id = unique("mi-cond");
    String work = unique("work");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("signoff", t -> t.multiInstance(m -> m.parallel()
            .zeebeInputCollectionExpression("officers").zeebeInputElement("officer")
            .completionCondition("= numberOfCompletedInstances >= 2 or decision = \"reject\"")))
        .endEvent().done());
    long pi = start(id, Map.of("officers", List.of("a", "b", "c")));
    List<ActivatedJob> jobs = h.awaitJobs("io.camunda.zeebe:userTask", 3).stream()
        .filter(j -> j.getProcessInstanceKey() == pi).toList();
    assertEquals(3, jobs.size());
    client().newCompleteCommand(jobs.get(0).getKey()).variables(Map.of("decision", "reject")).send().join();
    h.awaitCompleted(pi);
    assertStatusNotFound(jobs.get(1).getKey());
  }

  private static void assertStatusNotFound(long jobKey) {
    assertStatus(io.grpc.Status.Code.NOT_FOUND, () -> client().newCompleteCommand(jobKey).send().join());
  }

  @Test
  void emptyInputCollectionCompletesAtOnce() {
    String id = unique("mi-empty");
    String work = unique("work");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("each", t -> t.zeebeJobType(work).multiInstance(m -> m.parallel()
            .zeebeInputCollectionExpression("items").zeebeOutputCollection("out").zeebeOutputElementExpression("x")))
        .endEvent().done());
    long pi = start(id, Map.of("items", List.of()));
    h.awaitCompleted(pi);
  }
}
