package dev.modelgate.engine.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Message intermediate throw events and message end events: job-based, like service tasks. */
class ThrowEventTest extends EngineTestBase {

  @Test
  void messageThrowAndEndEventsWaitForTheirJobs() {
    String id = unique("throw");
    String notify = unique("notify");
    String close = unique("close");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .intermediateThrowEvent("shipped", e -> e.message("order-shipped").zeebeJobType(notify).zeebeJobRetries("2")
            .zeebeTaskHeader("channel", "mail"))
        .endEvent("closed", e -> e.message("order-closed").zeebeJobTypeExpression("closeType"))
        .done());
    long pi = start(id, Map.of("closeType", close));
    ActivatedJob first = h.awaitJob(notify);
    assertEquals("shipped", first.getElementId());
    assertEquals(2, first.getRetries());
    assertEquals("mail", first.getCustomHeaders().get("channel"));
    assertTrue(h.activateNow(close).isEmpty(), "the flow waits at the throw event");
    h.complete(first, Map.of("trackingId", "T-1"));
    ActivatedJob last = h.awaitJob(close);
    assertEquals("closed", last.getElementId());
    assertEquals("T-1", last.getVariablesAsMap().get("trackingId"), "the throw event's job variables propagate");
    assertTrue(h.isActive(pi), "the end event waits for its job");
    h.complete(last, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void failedThrowEventJobRetriesThenRaisesAnIncident() {
    String id = unique("throw-fail");
    String notify = unique("notify");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .intermediateThrowEvent("shipped", e -> e.message("m").zeebeJobType(notify)).endEvent().done());
    long pi = start(id);
    ActivatedJob job = h.awaitJob(notify);
    assertEquals(3, job.getRetries(), "default retries as for service tasks");
    client().newFailCommand(job.getKey()).retries(1).send().join();
    ActivatedJob again = h.awaitJob(notify);
    client().newFailCommand(again.getKey()).retries(0).errorMessage("smtp down").send().join();
    assertTrue(h.activateNow(notify).isEmpty(), "no retries left: an incident");
    client().newUpdateRetriesCommand(again.getKey()).retries(1).send().join();
    client().newResolveIncidentCommand(again.getKey() + 1).send().join();
    h.complete(h.awaitJob(notify), Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void messageThrowEventWithoutJobTypeIsRefusedNamingIt() {
    String id = unique("throw-bad");
    ClientStatusException e = assertThrows(ClientStatusException.class, () -> deploy(Bpmn.createExecutableProcess(id)
        .startEvent().intermediateThrowEvent("unsent", t -> t.message("m")).endEvent().done()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("'unsent'"), e.getStatus().getDescription());
    assertTrue(e.getStatus().getDescription().contains("zeebe:taskDefinition"), e.getStatus().getDescription());
  }
}
