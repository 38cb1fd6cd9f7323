package dev.modelgate.engine.processing;

import dev.modelgate.engine.behavior.ActivatedJobData;
import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.model.Element;
import dev.modelgate.engine.model.EventType;
import dev.modelgate.engine.model.ExecutableProcess;
import dev.modelgate.engine.model.ProcessTransformer;
import dev.modelgate.engine.processing.Command.ActivateJobs;
import dev.modelgate.engine.processing.Command.AwaitResult;
import dev.modelgate.engine.processing.Command.CancelInstance;
import dev.modelgate.engine.processing.Command.CloseJobStream;
import dev.modelgate.engine.processing.Command.CompleteJob;
import dev.modelgate.engine.processing.Command.CreateInstance;
import dev.modelgate.engine.processing.Command.Deploy;
import dev.modelgate.engine.processing.Command.ExpireMessage;
import dev.modelgate.engine.processing.Command.FailJob;
import dev.modelgate.engine.processing.Command.JobsActivated;
import dev.modelgate.engine.processing.Command.OpenJobStream;
import dev.modelgate.engine.processing.Command.PublishMessage;
import dev.modelgate.engine.processing.Command.RecurJob;
import dev.modelgate.engine.processing.Command.ResolveIncident;
import dev.modelgate.engine.processing.Command.SetVariables;
import dev.modelgate.engine.processing.Command.ThrowError;
import dev.modelgate.engine.processing.Command.Tick;
import dev.modelgate.engine.processing.Command.TimeOutJob;
import dev.modelgate.engine.processing.Command.TriggerTimer;
import dev.modelgate.engine.processing.Command.UpdateJobRetries;
import dev.modelgate.engine.processing.Command.UpdateJobTimeout;
import dev.modelgate.engine.processing.Results.DeployedProcess;
import dev.modelgate.engine.processing.Results.InstanceCreated;
import dev.modelgate.engine.state.BufferedMessage;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.Incident;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import dev.modelgate.engine.state.Job;
import dev.modelgate.engine.state.LifecycleState;
import dev.modelgate.engine.state.MessageSubscription;
import dev.modelgate.engine.state.ProcessDefinition;
import dev.modelgate.engine.state.Timer;
import dev.modelgate.engine.util.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Processes one command at a time against the in-memory state. Only the single writer calls it.
 * A rejected command changes nothing; an accepted one is handed to the log sink (the writer makes
 * it durable before any reply goes out) and its reply is queued until then.
 */
