package dev.modelgate.engine.history;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import dev.modelgate.engine.behavior.JobBehavior;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.log.LoggedRecord;
import dev.modelgate.engine.state.UserTask;
import dev.modelgate.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * The exported history is the event log itself: each log document (one per written group of batches)
 * carries, beside its records, index arrays naming what the group touched, so that a lookup finds the
 * few documents it has to fold instead of reading the whole log ({@link HistoryCatalog} keeps them in
 * memory, as the embedded store has no secondary indexes; a real MongoDB has the multikey ones too):
 *
 * <ul>
 *   <li>{@code pi}: the process instance keys of the group's records (multikey index);
 *   <li>{@code ut}: user-task tags of the user tasks (job-worker and Camunda user tasks) created or
 *       changed in the group: {@code task}, {@code
 *       g:<candidate group>}, {@code u:<candidate user>}, {@code a:<assignee>} (multikey index);
 *   <li>{@code pd}: the BPMN process ids of the process instances the group started;
 *   <li>{@code d}: true when the group deployed processes;
 *   <li>{@code ts}: the time of the group's last record (for retention).
 * </ul>
 *
 * Writing this costs nothing per record beyond a set insert: the document is written anyway.
 */
public final class HistoryIndex {
  static final String PROCESS_INSTANCES = "pi";
  static final String USER_TASKS = "ut";
  static final String DEPLOYED = "d";
  static final String STARTED_PROCESSES = "pd";
  static final String TIME = "ts";
  static final String TASK = "task";

  private HistoryIndex() {}

  /** The index fields of one log document. */
  public static Document of(List<LoggedRecord> records) {
    Set<Long> instances = new LinkedHashSet<>();
    Set<String> userTasks = null;
    Set<String> started = null;
    boolean deployed = false;
    for (LoggedRecord r : records) {
      if (r.processInstanceKey() >= 0) {
        instances.add(r.processInstanceKey());
      }
      switch (r.event()) {
        case EngineEvent.ProcessDeployed e -> deployed = true;
        case EngineEvent.ElementActivating e when e.parentKey() < 0 -> {
          if (started == null) {
            started = new LinkedHashSet<>();
          }
          started.add(e.elementId());
        }
        case EngineEvent.JobCreated e when JobBehavior.USER_TASK_TYPE.equals(e.type()) -> {
          if (userTasks == null) {
            userTasks = new LinkedHashSet<>();
          }
          userTaskTags(e.customHeaders(), userTasks);
        }
        case EngineEvent.UserTaskCreating e -> {
          userTasks = tags(userTasks);
          userTaskTags(e.task().current(), userTasks);
          String assignAfter = e.task().transition() == null ? null : e.task().transition().assignAfter();
          if (assignAfter != null && !assignAfter.isEmpty()) {
            userTasks.add("a:" + assignAfter);
          }
        }
        case EngineEvent.UserTaskTransitionStarted e -> {
          userTasks = tags(userTasks);
          userTaskTags(e.transition().requested(), userTasks);
        }
        case EngineEvent.UserTaskListenerDone e -> { // a listener's corrections
          userTasks = tags(userTasks);
          userTaskTags(e.proposed(), userTasks);
        }
        default -> { }
      }
    }
    Document d = new Document(TIME, records.get(records.size() - 1).timestamp())
        .append(PROCESS_INSTANCES, new ArrayList<>(instances));
    if (userTasks != null) {
      d.append(USER_TASKS, new ArrayList<>(userTasks));
    }
    if (started != null) {
      d.append(STARTED_PROCESSES, new ArrayList<>(started));
    }
    if (deployed) {
      d.append(DEPLOYED, true);
    }
    return d;
  }

  private static Set<String> tags(Set<String> tags) {
    return tags == null ? new LinkedHashSet<>() : tags;
  }

  /**
   * The tags a Camunda user task is found by: every attribute value it is given (at creation, by a
   * command, by a listener's correction) tags the document of that event, so that the documents tagged
   * with a value include every task that has it now.
   */
  static void userTaskTags(UserTask.Attributes a, Set<String> into) {
    into.add(TASK);
    if (a.assignee() != null && !a.assignee().isEmpty()) {
      into.add("a:" + a.assignee());
    }
    a.candidateGroups().forEach(g -> into.add("g:" + g));
    a.candidateUsers().forEach(u -> into.add("u:" + u));
  }

  /** The tags a job-worker user task is found by, from its job's headers. */
  static void userTaskTags(Map<String, String> headers, Set<String> into) {
    into.add(TASK);
    String assignee = headers.get(JobBehavior.HEADER_ASSIGNEE);
    if (assignee != null && !assignee.isEmpty()) {
      into.add("a:" + assignee);
    }
    for (String group : list(headers.get(JobBehavior.HEADER_CANDIDATE_GROUPS))) {
      into.add("g:" + group);
    }
    for (String user : list(headers.get(JobBehavior.HEADER_CANDIDATE_USERS))) {
      into.add("u:" + user);
    }
  }

  /** A header holding a JSON list of strings. */
  static List<String> list(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    Object parsed = Json.parseObject("{\"v\":" + json + "}").get("v");
    List<String> out = new ArrayList<>();
    if (parsed instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  /** The indexes the history lookups use, on the log collection. */
  public static void ensureIndexes(MongoCollection<Document> log) {
    try {
      log.createIndex(Indexes.ascending(PROCESS_INSTANCES));
      log.createIndex(Indexes.ascending(USER_TASKS));
      log.createIndex(Indexes.ascending(DEPLOYED));
      log.createIndex(Indexes.ascending(STARTED_PROCESSES));
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(HistoryIndex.class).warn("could not create the history indexes: {}",
          e.toString());
    }
  }
}
