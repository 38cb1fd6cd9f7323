package dev.modelgate.engine.log;

import dev.modelgate.engine.processing.Command;
import dev.modelgate.engine.processing.Command.CancelInstance;
import dev.modelgate.engine.processing.Command.CompleteJob;
import dev.modelgate.engine.processing.Command.CreateInstance;
import dev.modelgate.engine.processing.Command.Deploy;
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
      case "complete" -> new CompleteJob(num(d, "key"), d.getString("vars"));
      case "fail" -> new FailJob(num(d, "key"), (int) num(d, "retries"), d.getString("msg"), num(d, "backoff"),
          d.getString("vars"));
      case "error" -> new ThrowError(num(d, "key"), d.getString("code"), d.getString("msg"), d.getString("vars"));
      case "retries" -> new UpdateJobRetries(num(d, "key"), (int) num(d, "retries"));
      case "timeout" -> new UpdateJobTimeout(num(d, "key"), num(d, "timeout"));
      case "publish" -> new PublishMessage(d.getString("name"), d.getString("ck"), num(d, "ttl"), d.getString("id"),
          d.getString("vars"));
      case "vars" -> new SetVariables(num(d, "key"), d.getString("vars"), d.getBoolean("local"));
      case "resolve" -> new ResolveIncident(num(d, "key"));
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

  public static long timestamp(Document d) {
    return num(d, "ts");
  }

  private static long num(Document d, String key) {
    return ((Number) d.get(key)).longValue();
  }
}
