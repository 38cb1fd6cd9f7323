package dev.modelgate.engine.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Timer cycles given as cron expressions, on boundary events and event sub-processes. */
class CronTimerTest extends EngineTestBase {

  @Test
  void aNonInterruptingCronBoundaryFiresAtEveryMatchingTime() {
    String id = unique("cron-boundary");
    String work = unique("work");
    String remind = unique("remind");
    deploy(Bpmn.createExecutableProcess(id).startEvent().serviceTask("t", t -> t.zeebeJobType(work))
        .boundaryEvent("hourly", b -> b.cancelActivity(false).timerWithCycle("0 0 * * * *"))
        .serviceTask("r", t -> t.zeebeJobType(remind)).endEvent()
        .moveToActivity("t").endEvent().done());
    long pi = start(id);
    ActivatedJob job = h.awaitJob(work);
    client().newUpdateTimeoutCommand(job.getKey()).timeout(Duration.ofDays(10)).send().join();
    long toFullHour = Duration.ofHours(1).toMillis() - h.clock.millis() % Duration.ofHours(1).toMillis();
    h.clock.advance(Duration.ofMillis(toFullHour - 1));
    assertTrue(h.activateNow(remind).isEmpty(), "not yet at a full hour");
    h.clock.advance(Duration.ofHours(3)); // passes three full hours
    List<ActivatedJob> reminders = h.awaitJobs(remind, 3);
    assertTrue(h.activateNow(remind).isEmpty());
    reminders.forEach(r -> h.complete(r, Map.of()));
    h.complete(job, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void aCronCycleFromAnExpressionStartsAnEventSubProcess() {
    String id = unique("cron-esp");
    String work = unique("work");
    String report = unique("report");
    deploy(Bpmn.createExecutableProcess(id)
        .eventSubProcess("daily", esp -> esp.startEvent("d").interrupting(false).timerWithCycleExpression("schedule")
            .serviceTask("r", t -> t.zeebeJobType(report)).endEvent())
        .startEvent().serviceTask("w", t -> t.zeebeJobType(work)).endEvent().done());
    long pi = start(id, Map.of("schedule", "@daily"));
    ActivatedJob job = h.awaitJob(work);
    client().newUpdateTimeoutCommand(job.getKey()).timeout(Duration.ofDays(10)).send().join();
    h.clock.advance(Duration.ofDays(2));
    List<ActivatedJob> reports = h.awaitJobs(report, 2);
    assertTrue(reports.stream().allMatch(r -> r.getProcessInstanceKey() == pi));
    reports.forEach(r -> h.complete(r, Map.of()));
    h.complete(job, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void aBadCronExpressionIsRefusedNamingTheElement() {
    ClientStatusException e = assertThrows(ClientStatusException.class, () -> deploy(
        Bpmn.createExecutableProcess(unique("cron-bad")).startEvent("start").timerWithCycle("0 0 25 * * *")
            .endEvent().done()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    String message = e.getStatus().getDescription();
    assertTrue(message.contains("'start' (invalid timer '0 0 25 * * *': cron hour"), message);
  }
}
