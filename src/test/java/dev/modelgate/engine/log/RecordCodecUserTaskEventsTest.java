package dev.modelgate.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.model.ListenerEventType;
import dev.modelgate.engine.state.Job;
import dev.modelgate.engine.state.UserTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event kinds of Camunda user tasks and listeners come back from the log's binary format exactly as
 * written: replay rebuilds user tasks from them alone, so a field lost here would be lost on restart.
 */
class RecordCodecUserTaskEventsTest {

  private static final UserTask.Attributes ASKED = new UserTask.Attributes("ann", List.of("ops", "qa"),
      List.of("bob"), "2026-05-01T12:00:00Z", null, 70);
  private static final UserTask.Attributes CORRECTED = new UserTask.Attributes(null, List.of(), List.of("cy"), null,
      "2026-06-01T08:30:00+02:00", 5);

  private static List<EngineEvent> events() {
    UserTask.Transition creating = new UserTask.Transition(ListenerEventType.CREATING, "", ASKED, CORRECTED, 1,
        "dora", null, null);
    UserTask task = new UserTask(7L, 5L, 3L, "review", 2, 9L, "approve", "Approve it", UserTask.State.CREATING,
        UserTask.Attributes.NONE, "form-1", null, Map.of("team", "blue"), 1_700_000_000_000L, creating);
    UserTask.Transition updating = new UserTask.Transition(ListenerEventType.UPDATING, "escalate", ASKED, ASKED, 0,
        null, "{\"x\":1}", null, true);
    return List.of(
        new EngineEvent.JobCreated(11L, "check", 5L, 3L, "review", 2, 9L, "approve", Map.of("h", "v"), 3,
            Job.Kind.TASK_LISTENER, ListenerEventType.ASSIGNING, 7L),
        new EngineEvent.JobCreated(12L, "audit", 5L, 3L, "review", 2, 9L, "approve", Map.of(), 1,
            Job.Kind.EXECUTION_LISTENER, ListenerEventType.END, -1L),
        new EngineEvent.JobCreated(13L, "work", 5L, 3L, "review", 2, 9L, "approve", Map.of(), 3),
        new EngineEvent.ExecutionListenersStarted(3L, "start"),
        new EngineEvent.ExecutionListenersStarted(5L, null),
        new EngineEvent.ExecutionListenerDone(5L),
        new EngineEvent.UserTaskCreating(task),
        new EngineEvent.UserTaskCreating(task.finished()),
        new EngineEvent.UserTaskTransitionStarted(7L, UserTask.State.UPDATING, updating),
        new EngineEvent.UserTaskListenerDone(7L, CORRECTED),
        new EngineEvent.UserTaskTransitionRetried(7L),
        new EngineEvent.UserTaskTransitionFinished(7L),
        new EngineEvent.UserTaskTransitionDenied(7L, "not on a Sunday"),
        new EngineEvent.UserTaskCompleted(7L),
        new EngineEvent.UserTaskCanceling(7L, List.of("3:cleanup", "1:notify")),
        new EngineEvent.UserTaskCanceled(7L));
  }

  @Test
  void everyUserTaskAndListenerEventRoundTrips() {
    List<LoggedRecord> written = new ArrayList<>();
    long position = 100;
    for (EngineEvent e : events()) {
      written.add(new LoggedRecord(position++, 1_700_000_000_123L, 3L, e));
    }
    assertEquals(written, RecordCodec.decode(RecordCodec.encode(written)));
  }
}
