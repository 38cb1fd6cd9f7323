package dev.modelgate.engine.rest;

import dev.modelgate.engine.history.HistoryFilter.ElementInstanceFilter;
import dev.modelgate.engine.history.HistoryFilter.IncidentFilter;
import dev.modelgate.engine.history.HistoryFilter.JobFilter;
import dev.modelgate.engine.history.HistoryFilter.ProcessInstanceFilter;
import dev.modelgate.engine.history.HistoryFilter.UserTaskFilter;
import dev.modelgate.engine.history.HistoryFilter.VariableFilter;
import dev.modelgate.engine.history.HistoryQueries;
import dev.modelgate.engine.history.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The searches answered from the engine's exported history ({@link HistoryQueries}), as Camunda's
 * secondary storage answers them: running and ended process instances with their start and end dates,
 * element instances (the process instance itself included), the sequence flows an instance took,
 * variables with their keys, incidents (open and resolved) with their creation time. The history is the
 * event log, and a command is acknowledged only once its events are durable in it, so a search sees every
 * acknowledged command.
 *
 * <p>A filter on the process instance key (or, for process instances, the process id) lets the history
 * fold only that instance's records; the rest of the query is applied by {@link InMemorySearch} to the
 * folded views. The history reads MongoDB, so it runs on threads of its own, never on an event loop.
 */
public final class HistorySearches implements EngineQueries, AutoCloseable {
  /** Every view the history holds for the filter: the page is cut afterwards by {@link InMemorySearch}. */
  private static final PageRequest ALL = PageRequest.first(Integer.MAX_VALUE);

