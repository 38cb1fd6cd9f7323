/**
 * The embedded workflow engine: speaks the Zeebe gateway gRPC protocol so that the Camunda client
 * cannot tell it from a Zeebe gateway, for the supported RPCs and BPMN elements. Entry point:
 * {@link dev.modelgate.engine.EmbeddedEngine}.
 *
 * <p>Layout (the shape of Zeebe's engine as its documentation describes it; no code taken from it):
 *
 * <ul>
 *   <li>{@code grpc} — the {@code Gateway} service: RPC → command, result → response, rejection →
 *       status (NOT_FOUND, INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS).
 *   <li>{@code rest} — the Orchestration Cluster REST API v2 subset: a route table per resource
 *       (parse → command or query → render), RFC 9457 problems, and searches as a checked
 *       {@code SearchQuery} answered by {@code EngineQueries} (over the exported history).
 *   <li>{@code processing} — commands, the single writer (batches, group commit, replies after the
 *       durability barrier), one processor per command kind ({@code processing/command}, in the table
 *       of {@code CommandProcessors}), the {@code StateWriter} through which processing changes state.
 *   <li>{@code event} — the events (what happened) and their appliers, one per event kind: the only
 *       code that changes state, while processing and on replay alike.
 *   <li>{@code history} — queries over the exported history (the log's documents and their index
 *       arrays), for the REST v2 search endpoints.
 *   <li>{@code bpmn} — one processor per element kind, in {@code task}, {@code gateway}, {@code
 *       event}, {@code container}, each with the hooks activate / complete / terminate.
 *   <li>{@code behavior} — shared behaviour: state transitions, variables, jobs, incidents, event
 *       subscriptions (timers, messages, signals), event sub-processes, errors and escalations (found
 *       from the thrower outwards), FEEL evaluation, timer schedules (ISO 8601 and cron), Camunda user
 *       tasks and their task listeners ({@code UserTaskBehavior}, the one class that writes user task
 *       events), execution listeners.
 *   <li>{@code model} — the executable model, transformed from {@code zeebe-bpmn-model}; the
 *       transformer refuses anything outside the supported set, naming each element and type.
 *   <li>{@code state} — the in-memory state, changed only by the appliers, on the writer thread.
 *   <li>{@code log} — the append-only event log (one document per written group of batches: its
 *       records as one blob, plus history index arrays) and snapshots, in MongoDB collections {@code
 *       engine_log} and {@code engine_snapshot}; the migration of an older version's command log.
 *   <li>{@code feel} — FEEL through {@code org.camunda.feel}; failures are values.
 *   <li>{@code dmn} — DMN decision requirements graphs: parsed at deployment, evaluated with Camunda's
 *       {@code dmn-engine} for business rule tasks and EvaluateDecision; the evaluator is reusable on its own.
 * </ul>
 *
 * <p>Camunda user tasks have no gRPC commands (the client sends assign, update and complete over REST):
 * {@link dev.modelgate.engine.UserTaskCommands} is what the REST routes call.
 *
 * <p>Recovery applies the logged events on top of the last snapshot and runs no processor, so a change
 * to processing cannot change what a restart recovers; processing is deterministic (ordered maps, keys
 * from a counter, time from the command) and every value an applier needs is in its event.
 */
package dev.modelgate.engine;