public final class CommandProcessor {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CommandProcessor.class);
  private final EngineState state;
  private final ProcessingContext ctx;
  private final BpmnBehaviors b;

  private record Poller(long id, ActivateJobs request, Responder responder, long expiresAtNanos) {}

  private record Stream(long id, OpenJobStream request, Responder responder) {}

  private record Await(Responder responder, List<String> fetchVariables, InstanceCreated created) {}

  private final Map<Long, Poller> pollers = new LinkedHashMap<>();
  private final Map<Long, Stream> streams = new LinkedHashMap<>();
  private final Map<Long, Await> awaiting = new LinkedHashMap<>();
  private long nextPollerId;
  private Consumer<Command> log = c -> {};

  public CommandProcessor(EngineState state) {
    this.state = state;
    this.ctx = new ProcessingContext();
    this.b = new BpmnBehaviors(state, ctx);
    ctx.addListener(new ProcessingContext.ProcessInstanceListener() {
      @Override
      public void completed(long key, Map<String, Object> variables) {
        Await await = awaiting.remove(key);
        if (await != null) {
          Map<String, Object> selected = select(variables, await.fetchVariables());
          Results.InstanceResult result = new Results.InstanceResult(await.created(), Json.write(selected));
          ctx.afterDurable(() -> await.responder().succeed(result));
        }
      }

      @Override
      public void terminated(long key) {
        Await await = awaiting.remove(key);
        if (await != null) {
          ctx.afterDurable(() -> await.responder().reject(Rejection.precondition(
              "Process instance " + key + " was terminated before it completed")));
        }
      }
    });
  }

  public EngineState state() {
    return state;
  }

  public List<Runnable> takeAfterDurable() {
    return ctx.takeAfterDurable();
  }

  /** Replays a logged command at its original time; no replies, no job pushes. */
  public void replay(Command command, long timestamp) {
    ctx.setReplay(true);
    try {
      ctx.setNow(timestamp);
      Object result;
      try {
        result = apply(command);
      } catch (RuntimeException e) {
        LOG.warn("replayed command {} failed again: {}", command, e.toString());
        ctx.clearAgenda();
        return;
      }
      if (result instanceof Rejection r) {
        throw new IllegalStateException("replayed command " + command + " was rejected: " + r.message());
      }
      ctx.drainAgenda();
      ctx.activatableJobTypes().clear();
    } finally {
      ctx.setReplay(false);
    }
  }

  /**
   * Processes a live command. Logged commands go to {@code logSink} in order, each with the
   * timestamp {@code now}.
   */
  public void process(Command command, Responder responder, long now, Consumer<Command> logSink) {
    this.log = logSink;
    ctx.setNow(now);
    Object result;
    try {
      result = apply(command, responder);
    } catch (RuntimeException e) {
      // an engine bug: the state may be partly changed, so the command is still logged (replay
      // meets the same failure at the same point) and the caller gets an error
      LOG.error("failed to process {}", command, e);
      ctx.clearAgenda();
      if (!(command instanceof Command.Transient)) {
        logSink.accept(command);
      }
      responder.reject(new Rejection(Rejection.Type.INTERNAL, "the embedded engine failed to process the command: "
          + e));
      return;
    }
    if (result instanceof Rejection r) {
      responder.reject(r);
    } else {
      ctx.drainAgenda();
      if (!(command instanceof Command.Transient)) {
        logSink.accept(command);
      }
      if (result != null) {
        ctx.afterDurable(() -> responder.succeed(result));
      }
    }
    dispatchJobs();
  }

  private Object apply(Command command) {
    return apply(command, Responder.NONE);
  }

  private Object apply(Command command, Responder responder) {
    try {
      return dispatch(command, responder);
    } catch (Rejected r) {
      return r.rejection;
    }
  }

  /**
   * A command's variables document. A malformed one rejects the command; every handler reads its
   * variables before it changes any state, so a rejection leaves nothing half-done.
   */
  private static Map<String, Object> variables(String json) {
    try {
      return Json.parseObject(json);
    } catch (IllegalArgumentException e) {
      throw new Rejected(Rejection.invalid("Property 'variables' is invalid: " + e.getMessage()));
    }
  }

  /** Carries a rejection out of a handler to {@link #apply}. */
  private static final class Rejected extends RuntimeException {
    private final transient Rejection rejection;

    Rejected(Rejection rejection) {
      super(rejection.message(), null, false, false);
      this.rejection = rejection;
    }
  }

  private Object dispatch(Command command, Responder responder) {
    return switch (command) {
      case Deploy c -> deploy(c);
      case CreateInstance c -> createInstance(c);
      case CancelInstance c -> cancel(c);
      case CompleteJob c -> completeJob(c);
      case FailJob c -> failJob(c);
      case ThrowError c -> throwError(c);
      case UpdateJobRetries c -> updateRetries(c);
      case UpdateJobTimeout c -> updateTimeout(c);
      case PublishMessage c -> publish(c);
      case SetVariables c -> setVariables(c);
      case ResolveIncident c -> resolveIncident(c);
      case JobsActivated c -> jobsActivated(c);
      case TriggerTimer c -> triggerTimer(c);
      case TimeOutJob c -> timeOutJob(c);
      case RecurJob c -> recurJob(c);
      case ExpireMessage c -> expireMessage(c);
      case ActivateJobs c -> activateJobs(c, responder);
      case OpenJobStream c -> openStream(c, responder);
      case CloseJobStream c -> closeStream(c);
      case AwaitResult c -> awaitResult(c, responder);
      case Tick c -> tick();
      case Command.ReadState c -> c.read().apply(state);
    };
  }

  // ------------------------------------------------------------------ deployment

  private Object deploy(Deploy c) {
    if (c.resources().isEmpty()) {
      return Rejection.invalid("Expected to deploy at least one resource, but none given");
    }
    List<ExecutableProcess> processes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Command.Resource r : c.resources()) {
      String lower = r.name().toLowerCase();
      if (!(lower.endsWith(".bpmn") || lower.endsWith(".xml"))) {
        errors.add("'" + r.name() + "': only BPMN resources (.bpmn, .xml) are supported by the embedded engine");
        continue;
      }
      switch (ProcessTransformer.transform(r.name(), r.content())) {
        case ProcessTransformer.Outcome.Rejected rej -> errors.add(rej.message());
        case ProcessTransformer.Outcome.Transformed t -> {
          for (ExecutableProcess p : t.processes()) {
            processes.add(p);
            names.add(r.name());
            contents.add(r.content());
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      return Rejection.invalid("Expected to deploy new resources, but encountered the following errors:\n"
          + String.join("\n", errors));
    }
    List<DeployedProcess> deployed = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      ExecutableProcess p = processes.get(i);
      String digest = digest(contents.get(i));
      ProcessDefinition latest = state.latest(p.bpmnProcessId());
      if (latest != null && latest.digest().equals(digest) && latest.resourceName().equals(names.get(i))) {
        deployed.add(new DeployedProcess(latest.bpmnProcessId(), latest.version(), latest.key(), latest.resourceName()));
        continue;
      }
      ProcessDefinition definition = new ProcessDefinition(state.nextKey(), p.bpmnProcessId(),
          latest == null ? 1 : latest.version() + 1, names.get(i), digest, contents.get(i), p);
      b.events.cancelStartTimers(p.bpmnProcessId());
      state.addDefinition(definition);
      b.events.scheduleStartTimers(definition);
      deployed.add(new DeployedProcess(definition.bpmnProcessId(), definition.version(), definition.key(),
          definition.resourceName()));
    }
    return new Results.Deployment(state.nextKey(), deployed);
  }

  private static String digest(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ process instances

  private Object findDefinition(CreateInstance c) {
    ProcessDefinition definition;
    if (c.definitionKey() > 0) {
      definition = state.definitions.get(c.definitionKey());
      if (definition == null) {
        return Rejection.notFound("Expected to find process definition with key '" + c.definitionKey()
            + "', but none found");
      }
    } else if (c.bpmnProcessId() == null || c.bpmnProcessId().isEmpty()) {
      return Rejection.invalid("Expected either a process definition key or a BPMN process id, but none given");
    } else if (c.version() < 0) {
      definition = state.latest(c.bpmnProcessId());
      if (definition == null) {
        return Rejection.notFound("Expected to find process definition with process ID '" + c.bpmnProcessId()
            + "', but none found");
      }
    } else {
      definition = state.version(c.bpmnProcessId(), c.version());
      if (definition == null) {
        return Rejection.notFound("Expected to find process definition with process ID '" + c.bpmnProcessId()
            + "' and version '" + c.version() + "', but none found");
      }
    }
    if (definition.process().root().noneStartEvent() == null) {
      return Rejection.precondition("Expected to create instance of process with none start event, but there is"
          + " no such event");
    }
    return definition;
  }

  private Object createInstance(CreateInstance c) {
    Object found = findDefinition(c);
    if (found instanceof Rejection r) {
      return r;
    }
    ProcessDefinition definition = (ProcessDefinition) found;
    Map<String, Object> variables = variables(c.variables());
    ElementInstance root = b.transitions.createProcessInstance(definition, variables, null, null, -1);
    return new InstanceCreated(definition.key(), definition.bpmnProcessId(), definition.version(), root.key);
  }

  private Object awaitResult(AwaitResult c, Responder responder) {
    long keyBefore = state.peekNextKey();
    Object found = findDefinition(c.create());
    if (found instanceof Rejection r) {
      return r;
    }
    variables(c.create().variables());
    ProcessDefinition definition = (ProcessDefinition) found;
    // register before processing, so that an instance that completes at once is answered too
    InstanceCreated created = new InstanceCreated(definition.key(), definition.bpmnProcessId(), definition.version(),
        keyBefore);
    awaiting.put(keyBefore, new Await(responder, c.fetchVariables(), created));
    log.accept(c.create());
    Object result = createInstance(c.create());
    if (!(result instanceof InstanceCreated ic) || ic.processInstanceKey() != keyBefore) {
      throw new IllegalStateException("unexpected process instance key for " + result);
    }
    return null; // answered when the instance completes
  }

  private Object cancel(CancelInstance c) {
    ElementInstance root = state.instances.get(c.processInstanceKey());
    if (root == null || !root.isProcessInstance()) {
      return Rejection.notFound("Expected to cancel a process instance with key '" + c.processInstanceKey()
          + "', but no such process was found");
    }
    if (root.callingInstanceKey >= 0) {
      return Rejection.precondition("Expected to cancel a process instance with key '" + c.processInstanceKey()
          + "', but it is created by a parent process instance. Cancel the root process instance '"
          + rootOf(root) + "' instead.");
    }
    b.transitions.terminate(root);
    return new Results.Empty();
  }

  private long rootOf(ElementInstance pi) {
    ElementInstance cur = pi;
    while (cur.callingInstanceKey >= 0) {
      ElementInstance caller = state.instances.get(cur.callingInstanceKey);
      if (caller == null) {
        break;
      }
      cur = state.instances.get(caller.processInstanceKey);
    }
    return cur.key;
  }

  // ------------------------------------------------------------------ jobs

  private Object jobInState(long key, String action, Job.State... states) {
    Job job = state.jobs.get(key);
    if (job == null) {
      return Rejection.notFound("Expected to " + action + " job with key '" + key + "', but no such job was found");
    }
    for (Job.State s : states) {
      if (job.state == s) {
        return job;
      }
    }
    return Rejection.precondition("Expected to " + action + " job with key '" + key + "', but it is in state '"
        + job.state + "'");
  }

  private Object completeJob(CompleteJob c) {
    Object found = jobInState(c.jobKey(), "complete", Job.State.ACTIVATED);
    if (found instanceof Rejection r) {
      return r;
    }
    Map<String, Object> variables = variables(c.variables());
    Job job = (Job) found;
    state.removeJob(job);
    ElementInstance instance = state.instances.get(job.elementInstanceKey);
    if (instance != null && instance.state == LifecycleState.ACTIVATED) {
      instance.jobKey = -1;
      b.variables.applyCompletionVariables(instance, variables);
      b.transitions.complete(instance);
    }
    return new Results.Empty();
  }

  private Object failJob(FailJob c) {
    Object found = jobInState(c.jobKey(), "fail", Job.State.ACTIVATED);
    if (found instanceof Rejection r) {
      return r;
    }
    Map<String, Object> variables = variables(c.variables());
    Job job = (Job) found;
    job.retries = c.retries();
    job.errorMessage = c.errorMessage() == null ? "" : c.errorMessage();
    ElementInstance instance = state.instances.get(job.elementInstanceKey);
    if (instance != null) {
      b.variables.setLocal(instance, variables);
    }
    if (c.retries() > 0) {
      if (c.retryBackOff() > 0) {
        state.backoff(job, ctx.now() + c.retryBackOff());
      } else {
        state.makeActivatable(job);
        ctx.jobBecameActivatable(job.type);
      }
    } else {
      state.setJobState(job, Job.State.FAILED);
      if (instance != null) {
        String message = job.errorMessage.isEmpty() ? "No more retries left." : job.errorMessage;
        b.incidents.raise(IncidentType.JOB_NO_RETRIES, message, instance, job.key, RetryStep.NONE);
      }
    }
    return new Results.Empty();
  }

  private Object throwError(ThrowError c) {
    Object found = jobInState(c.jobKey(), "throw an error for", Job.State.ACTIVATED);
    if (found instanceof Rejection r) {
      return r;
    }
    Map<String, Object> variables = variables(c.variables());
    Job job = (Job) found;
    ElementInstance instance = state.instances.get(job.elementInstanceKey);
    if (instance == null) {
      state.removeJob(job);
      return new Results.Empty();
    }
    if (!b.errors.throwError(instance, c.errorCode(), variables)) {
      state.setJobState(job, Job.State.ERROR_THROWN);
      job.errorMessage = c.errorMessage() == null ? "" : c.errorMessage();
      b.incidents.raise(IncidentType.UNHANDLED_ERROR_EVENT, "Expected to throw an error event with the code '"
          + c.errorCode() + "' with message '" + job.errorMessage
          + "', but it was not caught. No error events are available in the scope.", instance, job.key,
          RetryStep.NONE);
    }
    return new Results.Empty();
  }

  private Object updateRetries(UpdateJobRetries c) {
    Job job = state.jobs.get(c.jobKey());
    if (job == null) {
      return Rejection.notFound("Expected to update retries for job with key '" + c.jobKey()
          + "', but no such job was found");
    }
    if (c.retries() < 1) {
      return Rejection.invalid("Expected retries to be greater than zero, but it was " + c.retries());
    }
    job.retries = c.retries();
    return new Results.Empty();
  }

  private Object updateTimeout(UpdateJobTimeout c) {
    Object found = jobInState(c.jobKey(), "update the timeout of", Job.State.ACTIVATED);
    if (found instanceof Rejection r) {
      return r;
    }
    state.changeDeadline((Job) found, ctx.now() + c.timeout());
    return new Results.Empty();
  }

  private Object jobsActivated(JobsActivated c) {
    for (long key : c.jobKeys()) {
      Job job = state.jobs.get(key);
      if (job != null) {
        state.activate(job, c.worker(), ctx.now() + c.timeout());
      }
    }
    return null;
  }

  private Object timeOutJob(TimeOutJob c) {
    Job job = state.jobs.get(c.jobKey());
    if (job == null || job.state != Job.State.ACTIVATED || job.deadline > ctx.now()) {
      return Rejection.precondition("not timed out");
    }
    state.makeActivatable(job);
    ctx.jobBecameActivatable(job.type);
    return null;
  }

  private Object recurJob(RecurJob c) {
    Job job = state.jobs.get(c.jobKey());
    if (job == null || job.state != Job.State.BACKOFF) {
      return Rejection.precondition("not in back-off");
    }
    state.makeActivatable(job);
    ctx.jobBecameActivatable(job.type);
    return null;
  }

  private Object activateJobs(ActivateJobs c, Responder responder) {
    if (c.type() == null || c.type().isBlank()) {
      return Rejection.invalid("Expected to activate jobs with a non-empty type");
    }
    if (c.maxJobs() < 1) {
      return Rejection.invalid("Expected to activate at least 1 job, but maxJobsToActivate was " + c.maxJobs());
    }
    if (c.timeout() < 1) {
      return Rejection.invalid("Expected a job timeout of at least 1 ms, but it was " + c.timeout());
    }
    List<ActivatedJobData> jobs = activate(c.type(), c.worker(), c.timeout(), c.maxJobs(), c.fetchVariables());
    if (!jobs.isEmpty() || c.requestTimeoutMillis() < 0) {
      return new Results.ActivatedJobs(jobs);
    }
    long wait = c.requestTimeoutMillis() == 0 ? 10_000 : c.requestTimeoutMillis();
    long id = nextPollerId++;
    pollers.put(id, new Poller(id, c, responder, System.nanoTime() + wait * 1_000_000L));
    return null;
  }

  private List<ActivatedJobData> activate(String type, String worker, long timeout, int max, List<String> fetch) {
    Set<Long> activatable = state.activatableJobsByType.get(type);
    if (activatable == null || activatable.isEmpty()) {
      return List.of();
    }
    List<Long> keys = new ArrayList<>();
    Iterator<Long> it = activatable.iterator();
    while (it.hasNext() && keys.size() < max) {
      keys.add(it.next());
    }
    List<ActivatedJobData> result = new ArrayList<>();
    for (long key : keys) {
      result.add(b.jobs.activate(state.jobs.get(key), worker, timeout, fetch));
    }
    log.accept(new JobsActivated(keys, worker, timeout));
    return result;
  }

  private Object openStream(OpenJobStream c, Responder responder) {
    streams.put(c.streamId(), new Stream(c.streamId(), c, responder));
    ctx.jobBecameActivatable(c.type());
    return null;
  }

  private Object closeStream(CloseJobStream c) {
    streams.remove(c.streamId());
    return null;
  }

  /** Hands newly activatable jobs to open streams first, then to waiting long polls. */
  private void dispatchJobs() {
    if (ctx.activatableJobTypes().isEmpty()) {
      return;
    }
    List<String> types = new ArrayList<>(ctx.activatableJobTypes());
    ctx.activatableJobTypes().clear();
    for (String type : types) {
      for (Stream s : new ArrayList<>(streams.values())) {
        if (!s.request().type().equals(type)) {
          continue;
        }
        if (s.responder().isCancelled()) {
          streams.remove(s.id());
          continue;
        }
        List<ActivatedJobData> jobs = activate(type, s.request().worker(), s.request().timeout(), Integer.MAX_VALUE,
            s.request().fetchVariables());
        for (ActivatedJobData job : jobs) {
          ctx.afterDurable(() -> s.responder().push(job));
        }
      }
      for (Poller p : new ArrayList<>(pollers.values())) {
        if (!p.request().type().equals(type)) {
          continue;
        }
        if (p.responder().isCancelled()) {
          pollers.remove(p.id());
          continue;
        }
        List<ActivatedJobData> jobs = activate(type, p.request().worker(), p.request().timeout(),
            p.request().maxJobs(), p.request().fetchVariables());
        if (!jobs.isEmpty()) {
          pollers.remove(p.id());
          Results.ActivatedJobs result = new Results.ActivatedJobs(jobs);
          ctx.afterDurable(() -> p.responder().succeed(result));
        }
      }
    }
  }

  // ------------------------------------------------------------------ messages

  private Object publish(PublishMessage c) {
    if (c.name() == null || c.name().isBlank()) {
      return Rejection.invalid("Expected a message name, but none given");
    }
    Map<String, Object> variables = variables(c.variables());
    String correlationKey = c.correlationKey() == null ? "" : c.correlationKey();
    String mk = EngineState.messageKey(c.name(), correlationKey);
    if (c.messageId() != null && !c.messageId().isEmpty() && state.messagesByNameAndKey.containsKey(mk)) {
      for (long key : state.messagesByNameAndKey.get(mk)) {
        BufferedMessage m = state.messages.get(key);
        if (c.messageId().equals(m.messageId()) && m.expiresAt() > ctx.now()) {
          return new Rejection(Rejection.Type.ALREADY_EXISTS, "Expected to publish a new message with id '"
              + c.messageId() + "', but a message with that id was already published");
        }
      }
    }
    long messageKey = state.nextKey();
    Set<Long> correlated = new LinkedHashSet<>();
    // message start events of the latest versions
    for (List<ProcessDefinition> versions : new TreeMap<>(state.versionsByProcessId).values()) {
      ProcessDefinition latest = versions.get(versions.size() - 1);
      for (Element start : latest.process().startEvents()) {
        if (start.eventType() != EventType.MESSAGE || !start.message().messageName().equals(c.name())) {
          continue;
        }
        String uniqueness = latest.bpmnProcessId() + '\u0000' + correlationKey;
        if (!correlationKey.isEmpty() && state.messageStartedInstances.containsKey(uniqueness)) {
          continue;
        }
        ElementInstance root = b.transitions.createProcessInstance(latest, Map.of(), start, variables, -1);
        correlated.add(root.key);
        if (!correlationKey.isEmpty() && state.instances.containsKey(root.key)) {
          root.messageStartKey = uniqueness;
          state.messageStartedInstances.put(uniqueness, root.key);
        }
      }
    }
    Set<Long> subscriptionKeys = state.subscriptionsByMessage.get(mk);
    if (subscriptionKeys != null) {
      for (long key : new ArrayList<>(subscriptionKeys)) {
        MessageSubscription s = state.subscriptions.get(key);
        if (s == null || correlated.contains(s.processInstanceKey())) {
          continue;
        }
        correlated.add(s.processInstanceKey());
        b.events.correlate(s, variables);
      }
    }
    if (c.timeToLive() > 0) {
      state.addMessage(new BufferedMessage(messageKey, c.name(), correlationKey, c.messageId() == null ? ""
          : c.messageId(), variables, ctx.now() + c.timeToLive(), correlated));
    }
    return new Results.Key(messageKey);
  }

  private Object expireMessage(ExpireMessage c) {
    BufferedMessage m = state.messages.get(c.messageKey());
    if (m == null || m.expiresAt() > ctx.now()) {
      return Rejection.precondition("not expired");
    }
    state.removeMessage(m.key());
    return null;
  }

  // ------------------------------------------------------------------ variables and incidents

  private Object setVariables(SetVariables c) {
    ElementInstance scope = state.instances.get(c.elementInstanceKey());
    if (scope == null) {
      return Rejection.notFound("Expected to update variables for element with key '" + c.elementInstanceKey()
          + "', but no such element was found");
    }
    Map<String, Object> variables = variables(c.variables());
    if (c.local()) {
      b.variables.setLocal(scope, variables);
    } else {
      b.variables.propagate(scope, variables);
    }
    return new Results.Key(state.nextKey());
  }

  private Object resolveIncident(ResolveIncident c) {
    Incident incident = state.incidents.get(c.incidentKey());
    if (incident == null) {
      return Rejection.notFound("Expected to resolve incident with key '" + c.incidentKey()
          + "', but no such incident was found");
    }
    state.incidents.remove(incident.key());
    ElementInstance instance = state.instances.get(incident.elementInstanceKey());
    if (instance != null && instance.incidentKey == incident.key()) {
      instance.incidentKey = -1;
    }
    if (incident.jobKey() >= 0) {
      Job job = state.jobs.get(incident.jobKey());
      if (job != null) {
        if (job.retries > 0) {
          state.makeActivatable(job);
          ctx.jobBecameActivatable(job.type);
        } else if (instance != null) {
          b.incidents.raise(IncidentType.JOB_NO_RETRIES, job.errorMessage.isEmpty() ? "No more retries left."
              : job.errorMessage, instance, job.key, RetryStep.NONE);
        }
      }
    } else if (instance != null) {
      if (incident.retry() == RetryStep.ACTIVATE) {
        b.transitions.retryActivate(instance);
      } else if (incident.retry() == RetryStep.COMPLETE) {
        b.transitions.complete(instance);
      }
    }
    return new Results.Empty();
  }

  // ------------------------------------------------------------------ time

  private Object tick() {
    long now = ctx.now();
    int budget = 2_000;
    while (budget-- > 0 && !state.timersByDue.isEmpty() && state.timersByDue.first()[0] <= now) {
      long key = state.timersByDue.first()[1];
      process(new TriggerTimer(key), Responder.NONE, now, log);
    }
    while (budget-- > 0 && !state.jobDeadlines.isEmpty() && state.jobDeadlines.first()[0] <= now) {
      process(new TimeOutJob(state.jobDeadlines.first()[1]), Responder.NONE, now, log);
    }
    while (budget-- > 0 && !state.jobBackoffs.isEmpty() && state.jobBackoffs.first()[0] <= now) {
      process(new RecurJob(state.jobBackoffs.first()[1]), Responder.NONE, now, log);
    }
    while (budget-- > 0 && !state.messagesByExpiry.isEmpty() && state.messagesByExpiry.first()[0] <= now) {
      process(new ExpireMessage(state.messagesByExpiry.first()[1]), Responder.NONE, now, log);
    }
    long nanos = System.nanoTime();
    for (Poller p : new ArrayList<>(pollers.values())) {
      if (p.responder().isCancelled()) {
        pollers.remove(p.id());
      } else if (nanos - p.expiresAtNanos() >= 0) {
        pollers.remove(p.id());
        Results.ActivatedJobs empty = new Results.ActivatedJobs(List.of());
        ctx.afterDurable(() -> p.responder().succeed(empty));
      }
    }
    streams.values().removeIf(s -> s.responder().isCancelled());
    awaiting.values().removeIf(a -> a.responder().isCancelled());
    return null;
  }

  private Object triggerTimer(TriggerTimer c) {
    Timer timer = state.timers.get(c.timerKey());
    if (timer == null) {
      return Rejection.notFound("no timer " + c.timerKey());
    }
    b.events.triggerTimer(timer);
    return null;
  }

  /** Whether there is anything the periodic tick has to look at. */
  public boolean hasTimedWork(long now) {
    return (!state.timersByDue.isEmpty() && state.timersByDue.first()[0] <= now)
        || (!state.jobDeadlines.isEmpty() && state.jobDeadlines.first()[0] <= now)
        || (!state.jobBackoffs.isEmpty() && state.jobBackoffs.first()[0] <= now)
        || (!state.messagesByExpiry.isEmpty() && state.messagesByExpiry.first()[0] <= now)
        || !pollers.isEmpty();
  }

  /** Fails everything that waits for an answer (on shutdown). */
  public void abandonWaiting(Rejection reason) {
    pollers.values().forEach(p -> p.responder().succeed(new Results.ActivatedJobs(List.of())));
    pollers.clear();
    streams.values().forEach(s -> s.responder().reject(reason));
    streams.clear();
    awaiting.values().forEach(a -> a.responder().reject(reason));
    awaiting.clear();
  }

  private static Map<String, Object> select(Map<String, Object> variables, List<String> names) {
    if (names == null || names.isEmpty()) {
      return variables;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String n : names) {
      if (variables.containsKey(n)) {
        out.put(n, variables.get(n));
      }
    }
    return out;
  }
}
