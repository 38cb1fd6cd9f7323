package dev.modelgate.engine.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A clean restart goes through the snapshot taken on close; the state it restores must carry on
 * exactly: variables, activated jobs, timers, subscriptions, buffered messages, incidents,
 * multi-instance progress and parallel join tokens.
 */
class RestartTest {

  @Test
  void stateSurvivesARestartThroughTheSnapshot() {
    try (EngineHarness h = new EngineHarness()) {
      h.deploy(Bpmn.createExecutableProcess("restart").startEvent().parallelGateway("fork")
          .serviceTask("each", t -> t.zeebeJobType("r-each").multiInstance(m -> m.parallel()
              .zeebeInputCollectionExpression("items").zeebeInputElement("item")
              .zeebeOutputCollection("out").zeebeOutputElementExpression("item * 10")))
          .parallelGateway("join")
          .serviceTask("last", t -> t.zeebeJobType("r-last")).endEvent()
          .moveToNode("fork").intermediateCatchEvent("timer", e -> e.timerWithDuration("PT1H"))
          .intermediateCatchEvent("msg", e -> e.message(m -> m.name("r-msg").zeebeCorrelationKeyExpression("key")))
          .connectTo("join")
          .done());
      long pi = h.start("restart", Map.of("items", List.of(1, 2, 3), "key", "k"));
      List<ActivatedJob> jobs = h.awaitJobs("r-each", 3);
      h.complete(jobs.get(0), Map.of());
      h.client().newPublishMessageCommand().messageName("r-msg").correlationKey("k").timeToLive(Duration.ofHours(2))
          .send().join();

      h.restart();

      assertTrue(h.isActive(pi));
      assertTrue(h.activateNow("r-each").isEmpty(), "activated jobs stay activated across a restart");
      h.complete(jobs.get(1), Map.of());
      h.clock.advance(Duration.ofMinutes(61)); // the timer fires, the buffered message correlates
      h.restart(); // and once more, from the snapshot taken after these changes
      ActivatedJob timedOut = h.awaitJob("r-each"); // its 5 minute deadline passed while the clock moved
      assertEquals(jobs.get(2).getKey(), timedOut.getKey());
      h.complete(timedOut, Map.of());
      ActivatedJob last = h.awaitJob("r-last");
      assertEquals(List.of(10, 20, 30), last.getVariablesAsMap().get("out"));
      h.complete(last, Map.of());
      h.awaitCompleted(pi);
    }
  }
}