  private final HistoryQueries history;
  private final ExecutorService readers = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("modelgate-engine-history-", 0).factory());

  public HistorySearches(HistoryQueries history) {
    this.history = history;
  }

  @Override
  public CompletableFuture<SearchResult<ProcessInstanceView>> processInstances(SearchQuery query) {
    return read(() -> {
      Long key = keyFilter(query, "processInstanceKey");
      String processId = textFilter(query, "processDefinitionId");
      var found = history.searchProcessInstances(
          new ProcessInstanceFilter(key, key == null ? processId : null, null, null, null, null), ALL).items();
      Lineage lineage = new Lineage(found);
      List<ProcessInstanceView> views = new ArrayList<>();
      for (var p : found) {
        long parentInstance = lineage.processInstanceOf(p.parentElementInstanceKey());
        views.add(new ProcessInstanceView(p.processInstanceKey(), p.bpmnProcessId(), p.version(),
            p.processDefinitionKey(), p.state(), p.hasIncident(), parentInstance, p.parentElementInstanceKey(),
            lineage.root(p.processInstanceKey()), date(p.startDate()), date(p.endDate())));
      }
      return InMemorySearch.run(views, ProcessInstanceView.FIELDS, query);
    });
  }

  @Override
  public CompletableFuture<Optional<List<SequenceFlowView>>> sequenceFlows(long processInstanceKey) {
    return read(() -> {
      var instance = history.getProcessInstance(processInstanceKey);
      if (instance.isEmpty()) {
        return Optional.empty();
      }
      var p = instance.get();
      long root = new Lineage(List.of(p)).root(processInstanceKey);
      // Camunda keys a taken flow by instance and flow id: a flow taken again (a loop) is listed once
      Set<String> flows = new LinkedHashSet<>();
      history.sequenceFlows(processInstanceKey).forEach(f -> flows.add(f.sequenceFlowId()));
      List<SequenceFlowView> views = new ArrayList<>();
      for (String flow : flows) {
        views.add(new SequenceFlowView(flow, processInstanceKey, root, p.processDefinitionKey(), p.bpmnProcessId()));
      }
      return Optional.of(views);
    });
  }

  @Override
  public CompletableFuture<SearchResult<ElementInstanceView>> elementInstances(SearchQuery query) {
    return read(() -> {
      Long instance = keyFilter(query, "processInstanceKey");
      var found = history.searchElementInstances(new ElementInstanceFilter(instance, null, null, null, null), ALL)
          .items();
      Lineage lineage = new Lineage(instances(instance));
      List<ElementInstanceView> views = new ArrayList<>();
      for (var e : found) {
        views.add(new ElementInstanceView(e.elementInstanceKey(), e.processInstanceKey(),
            lineage.root(e.processInstanceKey()), e.processDefinitionKey(), e.bpmnProcessId(), e.elementId(), e.type(),
            e.state(), e.incidentKey() > 0, e.incidentKey(), e.flowScopeKey(), date(e.startDate()),
            date(e.endDate())));
      }
      return InMemorySearch.run(views, ElementInstanceView.FIELDS, query);
    });
  }

  @Override
  public CompletableFuture<SearchResult<VariableView>> variables(SearchQuery query) {
    return read(() -> {
      Long instance = keyFilter(query, "processInstanceKey");
      var found = history.searchVariables(new VariableFilter(instance, null, null), ALL).items();
      Lineage lineage = new Lineage(instances(instance));
      List<VariableView> views = new ArrayList<>();
      for (var v : found) {
        views.add(new VariableView(v.variableKey(), v.name(), v.value(), v.scopeKey(), v.processInstanceKey(),
            lineage.root(v.processInstanceKey())));
      }
      return InMemorySearch.run(views, VariableView.FIELDS, query);
    });
  }

  @Override
  public CompletableFuture<SearchResult<IncidentView>> incidents(SearchQuery query) {
    return read(() -> {
      Long instance = keyFilter(query, "processInstanceKey");
      var found = history.searchIncidents(new IncidentFilter(instance, null, null, null), ALL).items();
      Lineage lineage = new Lineage(instances(instance));
      List<IncidentView> views = new ArrayList<>();
      for (var x : found) {
        var p = lineage.instance(x.processInstanceKey());
        views.add(new IncidentView(x.incidentKey(), p == null ? null : p.bpmnProcessId(),
            p == null ? -1 : p.processDefinitionKey(), x.processInstanceKey(), lineage.root(x.processInstanceKey()),
            x.errorType(), x.errorMessage(), x.elementId(), x.elementInstanceKey(), x.jobKey(), x.state(),
            date(x.creationTime())));
      }
      return InMemorySearch.run(views, IncidentView.FIELDS, query);
    });
  }

  @Override
  public CompletableFuture<SearchResult<JobView>> jobs(SearchQuery query) {
    return read(() -> {
      Long instance = keyFilter(query, "processInstanceKey");
      var found = history.searchJobs(new JobFilter(instance, null, null, null), ALL).items();
      Lineage lineage = new Lineage(instances(instance));
      List<JobView> views = new ArrayList<>();
      for (var j : found) {
        views.add(new JobView(j.jobKey(), j.type(), j.worker() == null || j.worker().isEmpty() ? null : j.worker(),
            j.state(), j.retries(), j.deadline() < 0 ? null : Instant.ofEpochMilli(j.deadline()),
            j.errorMessage() == null || j.errorMessage().isEmpty() ? null : j.errorMessage(),
            j.customHeaders() == null ? Map.of() : j.customHeaders(), j.elementId(), j.elementInstanceKey(),
            j.bpmnProcessId(), j.processDefinitionKey(), j.processInstanceKey(),
            lineage.root(j.processInstanceKey())));
      }
      return InMemorySearch.run(views, JobView.FIELDS, query);
    });
  }

  @Override
  public CompletableFuture<SearchResult<UserTaskView>> userTasks(SearchQuery query) {
    return read(() -> {
      Long instance = keyFilter(query, "processInstanceKey");
      // narrows the history's candidates; the query itself is applied in full below
      var filter = new UserTaskFilter(null, null, textFilter(query, "candidateGroup"),
          textFilter(query, "candidateUser"), null, instance, null);
      Lineage lineage = new Lineage(instances(instance));
      List<UserTaskView> views = new ArrayList<>();
      for (var t : history.searchUserTasks(filter, ALL).items()) {
        if (!t.camundaUserTask()) {
          continue; // a job-worker user task is a job: Camunda's user-task search does not list it
        }
        var p = lineage.instance(t.processInstanceKey());
        views.add(new UserTaskView(t.userTaskKey(), null, t.state(), t.assignee(), t.elementId(),
            t.elementInstanceKey(), t.candidateGroups(), t.candidateUsers(), t.bpmnProcessId(),
            p == null ? -1 : p.version(), t.processDefinitionKey(), t.processInstanceKey(),
            lineage.root(t.processInstanceKey()), date(t.creationDate()), date(t.completionDate()),
            isoDate(t.dueDate()), isoDate(t.followUpDate()), t.priority(), t.customHeaders(), formKey(t.formKey()),
            null));
      }
      return InMemorySearch.run(views, UserTaskView.FIELDS, query);
    });
  }

  @Override
  public void close() {
    readers.shutdownNow();
  }

  private <T> CompletableFuture<T> read(Supplier<T> search) {
    return CompletableFuture.supplyAsync(search, readers);
  }

  /** The process instances the views of {@code instance} (null: of every instance) may refer to. */
  private List<dev.modelgate.engine.history.ProcessInstanceView> instances(Long instance) {
    return instance == null
        ? history.searchProcessInstances(ProcessInstanceFilter.any(), ALL).items()
        : history.getProcessInstance(instance).map(List::of).orElse(List.of());
  }

  /** The value of an equality condition on a key field, or null when the query has none. */
  private static Long keyFilter(SearchQuery query, String field) {
    for (SearchQuery.Condition c : query.filter()) {
      if (c.field().equals(field) && c.op() == SearchQuery.Op.EQ && c.value() instanceof Long key) {
        return key;
      }
    }
    return null;
  }

  private static String textFilter(SearchQuery query, String field) {
    for (SearchQuery.Condition c : query.filter()) {
      if (c.field().equals(field) && c.op() == SearchQuery.Op.EQ && c.value() instanceof String text) {
        return text;
      }
    }
    return null;
  }

  /**
   * Camunda's formKey is the key of a deployed form (a number); a form id or custom key the engine keeps
   * as text has no such key.
   */
  private static String formKey(String text) {
    return text != null && text.chars().allMatch(Character::isDigit) && !text.isEmpty() ? text : null;
  }

  /** A date the history keeps as ISO-8601 text (null when unset or not a date-time with an offset). */
  private static Instant isoDate(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static Instant date(long millis) {
    return millis < 0 ? null : Instant.ofEpochMilli(millis);
  }

  /**
   * Which process instance called which: the root of a chain of call activities and the instance a calling
   * element belongs to. Only instances started by a call activity need the whole history's element
   * instances (loaded once, on the first such question).
   */
  private final class Lineage {
    private final Map<Long, dev.modelgate.engine.history.ProcessInstanceView> instances = new HashMap<>();
    private Map<Long, Long> instanceOfElement;

    Lineage(List<dev.modelgate.engine.history.ProcessInstanceView> known) {
      known.forEach(p -> instances.put(p.processInstanceKey(), p));
    }

    dev.modelgate.engine.history.ProcessInstanceView instance(long processInstanceKey) {
      return instances.get(processInstanceKey);
    }

    /** The process instance of the element instance {@code elementInstanceKey}; -1 for none. */
    long processInstanceOf(long elementInstanceKey) {
      if (elementInstanceKey <= 0) {
        return -1;
      }
      loadAll();
      return instanceOfElement.getOrDefault(elementInstanceKey, -1L);
    }

    long root(long processInstanceKey) {
      long current = processInstanceKey;
      Set<Long> seen = new LinkedHashSet<>();
      while (seen.add(current)) {
        var p = instances.get(current);
        if (p == null || p.parentElementInstanceKey() <= 0) {
          return current;
        }
        long parent = processInstanceOf(p.parentElementInstanceKey());
        if (parent < 0) {
          return current;
        }
        current = parent;
      }
      return current;
    }

    private void loadAll() {
      if (instanceOfElement != null) {
        return;
      }
      instanceOfElement = new HashMap<>();
      history.searchProcessInstances(ProcessInstanceFilter.any(), ALL).items()
          .forEach(p -> instances.putIfAbsent(p.processInstanceKey(), p));
      history.searchElementInstances(new ElementInstanceFilter(null, null, null, null, null), ALL).items()
          .forEach(e -> instanceOfElement.put(e.elementInstanceKey(), e.processInstanceKey()));
    }
  }
}
