package dev.modelgate.engine.rest;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the REST API's searches read: the engine's records, filtered, sorted and paged by an already checked
 * {@link SearchQuery}. {@link HistorySearches} answers them from the exported history (running and ended
 * records alike), as Camunda's secondary storage does.
 */
public interface EngineQueries {
  CompletableFuture<SearchResult<ProcessInstanceView>> processInstances(SearchQuery query);

  /** The flows the instance has taken; empty when no such instance is known. */
  CompletableFuture<Optional<List<SequenceFlowView>>> sequenceFlows(long processInstanceKey);

  CompletableFuture<SearchResult<ElementInstanceView>> elementInstances(SearchQuery query);

  CompletableFuture<SearchResult<VariableView>> variables(SearchQuery query);

  CompletableFuture<SearchResult<IncidentView>> incidents(SearchQuery query);

  CompletableFuture<SearchResult<UserTaskView>> userTasks(SearchQuery query);

  CompletableFuture<SearchResult<JobView>> jobs(SearchQuery query);
}
