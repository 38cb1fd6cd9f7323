package dev.modelgate.engine.log;

import dev.modelgate.engine.behavior.TimerSchedule;
import dev.modelgate.engine.dmn.DmnResource;
import dev.modelgate.engine.model.ExecutableProcess;
import dev.modelgate.engine.model.ProcessTransformer;
import dev.modelgate.engine.state.BufferedMessage;
import dev.modelgate.engine.state.Decision;
import dev.modelgate.engine.state.DecisionRequirements;
import dev.modelgate.engine.state.CompensationSubscription;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.Incident;
import dev.modelgate.engine.state.Job;
import dev.modelgate.engine.state.LifecycleState;
import dev.modelgate.engine.state.MessageSubscription;
import dev.modelgate.engine.state.ProcessDefinition;
import dev.modelgate.engine.state.SignalSubscription;
import dev.modelgate.engine.state.Timer;
import dev.modelgate.engine.state.UserTask;
import dev.modelgate.engine.model.ListenerEventType;
import dev.modelgate.engine.util.Headers;
import dev.modelgate.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Writes the whole engine state as one document and reads it back. Variables travel as JSON
 * text, so that any variable name is safe in the store. Orders that matter for replay (message
 * subscriptions, buffered messages, activatable jobs) are kept.
 */
public final class SnapshotCodec {
  private SnapshotCodec() {}

  public static Document write(EngineState s) {
    Document d = new Document("nextKey", s.peekNextKey()).append("lastPosition", s.lastPosition());
    List<Document> defs = new ArrayList<>();
    for (ProcessDefinition p : s.definitions.values()) {
      defs.add(new Document("key", p.key()).append("pid", p.bpmnProcessId()).append("version", p.version())
          .append("name", p.resourceName()).append("digest", p.digest()).append("resource", new Binary(p.resource())));
    }
    d.append("definitions", defs);
    List<Document> instances = new ArrayList<>();
    for (ElementInstance i : s.instances.values()) {
      instances.add(instance(i));
    }
    d.append("instances", instances);
    List<Document> jobs = new ArrayList<>();
    for (Job j : s.jobs.values()) {
      jobs.add(new Document("key", j.key).append("type", j.type).append("ei", j.elementInstanceKey)
          .append("pi", j.processInstanceKey).append("pid", j.bpmnProcessId).append("ver", j.processDefinitionVersion)
          .append("def", j.processDefinitionKey).append("el", j.elementId).append("headers", Json.write(j.customHeaders))
          .append("retries", j.retries).append("state", j.state.name()).append("worker", j.worker)
          .append("deadline", j.deadline).append("recurAt", j.recurAt).append("error", j.errorMessage)
          .append("kind", j.kind.name()).append("listener", j.listenerEventType == null ? null : j.listenerEventType.name())
          .append("ut", j.userTaskKey));
    }
    d.append("jobs", jobs);
    List<Long> activatable = new ArrayList<>();
    s.activatableJobsByType.values().forEach(activatable::addAll);
    d.append("activatable", activatable);
    List<Document> timers = new ArrayList<>();
    for (Timer t : s.timers.values()) {
      timers.add(new Document("key", t.key()).append("ei", t.elementInstanceKey()).append("def", t.processDefinitionKey())
          .append("el", t.targetElementId()).append("due", t.schedule().due())
          .append("reps", t.schedule().repetitions()).append("interval", t.schedule().interval()));
    }
    d.append("timers", timers);
    List<Document> subs = new ArrayList<>();
    for (LinkedHashSet<Long> keys : s.subscriptionsByMessage.values()) {
      for (long key : keys) {
        MessageSubscription m = s.subscriptions.get(key);
        subs.add(new Document("key", m.key()).append("ei", m.elementInstanceKey()).append("pi", m.processInstanceKey())
            .append("name", m.messageName()).append("ck", m.correlationKey()).append("el", m.targetElementId())
            .append("interrupting", m.interrupting()));
      }
    }
    d.append("subscriptions", subs);
    List<Document> messages = new ArrayList<>();
    for (LinkedHashSet<Long> keys : s.messagesByNameAndKey.values()) {
      for (long key : keys) {
        BufferedMessage m = s.messages.get(key);
        messages.add(new Document("key", m.key()).append("name", m.name()).append("ck", m.correlationKey())
            .append("id", m.messageId()).append("vars", Json.write(m.variables())).append("expires", m.expiresAt())
            .append("correlated", new ArrayList<>(m.correlatedProcessInstances())));
      }
    }
    d.append("messages", messages);
    List<Document> started = new ArrayList<>();
    s.messageStartedInstances.forEach((k, v) -> started.add(new Document("k", k).append("pi", v)));
    d.append("messageStarted", started);
    List<Document> incidents = new ArrayList<>();
    for (Incident i : s.incidents.values()) {
      incidents.add(new Document("key", i.key()).append("type", i.type().name()).append("msg", i.message())
          .append("pi", i.processInstanceKey()).append("ei", i.elementInstanceKey()).append("job", i.jobKey())
          .append("retry", i.retry().name()));
    }
    d.append("incidents", incidents);
    List<Document> userTasks = new ArrayList<>();
    for (UserTask t : s.userTasks.values()) {
      userTasks.add(userTask(t));
    }
    d.append("userTasks", userTasks);
    List<Document> signals = new ArrayList<>();
    for (LinkedHashSet<Long> keys : s.signalSubscriptionsByName.values()) {
      for (long key : keys) {
        SignalSubscription g = s.signalSubscriptions.get(key);
        signals.add(new Document("key", g.key()).append("ei", g.elementInstanceKey()).append("pi", g.processInstanceKey())
            .append("name", g.signalName()).append("el", g.targetElementId()).append("interrupting", g.interrupting()));
      }
    }
    d.append("signals", signals);
    writeDecisions(d, s);
    List<Document> compensations = new ArrayList<>();
    for (CompensationSubscription c : s.compensations.values()) {
      compensations.add(new Document("key", c.key).append("pi", c.processInstanceKey).append("scope", c.scopeKey)
          .append("ai", c.activityInstanceKey).append("el", c.activityId).append("handler", c.handlerId)
          .append("vars", Json.write(c.variables)).append("throw", c.throwEventKey)
          .append("hi", c.handlerInstanceKey));
    }
    d.append("compensations", compensations);
    return d;
  }

