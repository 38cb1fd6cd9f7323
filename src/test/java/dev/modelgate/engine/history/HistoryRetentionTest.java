package dev.modelgate.engine.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** History older than the retention goes once a snapshot covers it; deployments stay, so versions still resolve. */
class HistoryRetentionTest {

  @Test
  void historyOlderThanTheRetentionIsDroppedButDeploymentsStay() throws Exception {
    try (EngineHarness h = new EngineHarness(Files.createTempDirectory("engine-retention"), Duration.ofDays(1))) {
      h.deploy(Bpmn.createExecutableProcess("retained").startEvent().serviceTask("t", t -> t.zeebeJobType("ret"))
          .endEvent().done());
      long old = h.start("retained", Map.of());
      h.complete(h.awaitJob("ret"), Map.of());
      h.awaitCompleted(old);
      assertTrue(h.engine().history().getProcessInstance(old).isPresent());

      h.clock.advance(Duration.ofDays(2));
      long recent = h.start("retained", Map.of());
      h.restart(); // the snapshot on close covers the log; its clean-up drops what is older than a day

      assertTrue(h.engine().history().getProcessInstance(old).isEmpty(), "expired history is gone");
      ProcessInstanceView kept = h.engine().history().getProcessInstance(recent).orElseThrow();
      assertEquals("ACTIVE", kept.state());
      assertEquals(1, kept.version(), "the deployment's record is kept");
      assertEquals("SERVICE_TASK", h.engine().history().searchElementInstances(
          new HistoryFilter.ElementInstanceFilter(recent, "t", null, null, null), PageRequest.firstPage()).items()
          .get(0).type());
    }
  }
}
