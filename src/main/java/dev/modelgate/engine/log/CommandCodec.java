package dev.modelgate.engine.log;

import dev.modelgate.engine.processing.Command;
import dev.modelgate.engine.processing.Command.CancelInstance;
import dev.modelgate.engine.processing.Command.CompleteJob;
import dev.modelgate.engine.processing.Command.CreateInstance;
import dev.modelgate.engine.processing.Command.Deploy;
import dev.modelgate.engine.processing.Command.EvaluateDecision;
import dev.modelgate.engine.processing.Command.ExpireMessage;
import dev.modelgate.engine.processing.Command.FailJob;
import dev.modelgate.engine.processing.Command.JobsActivated;
import dev.modelgate.engine.processing.Command.PublishMessage;
import dev.modelgate.engine.processing.Command.RecurJob;
import dev.modelgate.engine.processing.Command.ResolveIncident;
import dev.modelgate.engine.processing.Command.SetVariables;
import dev.modelgate.engine.processing.Command.ThrowError;
import dev.modelgate.engine.processing.Command.TimeOutJob;
import dev.modelgate.engine.processing.Command.TriggerTimer;
import dev.modelgate.engine.processing.Command.UpdateJobRetries;
import dev.modelgate.engine.processing.Command.UpdateJobTimeout;
import dev.modelgate.engine.state.UserTask;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Reads the commands of the command log that versions before the event log wrote (BSON documents,
 * field {@code t} naming the command), for {@link LegacyLogMigration}. Nothing writes this format any more.
 */
public final class CommandCodec {
  private CommandCodec() {}

  public static Command decode(Document d) {
    String type = d.getString("t");
    return switch (type) {
      case "deploy" -> {
        List<Command.Resource> resources = new ArrayList<>();
        for (Document r : d.getList("resources", Document.class)) {
          resources.add(new Command.Resource(r.getString("name"), r.get("content", Binary.class).getData()));
        }
        yield new Deploy(resources);
      }
      case "create" -> new CreateInstance(num(d, "def"), d.getString("pid"), (int) num(d, "ver"), d.getString("vars"));
      case "cancel" -> new CancelInstance(num(d, "key"));
      case "complete" -> {
        Document r = d.get("result", Document.class);
        yield new CompleteJob(num(d, "key"), d.getString("vars"), r == null ? null
            : new Command.JobResult(r.getBoolean("denied"), r.getString("reason"),
                changes(r.get("corrections", Document.class))));
      }
      case "utAssign" -> new Command.AssignUserTask(num(d, "key"), d.getString("assignee"), d.getString("action"),
          d.getBoolean("override"));
      case "utUnassign" -> new Command.UnassignUserTask(num(d, "key"), d.getString("action"));
      case "utUpdate" -> new Command.UpdateUserTask(num(d, "key"), changes(d.get("changes", Document.class)),
          d.getString("action"));
      case "utComplete" -> new Command.CompleteUserTask(num(d, "key"), d.getString("vars"), d.getString("action"));
      case "fail" -> new FailJob(num(d, "key"), (int) num(d, "retries"), d.getString("msg"), num(d, "backoff"),
          d.getString("vars"));
      case "error" -> new ThrowError(num(d, "key"), d.getString("code"), d.getString("msg"), d.getString("vars"));
      case "retries" -> new UpdateJobRetries(num(d, "key"), (int) num(d, "retries"));
      case "timeout" -> new UpdateJobTimeout(num(d, "key"), num(d, "timeout"));
      case "publish" -> new PublishMessage(d.getString("name"), d.getString("ck"), num(d, "ttl"), d.getString("id"),
          d.getString("vars"));
      case "vars" -> new SetVariables(num(d, "key"), d.getString("vars"), d.getBoolean("local"));
      case "resolve" -> new ResolveIncident(num(d, "key"));
      case "evaluateDecision" -> new EvaluateDecision(num(d, "key"), d.getString("id"), d.getString("vars"));
      case "activated" -> {
        List<Long> keys = new ArrayList<>();
        for (Object o : d.getList("keys", Object.class)) {
          keys.add(((Number) o).longValue());
        }
        yield new JobsActivated(keys, d.getString("worker"), num(d, "timeout"));
      }
      case "timer" -> new TriggerTimer(num(d, "key"));
      case "jobTimeout" -> new TimeOutJob(num(d, "key"));
      case "recur" -> new RecurJob(num(d, "key"));
      case "expire" -> new ExpireMessage(num(d, "key"));
      default -> throw new IllegalArgumentException("unknown log entry type " + type);
    };
  }

  /** User task changes as the command log of the user task branch wrote them; absent fields stay null. */
  static UserTask.Changes changes(Document d) {
    if (d == null) {
      return UserTask.Changes.NONE;
    }
    return new UserTask.Changes(d.getString("assignee"), d.getList("candidateGroups", String.class),
        d.getList("candidateUsers", String.class), d.getString("dueDate"), d.getString("followUpDate"),
        d.get("priority") == null ? null : ((Number) d.get("priority")).intValue());
  }

  public static long timestamp(Document d) {
    return num(d, "ts");
  }

  private static long num(Document d, String key) {
    return ((Number) d.get(key)).longValue();
  }
}