  private static Document instance(ElementInstance i) {
    List<Document> tokens = new ArrayList<>();
    i.joinTokens.forEach((gw, flows) -> flows.forEach((flow, n) ->
        tokens.add(new Document("gw", gw).append("flow", flow).append("n", n))));
    Document d = new Document("key", i.key).append("pi", i.processInstanceKey).append("parent", i.parentKey)
        .append("def", i.definition.key()).append("el", i.element.id()).append("body", i.multiInstanceBody)
        .append("state", i.state.name()).append("vars", Json.write(i.variables))
        .append("children", new ArrayList<>(i.children)).append("tokens", tokens).append("job", i.jobKey)
        .append("timers", new ArrayList<>(i.timerKeys)).append("subs", new ArrayList<>(i.subscriptionKeys))
        .append("called", i.calledInstanceKey).append("calling", i.callingInstanceKey).append("loop", i.loopCounter)
        .append("next", i.nextIndex).append("done", i.completedInstances).append("term", i.terminatedInstances)
        .append("incident", i.incidentKey).append("msgStart", i.messageStartKey)
        .append("li", i.listenerIndex).append("ut", i.userTaskKey).append("startEvent", i.startEventId);
    if (i.inputCollection != null) {
      d.append("input", Json.write(Map.of("v", i.inputCollection)));
    }
    return d;
  }

