package dev.modelgate.engine.history;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.modelgate.engine.behavior.JobBehavior;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.log.LoggedRecord;
import dev.modelgate.engine.log.RecordCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * What the history searches know without reading the log: which log documents name a process instance,
 * a started process id, a user-task tag or a deployment (so a keyed lookup fetches those documents by
 * {@code _id}, the one index every store has), and a small summary row per process instance, incident
 * and user task (so a search without a key filters, sorts and pages rows instead of folding the log).
 *
 * <p>Both are projections of the log, caught up before every query from the documents after the last
 * one seen ({@code _id} greater than it): a query sees every document written before it started, so
 * every acknowledged command (read-your-writes). The key index reads only the documents' index arrays;
 * the summaries decode each document's records once, and only when a search without a key first needs
 * them. When documents disappear (history retention, a migrated command log) both are rebuilt.
 */
final class HistoryCatalog {
  private final MongoCollection<Document> log;
  private final LongFunction<InstanceHistory.Definition> definitions;

  // the key index: key → the sequences of the documents naming it, ascending
  private boolean scanned;
  private long indexedSeq;
  private long indexedDocuments;
  private final Map<Long, List<Long>> byInstance = new HashMap<>();
  private final Map<String, List<Long>> byStartedProcess = new HashMap<>();
  private final Map<String, List<Long>> byUserTaskTag = new HashMap<>();
  private final List<Long> deployments = new ArrayList<>();

  // the summaries: rows folded from the records of the documents indexed, but for those in unsummarized
  private List<Long> unsummarized = new ArrayList<>();
  /** The element id of each active element instance (what an incident names; bounded by the live state). */
  private final Map<Long, String> activeElements = new HashMap<>();
  private final Map<Long, InstanceRow> instances = new HashMap<>();
  private final Map<Long, IncidentView> incidents = new HashMap<>();
  private final Map<Long, UserTaskView> userTasks = new HashMap<>();

  HistoryCatalog(MongoCollection<Document> log, LongFunction<InstanceHistory.Definition> definitions) {
    this.log = log;
    this.definitions = definitions;
  }

  // ------------------------------------------------------------------ the key index

  synchronized List<Long> documentsOfInstance(long processInstanceKey) {
    catchUpIndex();
    return List.copyOf(byInstance.getOrDefault(processInstanceKey, List.of()));
  }

  synchronized List<Long> documentsOfInstances(Collection<Long> processInstanceKeys) {
    catchUpIndex();
    List<Long> out = new ArrayList<>();
    for (long key : processInstanceKeys) {
      out.addAll(byInstance.getOrDefault(key, List.of()));
    }
    return out;
  }

  synchronized List<Long> documentsStarting(String bpmnProcessId) {
    catchUpIndex();
    return List.copyOf(byStartedProcess.getOrDefault(bpmnProcessId, List.of()));
  }

  synchronized List<Long> documentsTagged(String userTaskTag) {
    catchUpIndex();
    return List.copyOf(byUserTaskTag.getOrDefault(userTaskTag, List.of()));
  }

  synchronized List<Long> deploymentDocuments() {
    catchUpIndex();
    return List.copyOf(deployments);
  }

  private void catchUpIndex() {
    if (log.estimatedDocumentCount() < indexedDocuments) {
      rebuild(); // documents went (retention): entries naming them would fetch nothing, rows would outlive them
    }
    if (!scanned) {
      // at start, and after documents went: the whole log's index arrays once (retention leaves gaps)
      List<Document> all = new ArrayList<>();
      log.find().projection(INDEX_FIELDS).into(all);
      index(all);
      scanned = true;
    }
    // then the next documents by their _id (sequences are consecutive): a range on _id is a scan in the embedded store
    int window = PROBE;
    while (true) {
      List<Long> ids = new ArrayList<>(window);
      for (long s = indexedSeq + 1; s <= indexedSeq + window; s++) {
        ids.add(s);
      }
      List<Document> found = new ArrayList<>();
      log.find(Filters.in("_id", ids)).projection(INDEX_FIELDS).into(found);
      index(found);
      if (found.size() < window) {
        return;
      }
      window = Math.min(window * 2, MAX_PROBE);
    }
  }

