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
 *       {@code SearchQuery} answered by {@code EngineQueries} (today over the live state).
 *   <li>{@code processing} — commands, the single writer (batches, group commit, replies after the
 *       durability barrier), the command processor (one method per command).
 *   <li>{@code bpmn} — one processor per element kind, in {@code task}, {@code gateway}, {@code
 *       event}, {@code container}, each with the hooks activate / complete / terminate.
 *   <li>{@code behavior} — shared behaviour: state transitions, variables, jobs, incidents, event
 *       subscriptions (timers, messages), errors, FEEL evaluation, timer schedules.
 *   <li>{@code model} — the executable model, transformed from {@code zeebe-bpmn-model}; the
 *       transformer refuses anything outside the supported set, naming each element and type.
 *   <li>{@code state} — the in-memory state, touched only by the writer.
 *   <li>{@code log} — the append-only log (one document per written group of batches) and
 *       snapshots, in MongoDB collections {@code engine_log} and {@code engine_snapshot}.
 *   <li>{@code feel} — FEEL through {@code org.camunda.feel}; failures are values.
 * </ul>
 *
 * <p>Recovery replays logged commands at their recorded time on top of the last snapshot;
 * processing is deterministic (ordered maps, keys from a counter, time from the command).
 */
package dev.modelgate.engine;