  /** DRG versions with their DMN resource (parsed again on read) and the decision versions of each. */
  private static void writeDecisions(Document d, EngineState s) {
    List<Document> drgs = new ArrayList<>();
    for (DecisionRequirements r : s.decisionRequirements.values()) {
      List<Document> decisions = new ArrayList<>();
      for (Decision x : s.decisions.values()) {
        if (x.decisionRequirementsKey() == r.key()) {
          decisions.add(new Document("key", x.key()).append("id", x.decisionId()).append("name", x.name())
              .append("version", x.version()));
        }
      }
      drgs.add(new Document("key", r.key()).append("id", r.drgId()).append("name", r.name())
          .append("version", r.version()).append("resourceName", r.resourceName()).append("digest", r.digest())
          .append("resource", new Binary(r.resource())).append("decisions", decisions));
    }
    d.append("decisionRequirements", drgs);
    List<Document> bindings = new ArrayList<>();
    s.decisionsDeployedWith.forEach((process, keys) -> {
      List<Document> decisions = new ArrayList<>();
      keys.forEach((id, key) -> decisions.add(new Document("id", id).append("key", key)));
      bindings.add(new Document("process", process).append("decisions", decisions));
    });
    d.append("decisionBindings", bindings);
  }

  private static void readDecisions(Document d, EngineState s) {
    for (Document r : d.getList("decisionRequirements", Document.class, List.of())) {
      byte[] resource = r.get("resource", Binary.class).getData();
      String name = r.getString("resourceName");
      if (!(DmnResource.parse(name, resource) instanceof DmnResource.Outcome.Parsed parsed)) {
        throw new IllegalStateException("cannot restore decision requirements " + r.getString("id"));
      }
      DecisionRequirements drg = new DecisionRequirements(num(r, "key"), r.getString("id"), r.getString("name"),
          (int) num(r, "version"), name, r.getString("digest"), resource, parsed.drg());
      s.addDecisionRequirements(drg);
      for (Document x : r.getList("decisions", Document.class)) {
        s.addDecision(new Decision(num(x, "key"), x.getString("id"), x.getString("name"), (int) num(x, "version"),
            drg.key(), drg.drgId()));
      }
    }
    for (Document b : d.getList("decisionBindings", Document.class, List.of())) {
      Map<String, Long> keys = new LinkedHashMap<>();
      for (Document x : b.getList("decisions", Document.class)) {
        keys.put(x.getString("id"), num(x, "key"));
      }
      s.bindDeployedDecisions(num(b, "process"), keys);
    }
  }

