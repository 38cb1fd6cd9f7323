package dev.modelgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.Topology;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void serviceTaskRunsEndToEnd() {
    try (EngineHarness h = new EngineHarness()) {
      Topology topology = h.client().newTopologyRequest().send().join();
      assertEquals(1, topology.getPartitionsCount());
      h.deploy(Bpmn.createExecutableProcess("smoke").startEvent().serviceTask("t", t -> t.zeebeJobType("work"))
          .endEvent().done());
      long pi = h.start("smoke", Map.of("x", 1));
      ActivatedJob job = h.awaitJob("work");
      assertEquals(pi, job.getProcessInstanceKey());
      assertEquals(1, ((Number) job.getVariablesAsMap().get("x")).intValue());
      assertTrue(h.isActive(pi));
      h.complete(job, Map.of("y", 2));
      h.awaitCompleted(pi);
    }
  }
}