  /** Documents looked for at once after the last one seen; doubled while they are all there (at start). */
  private static final int PROBE = 16;
  private static final org.bson.conversions.Bson INDEX_FIELDS = Projections.include("f",
      HistoryIndex.PROCESS_INSTANCES, HistoryIndex.STARTED_PROCESSES, HistoryIndex.USER_TASKS, HistoryIndex.DEPLOYED);
  private static final int MAX_PROBE = 2048;

  private void index(List<Document> found) {
    found.sort(java.util.Comparator.comparingLong(d -> ((Number) d.get("_id")).longValue()));
    for (Document d : found) {
      long seq = ((Number) d.get("_id")).longValue();
      indexedSeq = Math.max(indexedSeq, seq);
      indexedDocuments++;
      if (d.get("f") == null) {
        continue; // an older version's command log: no history in it
      }
      unsummarized.add(seq);
      for (Object pi : d.getList(HistoryIndex.PROCESS_INSTANCES, Object.class, List.of())) {
        byInstance.computeIfAbsent(((Number) pi).longValue(), k -> new ArrayList<>(4)).add(seq);
      }
      for (String pid : d.getList(HistoryIndex.STARTED_PROCESSES, String.class, List.of())) {
        byStartedProcess.computeIfAbsent(pid, k -> new ArrayList<>()).add(seq);
      }
      for (String tag : d.getList(HistoryIndex.USER_TASKS, String.class, List.of())) {
        byUserTaskTag.computeIfAbsent(tag, k -> new ArrayList<>()).add(seq);
      }
      if (Boolean.TRUE.equals(d.get(HistoryIndex.DEPLOYED))) {
        deployments.add(seq);
      }
    }
  }

  private void rebuild() {
    scanned = false;
    indexedSeq = 0;
    indexedDocuments = 0;
    byInstance.clear();
    byStartedProcess.clear();
    byUserTaskTag.clear();
    deployments.clear();
    unsummarized = new ArrayList<>();
    activeElements.clear();
    instances.clear();
    incidents.clear();
    userTasks.clear();
  }

  // ------------------------------------------------------------------ the summaries

  /** Every process instance whose start is in the history. */
  List<ProcessInstanceView> processInstances() {
    List<ProcessInstanceView> rows;
    synchronized (this) {
      catchUpSummaries();
      rows = new ArrayList<>(instances.size());
      for (InstanceRow row : instances.values()) {
        rows.add(row.view(null));
      }
    }
    // the definitions outside the lock: resolving one may read the deployments (and so catch up again)
    Map<Long, InstanceHistory.Definition> defs = new HashMap<>();
    List<ProcessInstanceView> out = new ArrayList<>(rows.size());
    for (ProcessInstanceView v : rows) {
      InstanceHistory.Definition def = defs.computeIfAbsent(v.processDefinitionKey(), definitions::apply);
      out.add(def == null ? v : new ProcessInstanceView(v.processInstanceKey(), def.bpmnProcessId(), def.version(),
          v.processDefinitionKey(), v.state(), v.startDate(), v.endDate(), v.parentElementInstanceKey(),
          v.hasIncident()));
    }
    return out;
  }

  /** Every incident, as the history folds it. */
  synchronized List<IncidentView> incidents() {
    catchUpSummaries();
    return List.copyOf(incidents.values());
  }

  /** Every user task, as the history folds it. */
  synchronized List<UserTaskView> userTasks() {
    catchUpSummaries();
    return List.copyOf(userTasks.values());
  }

  synchronized UserTaskView userTask(long userTaskKey) {
    catchUpSummaries();
    return userTasks.get(userTaskKey);
  }