  public static void read(Document d, EngineState s) {
    s.setNextKey(num(d, "nextKey"));
    if (d.get("lastPosition") != null) { // snapshots of the command log have none
      s.setLastPosition(num(d, "lastPosition"));
    }
    readDecisions(d, s);
    for (Document p : d.getList("definitions", Document.class)) {
      byte[] resource = p.get("resource", Binary.class).getData();
      String pid = p.getString("pid");
      ExecutableProcess process = null;
      if (ProcessTransformer.transform(p.getString("name"), resource)
          instanceof ProcessTransformer.Outcome.Transformed t) {
        process = t.processes().stream().filter(x -> x.bpmnProcessId().equals(pid)).findFirst().orElse(null);
      }
      if (process == null) {
        throw new IllegalStateException("cannot restore process definition " + pid);
      }
      s.addDefinition(new ProcessDefinition(num(p, "key"), pid, (int) num(p, "version"), p.getString("name"),
          p.getString("digest"), resource, process));
    }
    for (Document x : d.getList("instances", Document.class)) {
      ProcessDefinition def = s.definitions.get(num(x, "def"));
      ElementInstance i = new ElementInstance(num(x, "key"), num(x, "pi"), num(x, "parent"), def,
          def.process().element(x.getString("el")), x.getBoolean("body"));
      i.state = LifecycleState.valueOf(x.getString("state"));
      i.variables.putAll(Json.parseObject(x.getString("vars")));
      longs(x, "children").forEach(i.children::add);
      for (Document t : x.getList("tokens", Document.class)) {
        i.joinTokens.computeIfAbsent(t.getString("gw"), k -> new LinkedHashMap<>())
            .put(t.getString("flow"), (int) num(t, "n"));
      }
      i.jobKey = num(x, "job");
      i.timerKeys.addAll(longs(x, "timers"));
      i.subscriptionKeys.addAll(longs(x, "subs"));
      i.calledInstanceKey = num(x, "called");
      i.callingInstanceKey = num(x, "calling");
      i.loopCounter = (int) num(x, "loop");
      i.nextIndex = (int) num(x, "next");
      i.completedInstances = (int) num(x, "done");
      i.terminatedInstances = (int) num(x, "term");
      i.incidentKey = num(x, "incident");
      i.messageStartKey = x.getString("msgStart");
      i.listenerIndex = x.get("li") == null ? 0 : (int) num(x, "li");
      i.userTaskKey = x.get("ut") == null ? -1 : num(x, "ut");
      i.startEventId = x.getString("startEvent");
      if (x.getString("input") != null) {
        @SuppressWarnings("unchecked")
        List<Object> input = (List<Object>) Json.parseObject(x.getString("input")).get("v");
        i.inputCollection = new ArrayList<>(input);
      }
      s.instances.put(i.key, i);
    }
    Map<Long, Job> activatableJobs = new LinkedHashMap<>();
    for (Document x : d.getList("jobs", Document.class)) {
      Map<String, String> headers = new LinkedHashMap<>();
      Json.parseObject(x.getString("headers")).forEach((k, v) -> headers.put(k, String.valueOf(v)));
      Job j = new Job(num(x, "key"), x.getString("type"), num(x, "ei"), num(x, "pi"), x.getString("pid"),
          (int) num(x, "ver"), num(x, "def"), x.getString("el"), Headers.sorted(headers), (int) num(x, "retries"));
      j.state = Job.State.FAILED; // nothing scheduled yet
      j.worker = x.getString("worker");
      j.errorMessage = x.getString("error");
      if (x.getString("kind") != null) { // snapshots written before listeners had no job kinds
        j.kind = Job.Kind.valueOf(x.getString("kind"));
        j.listenerEventType = x.getString("listener") == null ? null : ListenerEventType.valueOf(x.getString("listener"));
        j.userTaskKey = num(x, "ut");
      }
      s.jobs.put(j.key, j);
      Job.State state = Job.State.valueOf(x.getString("state"));
      switch (state) {
        case ACTIVATABLE -> activatableJobs.put(j.key, j);
        case ACTIVATED -> s.activate(j, j.worker, num(x, "deadline"));
        case BACKOFF -> s.backoff(j, num(x, "recurAt"));
        default -> {
          j.state = state;
          j.deadline = num(x, "deadline"); // kept from the last activation, as in the running engine
          j.recurAt = num(x, "recurAt");
        }
      }
    }
    for (long key : longs(d, "activatable")) {
      Job j = activatableJobs.get(key);
      if (j != null) {
        s.makeActivatable(j);
      }
    }
    for (Document x : d.getList("timers", Document.class)) {
      s.addTimer(new Timer(num(x, "key"), num(x, "ei"), num(x, "def"), x.getString("el"),
          new TimerSchedule(num(x, "due"), (int) num(x, "reps"), x.getString("interval"))));
    }
    for (Document x : d.getList("subscriptions", Document.class)) {
      s.addSubscription(new MessageSubscription(num(x, "key"), num(x, "ei"), num(x, "pi"), x.getString("name"),
          x.getString("ck"), x.getString("el"), x.getBoolean("interrupting")));
    }
    for (Document x : d.getList("messages", Document.class)) {
      s.addMessage(new BufferedMessage(num(x, "key"), x.getString("name"), x.getString("ck"), x.getString("id"),
          Json.parseObject(x.getString("vars")), num(x, "expires"), new LinkedHashSet<>(longs(x, "correlated"))));
    }
    for (Document x : d.getList("messageStarted", Document.class)) {
      s.messageStartedInstances.put(x.getString("k"), num(x, "pi"));
    }
    for (Document x : d.getList("incidents", Document.class)) {
      s.incidents.put(num(x, "key"), new Incident(num(x, "key"), Incident.IncidentType.valueOf(x.getString("type")),
          x.getString("msg"), num(x, "pi"), num(x, "ei"), num(x, "job"),
          Incident.RetryStep.valueOf(x.getString("retry"))));
    }
    // snapshots written before signal events existed have no "signals"
    for (Document x : d.getList("signals", Document.class, List.of())) {
      s.addSignalSubscription(new SignalSubscription(num(x, "key"), num(x, "ei"), num(x, "pi"), x.getString("name"),
          x.getString("el"), x.getBoolean("interrupting")));
    }
    if (d.get("compensations") != null) { // older snapshots have none
      for (Document x : d.getList("compensations", Document.class)) {
        CompensationSubscription c = new CompensationSubscription(num(x, "key"), num(x, "pi"), num(x, "scope"),
            num(x, "ai"), x.getString("el"), x.getString("handler"), Json.parseObject(x.getString("vars")));
        c.throwEventKey = num(x, "throw");
        c.handlerInstanceKey = num(x, "hi");
        s.addCompensation(c);
      }
    }
    readUserTasks(d, s);
  }

