package dev.modelgate.engine.log;

import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.event.EngineEvent.CalledInstanceLinked;
import dev.modelgate.engine.event.EngineEvent.CommandRejected;
import dev.modelgate.engine.event.EngineEvent.DecisionDeployed;
import dev.modelgate.engine.event.EngineEvent.DecisionEvaluated;
import dev.modelgate.engine.event.EngineEvent.DecisionRequirementsDeployed;
import dev.modelgate.engine.event.EngineEvent.DeployedDecisionsBound;
import dev.modelgate.engine.event.EngineEvent.DeploymentCreated;
import dev.modelgate.engine.event.EngineEvent.ElementActivated;
import dev.modelgate.engine.event.EngineEvent.ElementActivating;
import dev.modelgate.engine.event.EngineEvent.ElementActivationRetried;
import dev.modelgate.engine.event.EngineEvent.ElementCompleted;
import dev.modelgate.engine.event.EngineEvent.ElementCompleting;
import dev.modelgate.engine.event.EngineEvent.ElementTerminated;
import dev.modelgate.engine.event.EngineEvent.ElementTerminating;
import dev.modelgate.engine.event.EngineEvent.EventVariablesConsumed;
import dev.modelgate.engine.event.EngineEvent.SignalBroadcast;
import dev.modelgate.engine.event.EngineEvent.SignalSubscriptionCreated;
import dev.modelgate.engine.event.EngineEvent.SignalSubscriptionDeleted;
import dev.modelgate.engine.event.EngineEvent.SignalSubscriptionTriggered;
import dev.modelgate.engine.event.EngineEvent.IncidentCreated;
import dev.modelgate.engine.event.EngineEvent.IncidentResolved;
import dev.modelgate.engine.event.EngineEvent.JobActivated;
import dev.modelgate.engine.event.EngineEvent.JobCanceled;
import dev.modelgate.engine.event.EngineEvent.JobCompleted;
import dev.modelgate.engine.event.EngineEvent.JobCreated;
import dev.modelgate.engine.event.EngineEvent.ExecutionListenerDone;
import dev.modelgate.engine.event.EngineEvent.ExecutionListenersStarted;
import dev.modelgate.engine.event.EngineEvent.UserTaskCanceled;
import dev.modelgate.engine.event.EngineEvent.UserTaskCanceling;
import dev.modelgate.engine.event.EngineEvent.UserTaskCompleted;
import dev.modelgate.engine.event.EngineEvent.UserTaskCreating;
import dev.modelgate.engine.event.EngineEvent.UserTaskListenerDone;
import dev.modelgate.engine.event.EngineEvent.UserTaskTransitionDenied;
import dev.modelgate.engine.event.EngineEvent.UserTaskTransitionFinished;
import dev.modelgate.engine.event.EngineEvent.UserTaskTransitionRetried;
import dev.modelgate.engine.event.EngineEvent.UserTaskTransitionStarted;
import dev.modelgate.engine.model.ListenerEventType;
import dev.modelgate.engine.state.Job;
import dev.modelgate.engine.state.UserTask;
import dev.modelgate.engine.event.EngineEvent.JobErrorThrown;
import dev.modelgate.engine.event.EngineEvent.JobFailed;
import dev.modelgate.engine.event.EngineEvent.JobRecurred;
import dev.modelgate.engine.event.EngineEvent.JobRetriesUpdated;
import dev.modelgate.engine.event.EngineEvent.JobTimedOut;
import dev.modelgate.engine.event.EngineEvent.JobTimeoutUpdated;
import dev.modelgate.engine.event.EngineEvent.JoinTokensCleared;
import dev.modelgate.engine.event.EngineEvent.JoinTokensConsumed;
import dev.modelgate.engine.event.EngineEvent.MessageCorrelated;
import dev.modelgate.engine.event.EngineEvent.MessageExpired;
import dev.modelgate.engine.event.EngineEvent.MessagePublished;
import dev.modelgate.engine.event.EngineEvent.MessageStartRegistered;
import dev.modelgate.engine.event.EngineEvent.MessageSubscriptionCorrelated;
import dev.modelgate.engine.event.EngineEvent.MessageSubscriptionCreated;
import dev.modelgate.engine.event.EngineEvent.MessageSubscriptionDeleted;
import dev.modelgate.engine.event.EngineEvent.MultiInstanceStarted;
import dev.modelgate.engine.event.EngineEvent.ProcessDeployed;
import dev.modelgate.engine.event.EngineEvent.SequenceFlowTaken;
import dev.modelgate.engine.event.EngineEvent.TimerCanceled;
import dev.modelgate.engine.event.EngineEvent.TimerCreated;
import dev.modelgate.engine.event.EngineEvent.TimerTriggered;
import dev.modelgate.engine.event.EngineEvent.VariableDocumentUpdated;
import dev.modelgate.engine.event.EngineEvent.VariableSet;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import dev.modelgate.engine.util.Headers;
import dev.modelgate.engine.util.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event log's binary format: a batch of records as one blob, so that a log write is one document
 * however many records it holds, and encoding allocates no BSON per record.
 *
 * <pre>
 * blob   = "MGE1" count:int firstPosition:long record*      (the records' positions are consecutive)
 * record = timestampDelta:long processInstanceKey:long kind:byte fields…  (fields per kind)
 * long   = varint of: -1 → 0, a key (≥ 2^51) → (key − 2^51) · 4 + 1, other 0 ≤ n < 2^60 → n · 4 + 2,
 *          anything else → 3 followed by the 8 bytes
 * int    = zig-zag varint
 * string = length:int (-1 = null) UTF-8 bytes
 * value  = tag:byte …   (null, true, false, long, double, string, list, map; what variables hold)
 * </pre>
 *
 * Keys, -1 and small numbers take 1–4 bytes, so a record costs about 30 bytes (a service-task
 * completion about 12 records).
 *
 * Kind numbers are part of the format: a new event kind gets a new number, an old number is never reused.
 */
public final class RecordCodec {
  private static final int MAGIC = 0x4D474531; // "MGE1"
  private static final long KEY_BASE = dev.modelgate.engine.state.EngineState.KEY_BASE;
  /** Below this a key offset or a number takes the short form. */
  private static final long SMALL = 1L << 60;

  private RecordCodec() {}

  public static byte[] encode(List<LoggedRecord> records) {
    Out out = new Out(64 + records.size() * 48);
    out.fixed32(MAGIC);
    out.i32(records.size());
    out.i64(records.isEmpty() ? 0 : records.get(0).position());
    long previousTime = 0;
    long expected = records.isEmpty() ? 0 : records.get(0).position();
    for (LoggedRecord r : records) {
      if (r.position() != expected++) {
        throw new IllegalArgumentException("the positions of one blob's records must be consecutive");
      }
      out.i64(r.timestamp() - previousTime);
      previousTime = r.timestamp();
      out.i64(r.processInstanceKey());
      write(out, r.event());
    }
    return out.bytes();
  }

  public static List<LoggedRecord> decode(byte[] blob) {
    In in = new In(blob);
    if (in.fixed32() != MAGIC) {
      throw new IllegalArgumentException("not an event log blob");
    }
    int count = in.i32();
    long position = in.i64();
    long timestamp = 0;
    List<LoggedRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      timestamp += in.i64();
      long processInstanceKey = in.i64();
      records.add(new LoggedRecord(position++, timestamp, processInstanceKey, read(in)));
    }
    return records;
  }

  private static void write(Out o, EngineEvent event) {
    switch (event) {
      case ProcessDeployed e -> {
        o.kind(1).i64(e.key()).str(e.bpmnProcessId()).i32(e.version()).str(e.resourceName()).str(e.digest());
        o.blob(e.resource());
      }
      case DeploymentCreated e -> o.kind(2).i64(e.key());
      case ElementActivating e -> {
        o.kind(3).i64(e.key()).i64(e.processInstanceKey()).i64(e.parentKey()).i64(e.processDefinitionKey())
            .str(e.elementId()).bool(e.multiInstanceBody()).i64(e.callingInstanceKey()).i32(e.loopCounter());
        o.value(e.eventVariables());
      }
      case ElementActivationRetried e -> o.kind(4).i64(e.key());
      case ElementActivated e -> o.kind(5).i64(e.key());
      case ElementCompleting e -> o.kind(6).i64(e.key());
      case ElementCompleted e -> o.kind(7).i64(e.key());
      case ElementTerminating e -> o.kind(8).i64(e.key());
      case ElementTerminated e -> o.kind(9).i64(e.key());
      case SequenceFlowTaken e -> o.kind(10).i64(e.scopeKey()).i64(e.processInstanceKey()).str(e.flowId())
          .str(e.targetId()).bool(e.joining());
      case JoinTokensConsumed e -> o.kind(11).i64(e.scopeKey()).str(e.gatewayId());
      case JoinTokensCleared e -> o.kind(12).i64(e.scopeKey());
      case CalledInstanceLinked e -> o.kind(13).i64(e.key()).i64(e.calledInstanceKey());
      case EventVariablesConsumed e -> o.kind(14).i64(e.key());
      case MultiInstanceStarted e -> o.kind(15).i64(e.key()).value(e.inputCollection());
      case MessageStartRegistered e -> o.kind(16).i64(e.key()).str(e.uniquenessKey());
      case VariableSet e -> o.kind(17).i64(e.scopeKey()).i64(e.processInstanceKey()).str(e.name()).value(e.value());
      case VariableDocumentUpdated e -> o.kind(18).i64(e.key()).i64(e.scopeKey());
      case JobCreated e when e.kind() != Job.Kind.BPMN_ELEMENT -> {
        o.kind(41).i64(e.key()).str(e.type()).i64(e.elementInstanceKey()).i64(e.processInstanceKey())
            .str(e.bpmnProcessId()).i32(e.processDefinitionVersion()).i64(e.processDefinitionKey()).str(e.elementId());
        o.value(e.customHeaders()).i32(e.retries());
        o.str(e.kind().name()).str(e.listenerEventType() == null ? null : e.listenerEventType().name())
            .i64(e.userTaskKey());
      }
      case JobCreated e -> {
        o.kind(19).i64(e.key()).str(e.type()).i64(e.elementInstanceKey()).i64(e.processInstanceKey())
            .str(e.bpmnProcessId()).i32(e.processDefinitionVersion()).i64(e.processDefinitionKey()).str(e.elementId());
        o.value(e.customHeaders()).i32(e.retries());
      }
      case JobActivated e -> o.kind(20).i64(e.key()).str(e.worker()).i64(e.deadline());
      case JobCompleted e -> o.kind(21).i64(e.key());
      case JobFailed e -> o.kind(22).i64(e.key()).i32(e.retries()).str(e.errorMessage()).i64(e.recurAt());
      case JobErrorThrown e -> o.kind(23).i64(e.key()).str(e.errorMessage());
      case JobRetriesUpdated e -> o.kind(24).i64(e.key()).i32(e.retries());
      case JobTimeoutUpdated e -> o.kind(25).i64(e.key()).i64(e.deadline());
      case JobTimedOut e -> o.kind(26).i64(e.key());
      case JobRecurred e -> o.kind(27).i64(e.key());
      case JobCanceled e -> o.kind(28).i64(e.key());
      case TimerCreated e -> o.kind(29).i64(e.key()).i64(e.elementInstanceKey()).i64(e.processDefinitionKey())
          .str(e.targetElementId()).i64(e.due()).i32(e.repetitions()).str(e.interval());
      case TimerTriggered e -> o.kind(30).i64(e.key());
      case TimerCanceled e -> o.kind(31).i64(e.key());
      case MessageSubscriptionCreated e -> o.kind(32).i64(e.key()).i64(e.elementInstanceKey())
          .i64(e.processInstanceKey()).str(e.messageName()).str(e.correlationKey()).str(e.targetElementId())
          .bool(e.interrupting());
      case MessageSubscriptionCorrelated e -> o.kind(33).i64(e.key()).bool(e.interrupting());
      case MessageSubscriptionDeleted e -> o.kind(34).i64(e.key());
      case MessagePublished e -> {
        o.kind(35).i64(e.key()).str(e.name()).str(e.correlationKey()).str(e.messageId()).value(e.variables())
            .i64(e.expiresAt());
        o.i32(e.correlatedProcessInstances().size());
        for (long pi : e.correlatedProcessInstances()) {
          o.i64(pi);
        }
      }
      case MessageCorrelated e -> o.kind(36).i64(e.key()).i64(e.processInstanceKey());
      case MessageExpired e -> o.kind(37).i64(e.key());
      case IncidentCreated e -> o.kind(38).i64(e.key()).str(e.type().name()).str(e.message())
          .i64(e.processInstanceKey()).i64(e.elementInstanceKey()).i64(e.jobKey()).str(e.retry().name());
      case IncidentResolved e -> o.kind(39).i64(e.key());
      case CommandRejected e -> o.kind(40).str(e.command()).str(e.rejectionType()).str(e.reason());
      // listeners and user tasks: kinds 41–49 and 70–72 (50–53 are the decisions')
      case ExecutionListenersStarted e -> o.kind(42).i64(e.key()).str(e.startEventId());
      case ExecutionListenerDone e -> o.kind(43).i64(e.key());
      case UserTaskCreating e -> userTask(o.kind(44), e.task());
      case UserTaskTransitionStarted e -> transition(o.kind(45).i64(e.key()).str(e.state().name()), e.transition());
      case UserTaskListenerDone e -> attributes(o.kind(46).i64(e.key()), e.proposed());
      case UserTaskTransitionRetried e -> o.kind(47).i64(e.key());
      case UserTaskTransitionFinished e -> o.kind(48).i64(e.key());
      case UserTaskTransitionDenied e -> o.kind(49).i64(e.key()).str(e.reason());
      case UserTaskCompleted e -> o.kind(70).i64(e.key());
      case UserTaskCanceling e -> o.kind(71).i64(e.key()).value(e.cancelingJobTypes());
      case UserTaskCanceled e -> o.kind(72).i64(e.key());
      // signals take kinds from 60 on, apart from the kinds other features add after 40
      case SignalSubscriptionCreated e -> o.kind(60).i64(e.key()).i64(e.elementInstanceKey())
          .i64(e.processInstanceKey()).str(e.signalName()).str(e.targetElementId()).bool(e.interrupting());
      case SignalSubscriptionTriggered e -> o.kind(61).i64(e.key()).bool(e.interrupting());
      case SignalSubscriptionDeleted e -> o.kind(62).i64(e.key());
      case SignalBroadcast e -> o.kind(63).i64(e.key()).str(e.signalName()).value(e.variables());
      // decisions: numbered from 50, apart from the kinds other features add after 40
      case DecisionRequirementsDeployed e -> {
        o.kind(50).i64(e.key()).str(e.drgId()).str(e.name()).i32(e.version()).str(e.resourceName()).str(e.digest());
        o.blob(e.resource());
      }
      case DecisionDeployed e -> o.kind(51).i64(e.key()).str(e.decisionId()).str(e.name()).i32(e.version())
          .i64(e.decisionRequirementsKey()).str(e.drgId());
      case DeployedDecisionsBound e -> o.kind(52).i64(e.key()).value(e.decisionKeysById());
      case DecisionEvaluated e -> o.kind(53).i64(e.key()).i64(e.decisionKey()).str(e.decisionId())
          .i32(e.decisionVersion()).i64(e.decisionRequirementsKey()).i64(e.processInstanceKey())
          .i64(e.elementInstanceKey()).value(e.output()).str(e.failedDecisionId()).str(e.failureMessage());
      // compensation kinds start at 90, clear of the kinds other features add after 40
      case EngineEvent.CompensationSubscriptionCreated e -> o.kind(90).i64(e.key()).i64(e.processInstanceKey())
          .i64(e.scopeKey()).i64(e.activityInstanceKey()).str(e.activityId()).str(e.handlerId()).value(e.variables());
      case EngineEvent.CompensationSubscriptionTriggered e -> o.kind(91).i64(e.key()).i64(e.throwEventKey())
          .i64(e.handlerInstanceKey());
      case EngineEvent.CompensationSubscriptionDeleted e -> o.kind(92).i64(e.key());
    }
  }

  @SuppressWarnings("unchecked")
  private static EngineEvent read(In i) {
    int kind = i.u8();
    return switch (kind) {
      case 1 -> new ProcessDeployed(i.i64(), i.str(), i.i32(), i.str(), i.str(), i.blob(), null);
      case 2 -> new DeploymentCreated(i.i64());
      case 3 -> new ElementActivating(i.i64(), i.i64(), i.i64(), i.i64(), i.str(), i.bool(), i.i64(), i.i32(),
          (Map<String, Object>) i.value());
      case 4 -> new ElementActivationRetried(i.i64());
      case 5 -> new ElementActivated(i.i64());
      case 6 -> new ElementCompleting(i.i64());
      case 7 -> new ElementCompleted(i.i64());
      case 8 -> new ElementTerminating(i.i64());
      case 9 -> new ElementTerminated(i.i64());
      case 10 -> new SequenceFlowTaken(i.i64(), i.i64(), i.str(), i.str(), i.bool());
      case 11 -> new JoinTokensConsumed(i.i64(), i.str());
      case 12 -> new JoinTokensCleared(i.i64());
      case 13 -> new CalledInstanceLinked(i.i64(), i.i64());
      case 14 -> new EventVariablesConsumed(i.i64());
      case 15 -> new MultiInstanceStarted(i.i64(), (List<Object>) i.value());
      case 16 -> new MessageStartRegistered(i.i64(), i.str());
      case 17 -> new VariableSet(i.i64(), i.i64(), i.str(), i.value());
      case 18 -> new VariableDocumentUpdated(i.i64(), i.i64());
      case 19 -> {
        long key = i.i64();
        String type = i.str();
        long ei = i.i64();
        long pi = i.i64();
        String pid = i.str();
        int version = i.i32();
        long def = i.i64();
        String el = i.str();
        Map<String, String> headers = new LinkedHashMap<>();
        ((Map<String, Object>) i.value()).forEach((k, v) -> headers.put(k, String.valueOf(v)));
        yield new JobCreated(key, type, ei, pi, pid, version, def, el, Map.copyOf(headers), i.i32());
      }
      case 20 -> new JobActivated(i.i64(), i.str(), i.i64());
      case 21 -> new JobCompleted(i.i64());
      case 22 -> new JobFailed(i.i64(), i.i32(), i.str(), i.i64());
      case 23 -> new JobErrorThrown(i.i64(), i.str());
      case 24 -> new JobRetriesUpdated(i.i64(), i.i32());
      case 25 -> new JobTimeoutUpdated(i.i64(), i.i64());
      case 26 -> new JobTimedOut(i.i64());
      case 27 -> new JobRecurred(i.i64());
      case 28 -> new JobCanceled(i.i64());
      case 29 -> new TimerCreated(i.i64(), i.i64(), i.i64(), i.str(), i.i64(), i.i32(), i.str());
      case 30 -> new TimerTriggered(i.i64());
      case 31 -> new TimerCanceled(i.i64());
      case 32 -> new MessageSubscriptionCreated(i.i64(), i.i64(), i.i64(), i.str(), i.str(), i.str(), i.bool());
      case 33 -> new MessageSubscriptionCorrelated(i.i64(), i.bool());
      case 34 -> new MessageSubscriptionDeleted(i.i64());
      case 35 -> {
        long key = i.i64();
        String name = i.str();
        String ck = i.str();
        String id = i.str();
        Map<String, Object> vars = (Map<String, Object>) i.value();
        long expires = i.i64();
        int n = i.i32();
        Set<Long> correlated = new LinkedHashSet<>();
        for (int k = 0; k < n; k++) {
          correlated.add(i.i64());
        }
        yield new MessagePublished(key, name, ck, id, vars, expires, correlated);
      }
      case 36 -> new MessageCorrelated(i.i64(), i.i64());
      case 37 -> new MessageExpired(i.i64());
      case 38 -> new IncidentCreated(i.i64(), IncidentType.valueOf(i.str()), i.str(), i.i64(), i.i64(), i.i64(),
          RetryStep.valueOf(i.str()));
      case 39 -> new IncidentResolved(i.i64());
      case 40 -> new CommandRejected(i.str(), i.str(), i.str());
      case 41 -> {
        long key = i.i64();
        String type = i.str();
        long ei = i.i64();
        long pi = i.i64();
        String pid = i.str();
        int version = i.i32();
        long def = i.i64();
        String el = i.str();
        Map<String, String> headers = new LinkedHashMap<>();
        ((Map<String, Object>) i.value()).forEach((k, v) -> headers.put(k, String.valueOf(v)));
        int retries = i.i32();
        Job.Kind jobKind = Job.Kind.valueOf(i.str());
        String listener = i.str();
        yield new JobCreated(key, type, ei, pi, pid, version, def, el, Map.copyOf(headers), retries, jobKind,
            listener == null ? null : ListenerEventType.valueOf(listener), i.i64());
      }
      case 42 -> new ExecutionListenersStarted(i.i64(), i.str());
      case 43 -> new ExecutionListenerDone(i.i64());
      case 44 -> new UserTaskCreating(userTask(i));
      case 45 -> new UserTaskTransitionStarted(i.i64(), UserTask.State.valueOf(i.str()), transition(i));
      case 46 -> new UserTaskListenerDone(i.i64(), attributes(i));
      case 47 -> new UserTaskTransitionRetried(i.i64());
      case 48 -> new UserTaskTransitionFinished(i.i64());
      case 49 -> new UserTaskTransitionDenied(i.i64(), i.str());
      case 70 -> new UserTaskCompleted(i.i64());
      case 71 -> new UserTaskCanceling(i.i64(), strings(i.value()));
      case 72 -> new UserTaskCanceled(i.i64());
      case 60 -> new SignalSubscriptionCreated(i.i64(), i.i64(), i.i64(), i.str(), i.str(), i.bool());
      case 61 -> new SignalSubscriptionTriggered(i.i64(), i.bool());
      case 62 -> new SignalSubscriptionDeleted(i.i64());
      case 63 -> new SignalBroadcast(i.i64(), i.str(), (Map<String, Object>) i.value());
      case 50 -> new DecisionRequirementsDeployed(i.i64(), i.str(), i.str(), i.i32(), i.str(), i.str(), i.blob(), null);
      case 51 -> new DecisionDeployed(i.i64(), i.str(), i.str(), i.i32(), i.i64(), i.str());
      case 52 -> {
        long key = i.i64();
        Map<String, Long> keys = new LinkedHashMap<>();
        ((Map<String, Object>) i.value()).forEach((k, v) -> keys.put(k, ((Number) v).longValue()));
        yield new DeployedDecisionsBound(key, keys);
      }
      case 53 -> new DecisionEvaluated(i.i64(), i.i64(), i.str(), i.i32(), i.i64(), i.i64(), i.i64(), i.value(), i.str(),
          i.str());
      case 90 -> new EngineEvent.CompensationSubscriptionCreated(i.i64(), i.i64(), i.i64(), i.i64(), i.str(), i.str(),
          (Map<String, Object>) i.value());
      case 91 -> new EngineEvent.CompensationSubscriptionTriggered(i.i64(), i.i64(), i.i64());
      case 92 -> new EngineEvent.CompensationSubscriptionDeleted(i.i64());
      default -> throw new IllegalArgumentException("unknown event kind " + kind + " in the log");
    };
  }

  // ------------------------------------------------------------------ user tasks

  private static void userTask(Out o, UserTask t) {
    o.i64(t.key()).i64(t.elementInstanceKey()).i64(t.processInstanceKey()).str(t.bpmnProcessId())
        .i32(t.processDefinitionVersion()).i64(t.processDefinitionKey()).str(t.elementId()).str(t.name())
        .str(t.state().name());
    attributes(o, t.attributes());
    o.str(t.formKey()).str(t.externalFormReference()).value(t.customHeaders()).i64(t.creationDate());
    transition(o, t.transition());
  }

  @SuppressWarnings("unchecked")
  private static UserTask userTask(In i) {
    long key = i.i64();
    long ei = i.i64();
    long pi = i.i64();
    String pid = i.str();
    int version = i.i32();
    long def = i.i64();
    String el = i.str();
    String name = i.str();
    UserTask.State state = UserTask.State.valueOf(i.str());
    UserTask.Attributes attributes = attributes(i);
    String formKey = i.str();
    String external = i.str();
    Map<String, String> headers = new LinkedHashMap<>();
    ((Map<String, Object>) i.value()).forEach((k, v) -> headers.put(k, String.valueOf(v)));
    long created = i.i64();
    return new UserTask(key, ei, pi, pid, version, def, el, name, state, attributes, formKey, external,
        Headers.sorted(headers), created, transition(i));
  }

  private static Out attributes(Out o, UserTask.Attributes a) {
    return o.str(a.assignee()).value(a.candidateGroups()).value(a.candidateUsers()).str(a.dueDate())
        .str(a.followUpDate()).i32(a.priority());
  }

  private static UserTask.Attributes attributes(In i) {
    return new UserTask.Attributes(i.str(), strings(i.value()), strings(i.value()), i.str(), i.str(), i.i32());
  }

  private static void transition(Out o, UserTask.Transition t) {
    o.bool(t != null);
    if (t != null) {
      o.str(t.event().name()).str(t.action());
      attributes(o, t.requested());
      attributes(o, t.proposed());
      o.i32(t.nextListener()).str(t.assignAfter()).str(t.variablesJson()).value(t.cancelingJobTypes())
          .bool(t.localVariables());
    }
  }

  private static UserTask.Transition transition(In i) {
    if (!i.bool()) {
      return null;
    }
    ListenerEventType event = ListenerEventType.valueOf(i.str());
    String action = i.str();
    UserTask.Attributes requested = attributes(i);
    UserTask.Attributes proposed = attributes(i);
    return new UserTask.Transition(event, action, requested, proposed, i.i32(), i.str(), i.str(), strings(i.value()),
        i.bool());
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) value) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  // ------------------------------------------------------------------ primitives

  private static final byte NULL = 0;
  private static final byte TRUE = 1;
  private static final byte FALSE = 2;
  private static final byte LONG = 3;
  private static final byte DOUBLE = 4;
  private static final byte STRING = 5;
  private static final byte LIST = 6;
  private static final byte MAP = 7;

  private static final class Out {
    private byte[] buf;
    private int len;

    Out(int capacity) {
      buf = new byte[capacity];
    }

    private void room(int n) {
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
    }

    Out kind(int k) {
      room(1);
      buf[len++] = (byte) k;
      return this;
    }

    Out bool(boolean b) {
      return kind(b ? 1 : 0);
    }

    Out fixed32(int v) {
      room(4);
      buf[len++] = (byte) (v >>> 24);
      buf[len++] = (byte) (v >>> 16);
      buf[len++] = (byte) (v >>> 8);
      buf[len++] = (byte) v;
      return this;
    }

    Out i32(int v) {
      return varint(((v << 1) ^ (v >> 31)) & 0xffffffffL);
    }

    Out i64(long v) {
      if (v == -1) {
        return varint(0);
      }
      if (v >= KEY_BASE && v - KEY_BASE < SMALL) {
        return varint(((v - KEY_BASE) << 2) | 1);
      }
      if (v >= 0 && v < SMALL) {
        return varint((v << 2) | 2);
      }
      return varint(3).bits(v); // anything else, at full width
    }

    /** Unsigned LEB128. */
    private Out varint(long u) {
      room(10);
      while ((u & ~0x7fL) != 0) {
        buf[len++] = (byte) ((u & 0x7f) | 0x80);
        u >>>= 7;
      }
      buf[len++] = (byte) u;
      return this;
    }

    /** A double's bits, fixed width. */
    Out bits(long v) {
      room(8);
      for (int s = 56; s >= 0; s -= 8) {
        buf[len++] = (byte) (v >>> s);
      }
      return this;
    }

    Out str(String s) {
      if (s == null) {
        return i32(-1);
      }
      return blob(s.getBytes(StandardCharsets.UTF_8));
    }

    Out blob(byte[] b) {
      i32(b.length);
      room(b.length);
      System.arraycopy(b, 0, buf, len, b.length);
      len += b.length;
      return this;
    }

    Out value(Object v) {
      switch (v) {
        case null -> kind(NULL);
        case Boolean b -> kind(b ? TRUE : FALSE);
        case Long l -> kind(LONG).i64(l);
        case Integer n -> kind(LONG).i64(n);
        case Double d -> kind(DOUBLE).bits(Double.doubleToRawLongBits(d));
        case String s -> kind(STRING).str(s);
        case Map<?, ?> m -> {
          kind(MAP).i32(m.size());
          for (Map.Entry<?, ?> e : m.entrySet()) {
            str(String.valueOf(e.getKey())).value(e.getValue());
          }
        }
        case List<?> l -> {
          kind(LIST).i32(l.size());
          for (Object x : l) {
            value(x);
          }
        }
        default -> value(Json.normalize(v)); // anything else a FEEL result may hold, as a plain value
      }
      return this;
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, len);
    }
  }

  private static final class In {
    private final byte[] buf;
    private int pos;

    In(byte[] buf) {
      this.buf = buf;
    }

    int u8() {
      return buf[pos++] & 0xff;
    }

    boolean bool() {
      return u8() != 0;
    }

    int fixed32() {
      int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
          | (buf[pos + 3] & 0xff);
      pos += 4;
      return v;
    }

    int i32() {
      int z = (int) varint();
      return (z >>> 1) ^ -(z & 1);
    }

    long i64() {
      long u = varint();
      return switch ((int) (u & 3)) {
        case 0 -> -1;
        case 1 -> (u >>> 2) + KEY_BASE;
        case 2 -> u >>> 2;
        default -> bits();
      };
    }

    private long varint() {
      long u = 0;
      int shift = 0;
      byte b;
      do {
        b = buf[pos++];
        u |= (long) (b & 0x7f) << shift;
        shift += 7;
      } while (b < 0);
      return u;
    }

    long bits() {
      long v = 0;
      for (int k = 0; k < 8; k++) {
        v = (v << 8) | (buf[pos++] & 0xff);
      }
      return v;
    }

    String str() {
      int n = i32();
      if (n < 0) {
        return null;
      }
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    byte[] blob() {
      int n = i32();
      byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return b;
    }

    Object value() {
      int tag = u8();
      return switch (tag) {
        case NULL -> null;
        case TRUE -> Boolean.TRUE;
        case FALSE -> Boolean.FALSE;
        case LONG -> i64();
        case DOUBLE -> Double.longBitsToDouble(bits());
        case STRING -> str();
        case LIST -> {
          int n = i32();
          List<Object> list = new ArrayList<>(n);
          for (int k = 0; k < n; k++) {
            list.add(value());
          }
          yield list;
        }
        case MAP -> {
          int n = i32();
          Map<String, Object> map = new LinkedHashMap<>();
          for (int k = 0; k < n; k++) {
            String key = str();
            map.put(key, value());
          }
          yield map;
        }
        default -> throw new IllegalArgumentException("unknown value tag " + tag + " in the log");
      };
    }
  }
}