  private void catchUpSummaries() {
    catchUpIndex(); // the documents to summarize are those it found
    if (unsummarized.isEmpty()) {
      return;
    }
    List<Document> found = new ArrayList<>();
    for (int i = 0; i < unsummarized.size(); i += MAX_PROBE) {
      log.find(Filters.in("_id", unsummarized.subList(i, Math.min(unsummarized.size(), i + MAX_PROBE))))
          .projection(Projections.include("b")).into(found);
    }
    found.sort(java.util.Comparator.comparingLong(d -> ((Number) d.get("_id")).longValue()));
    for (Document d : found) {
      for (LoggedRecord r : RecordCodec.decode(d.get("b", Binary.class).getData())) {
        summarize(r);
      }
    }
    unsummarized = new ArrayList<>();
  }

  /** The rows one record changes; the same transitions {@link InstanceHistory} folds, for the summary fields. */
  private void summarize(LoggedRecord r) {
    long ts = r.timestamp();
    switch (r.event()) {
      case EngineEvent.ElementActivating e -> {
        activeElements.put(e.key(), e.elementId());
        if (e.parentKey() < 0) {
          instances.put(e.key(), new InstanceRow(e.key(), e.processDefinitionKey(), e.elementId(), ts,
              e.callingInstanceKey()));
        }
      }
      case EngineEvent.ElementCompleted e -> ended(e.key(), "COMPLETED", ts);
      case EngineEvent.ElementTerminated e -> ended(e.key(), "TERMINATED", ts);
      case EngineEvent.IncidentCreated e -> {
        incidents.put(e.key(), new IncidentView(e.key(), e.type().name(), e.message(), e.processInstanceKey(),
            e.elementInstanceKey(), activeElements.get(e.elementInstanceKey()), e.jobKey(), "ACTIVE", ts));
        InstanceRow row = instances.get(e.processInstanceKey());
        if (row != null) {
          row.activeIncidents++;
        }
      }
      case EngineEvent.IncidentResolved e -> {
        IncidentView i = incidents.get(e.key());
        if (i != null && i.state().equals("ACTIVE")) {
          incidents.put(e.key(), new IncidentView(i.incidentKey(), i.errorType(), i.errorMessage(),
              i.processInstanceKey(), i.elementInstanceKey(), i.elementId(), i.jobKey(), "RESOLVED", i.creationTime()));
          InstanceRow row = instances.get(i.processInstanceKey());
          if (row != null) {
            row.activeIncidents--;
          }
        }
      }
      case EngineEvent.JobCreated e when JobBehavior.USER_TASK_TYPE.equals(e.type()) ->
          userTasks.put(e.key(), InstanceHistory.userTask(e, ts));
      case EngineEvent.JobCompleted e -> userTaskEnded(e.key(), "COMPLETED", ts);
      case EngineEvent.JobCanceled e -> userTaskEnded(e.key(), "CANCELED", ts);
      // the slot for Camunda user tasks: their own events change the rows here as they fold in InstanceHistory
      default -> { }
    }
  }

  private void ended(long key, String state, long ts) {
    activeElements.remove(key);
    InstanceRow row = instances.get(key);
    if (row != null) {
      row.state = state;
      row.endDate = ts;
    }
  }

  private void userTaskEnded(long key, String state, long ts) {
    UserTaskView t = userTasks.get(key);
    if (t != null) {
      userTasks.put(key, InstanceHistory.ended(t, state, ts));
    }
  }

  /** A process instance's summary; its process id and version resolve from the definition when read. */
  private static final class InstanceRow {
    final long key;
    final long processDefinitionKey;
    final String elementId;
    final long startDate;
    final long parentElementInstanceKey;
    String state = "ACTIVE";
    long endDate = -1;
    int activeIncidents;

    InstanceRow(long key, long processDefinitionKey, String elementId, long startDate, long parentElementInstanceKey) {
      this.key = key;
      this.processDefinitionKey = processDefinitionKey;
      this.elementId = elementId;
      this.startDate = startDate;
      this.parentElementInstanceKey = parentElementInstanceKey;
    }

    ProcessInstanceView view(InstanceHistory.Definition def) {
      return new ProcessInstanceView(key, def == null ? elementId : def.bpmnProcessId(), def == null ? -1 : def.version(),
          processDefinitionKey, state, startDate, endDate, parentElementInstanceKey, activeIncidents > 0);
    }
  }
}
