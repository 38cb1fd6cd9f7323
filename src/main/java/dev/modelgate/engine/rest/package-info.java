/**
 * The embedded engine's Orchestration Cluster REST API (v2): the subset of Camunda 8.8/8.9's published
 * OpenAPI document that the engine supports, so that the Camunda client with {@code preferRestOverGrpc(true)}
 * (or any HTTP client written against that document) works unchanged. Entry point:
 * {@link dev.modelgate.engine.rest.EngineRestServer}, started and stopped by the engine beside its gRPC
 * gateway.
 *
 * <ul>
 *   <li>Routes: one class per resource ({@code ProcessInstanceRoutes}, {@code JobRoutes}, ...) with a table of
 *       {@link dev.modelgate.engine.rest.RestRoute} rows; a handler parses with
 *       {@link dev.modelgate.engine.rest.JsonFields} (every bad field is a 400 naming it), hands a command
 *       to the writer through {@link dev.modelgate.engine.rest.EngineCalls} and renders the answer.
 *   <li>Searches: {@link dev.modelgate.engine.rest.SearchQuery} is the parsed, checked request against a
 *       resource's {@link dev.modelgate.engine.rest.SearchFields}; {@link dev.modelgate.engine.rest.EngineQueries}
 *       answers it ({@link dev.modelgate.engine.rest.HistorySearches} from the exported history, through
 *       {@link dev.modelgate.engine.rest.InMemorySearch}, the one place of filtering, sorting and paging).
 *   <li>Seams for what other parts of the engine provide: {@link dev.modelgate.engine.rest.UserTaskActions}
 *       (Camunda user tasks) and {@link dev.modelgate.engine.rest.SignalBroadcasts} (signals, filled by the
 *       engine's BroadcastSignal command).
 * </ul>
 */
package dev.modelgate.engine.rest;
