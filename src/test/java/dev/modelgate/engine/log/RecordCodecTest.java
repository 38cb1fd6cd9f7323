package dev.modelgate.engine.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.event.EngineEvent.*;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every event kind survives the log's binary format unchanged, with its position, time and instance. */
class RecordCodecTest {

  @Test
  void everyEventKindRoundTrips() {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("s", "tëxt");
    vars.put("n", 42L);
    vars.put("d", 1.5);
    vars.put("b", true);
    vars.put("null", null);
    vars.put("list", List.of(1L, "two", List.of(), Map.of("k", false)));
    List<EngineEvent> events = List.of(
        new DeploymentCreated(7),
        new ElementActivating(10, 9, 8, 5, "task", true, 3, 2, vars),
        new ElementActivating(9, 9, -1, 5, "proc", false, -1, 0, null),
        new ElementActivationRetried(10), new ElementActivated(10), new ElementCompleting(10),
        new ElementCompleted(10), new ElementTerminating(10), new ElementTerminated(10),
        new SequenceFlowTaken(9, 9, "flow", "join", true), new JoinTokensConsumed(9, "join"),
        new JoinTokensCleared(9), new CalledInstanceLinked(10, 11), new EventVariablesConsumed(10),
        new MultiInstanceStarted(10, List.of(1L, "a")), new MessageStartRegistered(9, "p\u0000k"),
        new VariableSet(9, 9, "x", vars), new VariableSet(9, 9, "nothing", null), new VariableDocumentUpdated(12, 9),
        new JobCreated(13, "type", 10, 9, "proc", 2, 5, "task", Map.of("h", "v"), 3),
        new JobActivated(13, "worker", 123456789L), new JobCompleted(13), new JobFailed(13, 2, "boom", 99),
        new JobErrorThrown(13, "err"), new JobRetriesUpdated(13, 5), new JobTimeoutUpdated(13, 77),
        new JobTimedOut(13), new JobRecurred(13), new JobCanceled(13),
        new TimerCreated(14, -1, 5, "start", 1000, -1, "PT1M"), new TimerCreated(15, 10, 5, "t", 1000, 0, null),
        new TimerTriggered(14), new TimerCanceled(15),
        new MessageSubscriptionCreated(16, 10, 9, "msg", "key", "catch", false),
        new MessageSubscriptionCorrelated(16, true), new MessageSubscriptionDeleted(16),
        new MessagePublished(17, "msg", "key", "", vars, -1, new LinkedHashSet<>(List.of(9L, 20L))),
        new MessageCorrelated(17, 9), new MessageExpired(17),
        new IncidentCreated(18, IncidentType.JOB_NO_RETRIES, "no retries", 9, 10, 13, RetryStep.NONE),
        new IncidentResolved(18), new CommandRejected("CompleteJob", "NOT_FOUND", "no such job"),
        // listeners and Camunda user tasks (their fields in detail: RecordCodecUserTaskEventsTest)
        new JobCreated(19, "listen", 10, 9, "proc", 2, 5, "task", Map.of(), 1,
            dev.modelgate.engine.state.Job.Kind.TASK_LISTENER, dev.modelgate.engine.model.ListenerEventType.CREATING,
            20),
        new ExecutionListenersStarted(9, "start"), new ExecutionListenerDone(10),
        new UserTaskCreating(new dev.modelgate.engine.state.UserTask(20, 10, 9, "proc", 2, 5, "task", null,
            dev.modelgate.engine.state.UserTask.State.CREATED, dev.modelgate.engine.state.UserTask.Attributes.NONE,
            null, null, Map.of(), 1_700_000_000_000L, null)),
        new UserTaskTransitionStarted(20, dev.modelgate.engine.state.UserTask.State.ASSIGNING,
            new dev.modelgate.engine.state.UserTask.Transition(dev.modelgate.engine.model.ListenerEventType.ASSIGNING,
                "assign", dev.modelgate.engine.state.UserTask.Attributes.NONE,
                dev.modelgate.engine.state.UserTask.Attributes.NONE, 0, null, null, null)),
        new UserTaskListenerDone(20, dev.modelgate.engine.state.UserTask.Attributes.NONE),
        new UserTaskTransitionRetried(20), new UserTaskTransitionFinished(20), new UserTaskTransitionDenied(20, "no"),
        new UserTaskCompleted(20), new UserTaskCanceling(20, List.of("1:t")), new UserTaskCanceled(20),
        new SignalSubscriptionCreated(19, 10, 9, "sig", "catch", true), new SignalSubscriptionTriggered(19, false),
        new SignalSubscriptionDeleted(19), new SignalBroadcast(20, "sig", vars), new SignalBroadcast(21, "sig", Map.of()),
        new DecisionDeployed(21, "decision", "Decision", 2, 20, "drg"),
        new DeployedDecisionsBound(5, Map.of("decision", 21L)),
        new DecisionEvaluated(22, 21, "decision", 2, 20, 9, 10, vars, null, null),
        new DecisionEvaluated(23, 21, "decision", 2, 20, -1, -1, null, "required", "no rule matched"),
        new CompensationSubscriptionCreated(19, 9, 9, 10, "task", "undo", vars),
        new CompensationSubscriptionCreated(20, 9, 9, 11, "sub", null, Map.of()),
        new CompensationSubscriptionTriggered(19, 21, 22), new CompensationSubscriptionDeleted(19),
        new JobFailed(Long.MAX_VALUE / 8, Integer.MIN_VALUE, "", Long.MIN_VALUE / 8),
        new JobActivated(-5, null, 0), new JobRetriesUpdated(dev.modelgate.engine.state.EngineState.KEY_BASE, -1),
        new VariableSet(1, 0, "big", List.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, Double.NaN, -0.5)));
    List<LoggedRecord> records = new ArrayList<>();
    long position = 100;
    for (EngineEvent e : events) {
      long time = 1_700_000_000_000L + (position % 5 == 0 ? -position : position); // time may step back
      records.add(new LoggedRecord(++position, time, position % 3 == 0 ? -1 : 2251799813685249L + position, e));
    }
    assertEquals(records, RecordCodec.decode(RecordCodec.encode(records)));
  }

  @Test
  void aDecisionDeploymentKeepsItsResourceButNotTheParsedGraph() {
    byte[] resource = "<definitions/>".getBytes(StandardCharsets.UTF_8);
    LoggedRecord r = new LoggedRecord(1, 2, -1,
        new DecisionRequirementsDeployed(20, "drg", "Graph", 2, "g.dmn", "abc", resource, null));
    DecisionRequirementsDeployed back =
        (DecisionRequirementsDeployed) RecordCodec.decode(RecordCodec.encode(List.of(r))).get(0).event();
    assertEquals(List.of(20L, 2L), List.of(back.key(), (long) back.version()));
    assertEquals(List.of("drg", "Graph", "g.dmn", "abc"),
        List.of(back.drgId(), back.name(), back.resourceName(), back.digest()));
    assertArrayEquals(resource, back.resource());
    assertNull(back.parsed());
  }

  @Test
  void aDeploymentKeepsItsResourceButNotTheTransformedModel() {
    byte[] resource = "<definitions/>".getBytes(StandardCharsets.UTF_8);
    LoggedRecord r = new LoggedRecord(1, 2, -1, new ProcessDeployed(5, "proc", 3, "p.bpmn", "abc", resource, null));
    ProcessDeployed back = (ProcessDeployed) RecordCodec.decode(RecordCodec.encode(List.of(r))).get(0).event();
    assertEquals("proc", back.bpmnProcessId());
    assertEquals(3, back.version());
    assertEquals("p.bpmn", back.resourceName());
    assertEquals("abc", back.digest());
    assertArrayEquals(resource, back.resource());
    assertNull(back.process());
  }
}
