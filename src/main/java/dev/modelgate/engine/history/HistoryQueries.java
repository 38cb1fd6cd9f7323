package dev.modelgate.engine.history;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.modelgate.engine.behavior.JobBehavior;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.history.HistoryFilter.ElementInstanceFilter;
import dev.modelgate.engine.history.HistoryFilter.IncidentFilter;
import dev.modelgate.engine.history.HistoryFilter.JobFilter;
import dev.modelgate.engine.history.HistoryFilter.ProcessInstanceFilter;
import dev.modelgate.engine.history.HistoryFilter.UserTaskFilter;
import dev.modelgate.engine.history.HistoryFilter.VariableFilter;
import dev.modelgate.engine.log.LoggedRecord;
import dev.modelgate.engine.log.RecordCodec;
import dev.modelgate.engine.model.Element;
import dev.modelgate.engine.model.ExecutableProcess;
import dev.modelgate.engine.model.ProcessTransformer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * Queries over the exported history, for the REST v2 search endpoints. The history is the event log's
 * documents (see {@link HistoryIndex}). A keyed query (process instance key, user task key) asks the
 * {@link HistoryCatalog} which documents name the instance, fetches just those by {@code _id}, decodes
 * their records and folds the instance ({@link InstanceHistory}); a process-instance, incident or
 * user-task search without an instance key filters, sorts and pages the catalog's summary rows. It reads
 * only what is durable, from any thread; it never touches the engine's in-memory state.
 *
 * <p>What still folds the whole retained history: element-instance, variable and job searches without a
 * process instance key (the API's callers give one).
 */
public final class HistoryQueries {
  private final MongoCollection<Document> log;
  private final Map<Long, InstanceHistory.Definition> definitions = new ConcurrentHashMap<>();
  private final HistoryCatalog catalog;

  public HistoryQueries(MongoDatabase database) {
    this.log = database.getCollection("engine_log");
    this.catalog = new HistoryCatalog(log, this::definition);
  }

  // ------------------------------------------------------------------ process instances

  public Optional<ProcessInstanceView> getProcessInstance(long processInstanceKey) {
    return Optional.ofNullable(foldInstance(processInstanceKey).instance());
  }

  /** By key: the instance's fold; else the summary rows (every field the filter and the sorts name). */
  public Page<ProcessInstanceView> searchProcessInstances(ProcessInstanceFilter f, PageRequest page) {
    Stream<ProcessInstanceView> candidates = f.processInstanceKey() != null
        ? Stream.ofNullable(foldInstance(f.processInstanceKey()).instance())
        : catalog.processInstances().stream();
    return page(candidates.filter(v -> matches(f, v)), page, PROCESS_INSTANCE_SORTS,
        Comparator.comparingLong(ProcessInstanceView::processInstanceKey));
  }

  private static boolean matches(ProcessInstanceFilter f, ProcessInstanceView v) {
    return HistoryFilter.matches(f.bpmnProcessId(), v.bpmnProcessId())
            && HistoryFilter.matches(f.processDefinitionKey(), v.processDefinitionKey())
            && HistoryFilter.matches(f.state(), v.state())
            && HistoryFilter.matches(f.parentElementInstanceKey(), v.parentElementInstanceKey())
            && HistoryFilter.matches(f.hasIncident(), v.hasIncident());
  }

  private static final Map<String, Comparator<ProcessInstanceView>> PROCESS_INSTANCE_SORTS = Map.of(
      "processInstanceKey", Comparator.comparingLong(ProcessInstanceView::processInstanceKey),
      "bpmnProcessId", Comparator.comparing(ProcessInstanceView::bpmnProcessId, Comparator.nullsFirst(String::compareTo)),
      "startDate", Comparator.comparingLong(ProcessInstanceView::startDate),
      "endDate", Comparator.comparingLong(ProcessInstanceView::endDate),
      "state", Comparator.comparing(ProcessInstanceView::state));

  // ------------------------------------------------------------------ element instances and flows

  public Page<ElementInstanceView> searchElementInstances(ElementInstanceFilter f, PageRequest page) {
    Stream<ElementInstanceView> views = instancesFor(f.processInstanceKey()).stream()
        .flatMap(h -> h.elements.values().stream())
        .filter(v -> HistoryFilter.matches(f.elementId(), v.elementId()) && HistoryFilter.matches(f.type(), v.type())
            && HistoryFilter.matches(f.state(), v.state()) && HistoryFilter.matches(f.elementInstanceKey(), v.elementInstanceKey()));
    return page(views, page, ELEMENT_SORTS, Comparator.comparingLong(ElementInstanceView::elementInstanceKey));
  }

  private static final Map<String, Comparator<ElementInstanceView>> ELEMENT_SORTS = Map.of(
      "elementInstanceKey", Comparator.comparingLong(ElementInstanceView::elementInstanceKey),
      "elementId", Comparator.comparing(ElementInstanceView::elementId),
      "startDate", Comparator.comparingLong(ElementInstanceView::startDate),
      "endDate", Comparator.comparingLong(ElementInstanceView::endDate),
      "state", Comparator.comparing(ElementInstanceView::state),
      "type", Comparator.comparing(ElementInstanceView::type));

  /** The sequence flows the instance took, in the order it took them. */
  public List<SequenceFlowView> sequenceFlows(long processInstanceKey) {
    return List.copyOf(foldInstance(processInstanceKey).flows);
  }

  // ------------------------------------------------------------------ variables, incidents, jobs

  public Page<VariableView> searchVariables(VariableFilter f, PageRequest page) {
    Stream<VariableView> views = instancesFor(f.processInstanceKey()).stream()
        .flatMap(h -> h.variables.values().stream())
        .filter(v -> HistoryFilter.matches(f.scopeKey(), v.scopeKey()) && HistoryFilter.matches(f.name(), v.name()));
    return page(views, page, VARIABLE_SORTS, Comparator.comparingLong(VariableView::variableKey));
  }

  private static final Map<String, Comparator<VariableView>> VARIABLE_SORTS = Map.of(
      "variableKey", Comparator.comparingLong(VariableView::variableKey),
      "name", Comparator.comparing(VariableView::name),
      "scopeKey", Comparator.comparingLong(VariableView::scopeKey));

  public Page<IncidentView> searchIncidents(IncidentFilter f, PageRequest page) {
    // by instance: its fold; else the summary rows, which are the folded views
    Stream<IncidentView> views = (f.processInstanceKey() == null ? catalog.incidents().stream()
        : foldInstance(f.processInstanceKey()).incidents.values().stream())
        .filter(v -> HistoryFilter.matches(f.state(), v.state()) && HistoryFilter.matches(f.errorType(), v.errorType())
            && HistoryFilter.matches(f.elementInstanceKey(), v.elementInstanceKey()));
    return page(views, page, INCIDENT_SORTS, Comparator.comparingLong(IncidentView::incidentKey));
  }

  private static final Map<String, Comparator<IncidentView>> INCIDENT_SORTS = Map.of(
      "incidentKey", Comparator.comparingLong(IncidentView::incidentKey),
      "creationTime", Comparator.comparingLong(IncidentView::creationTime),
      "state", Comparator.comparing(IncidentView::state));

  public Page<JobView> searchJobs(JobFilter f, PageRequest page) {
    Stream<JobView> views = instancesFor(f.processInstanceKey()).stream()
        .flatMap(h -> h.jobs.values().stream())
        .filter(v -> HistoryFilter.matches(f.type(), v.type()) && HistoryFilter.matches(f.state(), v.state())
            && HistoryFilter.matches(f.elementInstanceKey(), v.elementInstanceKey()));
    return page(views, page, JOB_SORTS, Comparator.comparingLong(JobView::jobKey));
  }

  private static final Map<String, Comparator<JobView>> JOB_SORTS = Map.of(
      "jobKey", Comparator.comparingLong(JobView::jobKey),
      "type", Comparator.comparing(JobView::type),
      "state", Comparator.comparing(JobView::state));

  // ------------------------------------------------------------------ user tasks

  public Optional<UserTaskView> getUserTask(long userTaskKey) {
    long[] pi = {-1};
    forRecords(catalog.documentsTagged(HistoryIndex.TASK), r -> {
      if (r.event() instanceof EngineEvent.JobCreated e && e.key() == userTaskKey) {
        pi[0] = e.processInstanceKey();
      } else if (r.event() instanceof EngineEvent.UserTaskCreating e && e.key() == userTaskKey) {
        pi[0] = e.task().processInstanceKey();
      }
    });
    return pi[0] < 0 ? Optional.empty() : Optional.ofNullable(foldInstance(pi[0]).userTasks.get(userTaskKey));
  }

  /**
   * User tasks (job-worker and Camunda user tasks) by state, assignee, candidate group or user, process,
   * instance, element. A Camunda user task's state is its lifecycle state (CREATING, CREATED, ASSIGNING,
   * UPDATING, COMPLETING, CANCELING, COMPLETED, CANCELED); a job-worker task's is CREATED, COMPLETED or
   * CANCELED. The candidates
   * come from the documents tagged with the most selective tag the filter gives (candidate group,
   * candidate user, assignee at creation, else every user task); their instances are folded for the
   * current state of each task.
   */
  public Page<UserTaskView> searchUserTasks(UserTaskFilter f, PageRequest page) {
    // Camunda user tasks are not in the catalog's summary rows yet: fold the instances the tags name
    Set<Long> instances = new LinkedHashSet<>();
    if (f.processInstanceKey() != null) {
      instances.add(f.processInstanceKey());
    } else {
      String tag = f.candidateGroup() != null ? "g:" + f.candidateGroup()
          : f.candidateUser() != null ? "u:" + f.candidateUser() : HistoryIndex.TASK;
      forRecords(catalog.documentsTagged(tag), r -> {
        if (r.event() instanceof EngineEvent.JobCreated e && JobBehavior.USER_TASK_TYPE.equals(e.type())) {
          instances.add(e.processInstanceKey());
        } else if (isCamundaUserTaskEvent(r.event()) && r.processInstanceKey() >= 0) {
          instances.add(r.processInstanceKey()); // a tag may come from a later change of the task
        }
      });
    }
    Stream<UserTaskView> views = fold(instances).stream().flatMap(h -> h.userTasks.values().stream())
        .filter(v -> HistoryFilter.matches(f.state(), v.state()) && HistoryFilter.matches(f.assignee(), v.assignee())
            && (f.candidateGroup() == null || v.candidateGroups().contains(f.candidateGroup()))
            && (f.candidateUser() == null || v.candidateUsers().contains(f.candidateUser()))
            && HistoryFilter.matches(f.bpmnProcessId(), v.bpmnProcessId())
            && HistoryFilter.matches(f.processInstanceKey(), v.processInstanceKey())
            && HistoryFilter.matches(f.elementId(), v.elementId()));
    return page(views, page, USER_TASK_SORTS, Comparator.comparingLong(UserTaskView::userTaskKey));
  }


  private static boolean isCamundaUserTaskEvent(EngineEvent event) {
    return event instanceof EngineEvent.UserTaskCreating || event instanceof EngineEvent.UserTaskTransitionStarted
        || event instanceof EngineEvent.UserTaskListenerDone;
  }

  private static final Map<String, Comparator<UserTaskView>> USER_TASK_SORTS = Map.of(
      "userTaskKey", Comparator.comparingLong(UserTaskView::userTaskKey),
      "creationDate", Comparator.comparingLong(UserTaskView::creationDate),
      "completionDate", Comparator.comparingLong(UserTaskView::completionDate),
      "priority", Comparator.comparingInt(UserTaskView::priority),
      "dueDate", Comparator.comparing(UserTaskView::dueDate, Comparator.nullsLast(String::compareTo)),
      "followUpDate", Comparator.comparing(UserTaskView::followUpDate, Comparator.nullsLast(String::compareTo)));

  // ------------------------------------------------------------------ folding

  private Collection<InstanceHistory> instancesFor(Long processInstanceKey) {
    return processInstanceKey == null ? foldAll() : List.of(foldInstance(processInstanceKey));
  }

  private InstanceHistory foldInstance(long processInstanceKey) {
    InstanceHistory h = new InstanceHistory(processInstanceKey, this::definition);
    forRecords(catalog.documentsOfInstance(processInstanceKey), r -> {
      if (r.processInstanceKey() == processInstanceKey) {
        h.apply(r);
      }
    });
    return h;
  }

  private Collection<InstanceHistory> fold(Set<Long> processInstanceKeys) {
    if (processInstanceKeys.isEmpty()) {
      return List.of();
    }
    Map<Long, InstanceHistory> out = new LinkedHashMap<>();
    for (long key : processInstanceKeys) {
      out.put(key, new InstanceHistory(key, this::definition));
    }
    forRecords(catalog.documentsOfInstances(processInstanceKeys), r -> {
      InstanceHistory h = out.get(r.processInstanceKey());
      if (h != null) {
        h.apply(r);
      }
    });
    return out.values();
  }

  private Collection<InstanceHistory> foldAll() {
    Map<Long, InstanceHistory> out = new LinkedHashMap<>();
    forRecords(Filters.exists("f"), r -> {
      if (r.processInstanceKey() >= 0) {
        out.computeIfAbsent(r.processInstanceKey(), k -> new InstanceHistory(k, this::definition)).apply(r);
      }
    });
    return out.values();
  }

  /** The records of the event log documents with these sequences, in log order (fetched by {@code _id}). */
  private void forRecords(List<Long> seqs, java.util.function.Consumer<LoggedRecord> consumer) {
    List<Document> found = new ArrayList<>();
    for (int i = 0; i < seqs.size(); i += FETCH_CHUNK) {
      log.find(Filters.in("_id", seqs.subList(i, Math.min(seqs.size(), i + FETCH_CHUNK)))).into(found);
    }
    consume(found, consumer);
  }

  private static final int FETCH_CHUNK = 500;

  /** The records of the event log documents matching {@code docs}, in log order. */
  private void forRecords(Bson docs, java.util.function.Consumer<LoggedRecord> consumer) {
    List<Document> found = new ArrayList<>();
    log.find(Filters.and(Filters.exists("f"), docs)).into(found);
    consume(found, consumer);
  }

  private static void consume(List<Document> found, java.util.function.Consumer<LoggedRecord> consumer) {
    found.sort(Comparator.comparingLong(d -> ((Number) d.get("_id")).longValue()));
    for (Document d : found) {
      for (LoggedRecord r : RecordCodec.decode(d.get("b", Binary.class).getData())) {
        consumer.accept(r);
      }
    }
  }

  private InstanceHistory.Definition definition(long key) {
    InstanceHistory.Definition d = definitions.get(key);
    if (d == null) {
      loadDefinitions();
      d = definitions.get(key);
    }
    return d;
  }

  private void loadDefinitions() {
    forRecords(catalog.deploymentDocuments(), r -> {
      if (r.event() instanceof EngineEvent.ProcessDeployed e && !definitions.containsKey(e.key())) {
        definitions.put(e.key(), new InstanceHistory.Definition(e.bpmnProcessId(), e.version(), elementTypes(e)));
      }
    });
  }

  private static Map<String, String> elementTypes(EngineEvent.ProcessDeployed e) {
    Map<String, String> types = new HashMap<>();
    if (ProcessTransformer.transform(e.resourceName(), e.resource()) instanceof ProcessTransformer.Outcome.Transformed t) {
      for (ExecutableProcess p : t.processes()) {
        if (p.bpmnProcessId().equals(e.bpmnProcessId())) {
          for (Element el : p.elements().values()) {
            types.put(el.id(), el.kind().name());
          }
        }
      }
    }
    return types;
  }

  private static <T> Page<T> page(Stream<T> views, PageRequest page, Map<String, Comparator<T>> sorts,
      Comparator<T> byKey) {
    Comparator<T> order = page.sortBy() == null ? byKey : sorts.get(page.sortBy());
    if (order == null) {
      throw new IllegalArgumentException("cannot sort by '" + page.sortBy() + "'; one of " + sorts.keySet());
    }
    if (page.descending()) {
      order = order.reversed();
    }
    List<T> all = views.sorted(order.thenComparing(byKey)).toList();
    int from = Math.min(page.from(), all.size());
    return new Page<>(all.subList(from, Math.min(all.size(), from + page.limit())), all.size());
  }

}