  private static Document userTask(UserTask t) {
    Document d = new Document("key", t.key()).append("ei", t.elementInstanceKey()).append("pi", t.processInstanceKey())
        .append("pid", t.bpmnProcessId()).append("ver", t.processDefinitionVersion()).append("def", t.processDefinitionKey())
        .append("el", t.elementId()).append("name", t.name()).append("state", t.state().name())
        .append("attributes", attributes(t.attributes())).append("formKey", t.formKey())
        .append("externalForm", t.externalFormReference()).append("headers", Json.write(t.customHeaders()))
        .append("created", t.creationDate());
    UserTask.Transition tr = t.transition();
    if (tr != null) {
      d.append("transition", new Document("event", tr.event().name()).append("action", tr.action())
          .append("requested", attributes(tr.requested())).append("proposed", attributes(tr.proposed()))
          .append("next", tr.nextListener()).append("assignAfter", tr.assignAfter()).append("vars", tr.variablesJson())
          .append("canceling", tr.cancelingJobTypes()).append("local", tr.localVariables()));
    }
    return d;
  }

  private static Document attributes(UserTask.Attributes a) {
    return new Document("assignee", a.assignee()).append("groups", a.candidateGroups()).append("users", a.candidateUsers())
        .append("due", a.dueDate()).append("followUp", a.followUpDate()).append("priority", a.priority());
  }

  private static UserTask.Attributes attributes(Document d) {
    return new UserTask.Attributes(d.getString("assignee"), d.getList("groups", String.class),
        d.getList("users", String.class), d.getString("due"), d.getString("followUp"), (int) num(d, "priority"));
  }

  private static void readUserTasks(Document d, EngineState s) {
    List<Document> tasks = d.getList("userTasks", Document.class);
    if (tasks == null) {
      return; // a snapshot from before Camunda user tasks
    }
    for (Document x : tasks) {
      Document tr = x.get("transition", Document.class);
      UserTask.Transition transition = tr == null ? null : new UserTask.Transition(
          ListenerEventType.valueOf(tr.getString("event")), tr.getString("action"),
          attributes(tr.get("requested", Document.class)), attributes(tr.get("proposed", Document.class)),
          (int) num(tr, "next"), tr.getString("assignAfter"), tr.getString("vars"), tr.getList("canceling", String.class),
          Boolean.TRUE.equals(tr.getBoolean("local")));
      Map<String, String> headers = new LinkedHashMap<>();
      Json.parseObject(x.getString("headers")).forEach((k, v) -> headers.put(k, String.valueOf(v)));
      UserTask t = new UserTask(num(x, "key"), num(x, "ei"), num(x, "pi"), x.getString("pid"), (int) num(x, "ver"),
          num(x, "def"), x.getString("el"), x.getString("name"), UserTask.State.valueOf(x.getString("state")),
          attributes(x.get("attributes", Document.class)), x.getString("formKey"), x.getString("externalForm"),
          Headers.sorted(headers), num(x, "created"), transition);
      s.userTasks.put(t.key(), t);
    }
  }

  private static List<Long> longs(Document d, String key) {
    List<Long> out = new ArrayList<>();
    for (Object o : d.getList(key, Object.class)) {
      out.add(((Number) o).longValue());
    }
    return out;
  }

  private static long num(Document d, String key) {
    return ((Number) d.get(key)).longValue();
  }
}
