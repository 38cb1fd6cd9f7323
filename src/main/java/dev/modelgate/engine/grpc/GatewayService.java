package dev.modelgate.engine.grpc;

import dev.modelgate.engine.behavior.ActivatedJobData;
import dev.modelgate.engine.dmn.DecisionBehavior;
import dev.modelgate.engine.dmn.DecisionResult;
import dev.modelgate.engine.processing.Command;
import dev.modelgate.engine.processing.CommandSink;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.util.Json;
import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BroadcastSignalRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BroadcastSignalResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BrokerInfo;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CancelProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CancelProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DecisionMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DecisionRequirementsMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Deployment;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecision;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionInput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionOutput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.MatchedDecisionRule;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Partition;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ProcessMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ResolveIncidentRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ResolveIncidentResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Resource;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.SetVariablesRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.SetVariablesResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.StreamActivatedJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobRetriesRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobRetriesResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobTimeoutRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobTimeoutResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UserTaskProperties;
import dev.modelgate.engine.model.ListenerEventType;
import dev.modelgate.engine.state.Job;
import dev.modelgate.engine.state.UserTask;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The gRPC {@code Gateway} service: maps each RPC to an engine command and the command's result
 * (or rejection) back to the response (or status). RPCs not listed here answer UNIMPLEMENTED.
 */
public final class GatewayService extends GatewayGrpc.GatewayImplBase {
  public static final String TENANT = "<default>";
  public static final String VERSION = "8.9.0";

  private final CommandSink writer;
  private final String host;
  private volatile int port;
  private final AtomicLong streamIds = new AtomicLong();

  public GatewayService(CommandSink writer, String host) {
    this.writer = writer;
    this.host = host;
  }

  /** The port reported by Topology, known once the server is bound. */
  public void advertisePort(int port) {
    this.port = port;
  }

  /** Answers a unary call (or a single-response stream) from a command result. */
  private static final class UnaryResponder<T> implements Responder {
    private final StreamObserver<T> observer;
    private final Function<Object, T> mapper;

    UnaryResponder(StreamObserver<T> observer, Function<Object, T> mapper) {
      this.observer = observer;
      this.mapper = mapper;
    }

    @Override
    public void succeed(Object result) {
      if (isCancelled()) {
        return;
      }
      observer.onNext(mapper.apply(result));
      observer.onCompleted();
    }

    @Override
    public void reject(Rejection rejection) {
      if (!isCancelled()) {
        observer.onError(toStatus(rejection).asRuntimeException());
      }
    }

    @Override
    public boolean isCancelled() {
      return observer instanceof ServerCallStreamObserver<T> s && s.isCancelled();
    }
  }

  static Status toStatus(Rejection r) {
    Status status = switch (r.type()) {
      case NOT_FOUND -> Status.NOT_FOUND;
      case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
      case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
      case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
      case UNAVAILABLE -> Status.UNAVAILABLE;
      case INTERNAL -> Status.INTERNAL;
    };
    return status.withDescription(r.message());
  }

  private <T> void submit(Command command, StreamObserver<T> observer, Function<Object, T> mapper) {
    writer.submit(command, new UnaryResponder<>(observer, mapper));
  }

  @Override
  public void topology(TopologyRequest request, StreamObserver<TopologyResponse> observer) {
    observer.onNext(TopologyResponse.newBuilder()
        .addBrokers(BrokerInfo.newBuilder().setNodeId(0).setHost(host).setPort(port).setVersion(VERSION)
            .addPartitions(Partition.newBuilder().setPartitionId(1)
                .setRole(Partition.PartitionBrokerRole.LEADER)
                .setHealth(Partition.PartitionBrokerHealth.HEALTHY)))
        .setClusterSize(1).setPartitionsCount(1).setReplicationFactor(1).setGatewayVersion(VERSION)
        .setClusterId("modelgate-embedded")
        .build());
    observer.onCompleted();
  }

  @Override
  public void deployResource(DeployResourceRequest request, StreamObserver<DeployResourceResponse> observer) {
    List<Command.Resource> resources = new ArrayList<>();
    for (Resource r : request.getResourcesList()) {
      resources.add(new Command.Resource(r.getName(), r.getContent().toByteArray()));
    }
    submit(new Command.Deploy(resources), observer, result -> {
      Results.Deployment d = (Results.Deployment) result;
      DeployResourceResponse.Builder b = DeployResourceResponse.newBuilder().setKey(d.key()).setTenantId(TENANT);
      for (Results.DeployedProcess p : d.processes()) {
        b.addDeployments(Deployment.newBuilder().setProcess(ProcessMetadata.newBuilder()
            .setBpmnProcessId(p.bpmnProcessId()).setVersion(p.version())
            .setProcessDefinitionKey(p.processDefinitionKey()).setResourceName(p.resourceName())
            .setTenantId(TENANT)));
      }
      for (Results.DeployedDecision x : d.decisions()) {
        b.addDeployments(Deployment.newBuilder().setDecision(DecisionMetadata.newBuilder()
            .setDmnDecisionId(x.decisionId()).setDmnDecisionName(x.name()).setVersion(x.version())
            .setDecisionKey(x.decisionKey()).setDmnDecisionRequirementsId(x.drgId())
            .setDecisionRequirementsKey(x.decisionRequirementsKey()).setTenantId(TENANT)));
      }
      for (Results.DeployedDecisionRequirements x : d.decisionRequirements()) {
        b.addDeployments(Deployment.newBuilder().setDecisionRequirements(DecisionRequirementsMetadata.newBuilder()
            .setDmnDecisionRequirementsId(x.drgId()).setDmnDecisionRequirementsName(x.name())
            .setVersion(x.version()).setDecisionRequirementsKey(x.decisionRequirementsKey())
            .setResourceName(x.resourceName()).setTenantId(TENANT)));
      }
      return b.build();
    });
  }

  @Override
  public void evaluateDecision(EvaluateDecisionRequest request, StreamObserver<EvaluateDecisionResponse> observer) {
    submit(new Command.EvaluateDecision(request.getDecisionKey(), request.getDecisionId(), request.getVariables()),
        observer, result -> toProto((Results.DecisionEvaluation) result));
  }

  /** The response as Zeebe shapes it: the decision asked for, then every decision evaluated on the way. */
  static EvaluateDecisionResponse toProto(Results.DecisionEvaluation evaluation) {
    DecisionBehavior.Evaluation e = evaluation.evaluation();
    DecisionResult r = e.result();
    EvaluateDecisionResponse.Builder b = EvaluateDecisionResponse.newBuilder()
        .setDecisionKey(e.decision().key()).setDecisionId(e.decision().decisionId())
        .setDecisionName(e.decision().name()).setDecisionVersion(e.decision().version())
        .setDecisionRequirementsId(e.drg().drgId()).setDecisionRequirementsKey(e.drg().key())
        .setDecisionOutput(r.failed() ? "" : Json.writeValue(r.output()))
        .setDecisionInstanceKey(evaluation.key()).setDecisionEvaluationKey(evaluation.key()).setTenantId(TENANT);
    if (r.failed()) {
      b.setFailedDecisionId(r.failedDecisionId()).setFailureMessage(r.failureMessage());
    }
    int index = 0;
    for (DecisionResult.EvaluatedDecision d : r.evaluatedDecisions()) {
      index++;
      var deployed = e.drgDecisions().get(d.decisionId());
      EvaluatedDecision.Builder ed = EvaluatedDecision.newBuilder().setDecisionId(d.decisionId())
          .setDecisionName(d.decisionName() == null ? d.decisionId() : d.decisionName())
          .setDecisionType(d.decisionType()).setDecisionOutput(Json.writeValue(d.output())).setTenantId(TENANT)
          .setDecisionEvaluationInstanceKey(evaluation.key() + "-" + index);
      if (deployed != null) {
        ed.setDecisionKey(deployed.key()).setDecisionVersion(deployed.version());
      }
      for (DecisionResult.EvaluatedInput in : d.inputs()) {
        ed.addEvaluatedInputs(EvaluatedDecisionInput.newBuilder().setInputId(in.inputId())
            .setInputName(in.inputName() == null ? "" : in.inputName()).setInputValue(Json.writeValue(in.value())));
      }
      for (DecisionResult.MatchedRule rule : d.matchedRules()) {
        MatchedDecisionRule.Builder mr = MatchedDecisionRule.newBuilder().setRuleId(rule.ruleId())
            .setRuleIndex(rule.ruleIndex());
        for (DecisionResult.EvaluatedOutput out : rule.outputs()) {
          mr.addEvaluatedOutputs(EvaluatedDecisionOutput.newBuilder().setOutputId(out.outputId())
              .setOutputName(out.outputName() == null ? "" : out.outputName())
              .setOutputValue(Json.writeValue(out.value())));
        }
        ed.addMatchedRules(mr);
      }
      b.addEvaluatedDecisions(ed);
    }
    return b.build();
  }

  private static Object createCommand(CreateProcessInstanceRequest r) {
    if (r.getStartInstructionsCount() > 0 || r.getRuntimeInstructionsCount() > 0) {
      return Rejection.invalid("start and runtime instructions are not supported by the embedded engine");
    }
    int version = r.getVersion() == 0 && r.getProcessDefinitionKey() <= 0 ? -1 : r.getVersion();
    return new Command.CreateInstance(r.getProcessDefinitionKey(), r.getBpmnProcessId(), version, r.getVariables());
  }

  @Override
  public void createProcessInstance(CreateProcessInstanceRequest request,
      StreamObserver<CreateProcessInstanceResponse> observer) {
    Object command = createCommand(request);
    if (command instanceof Rejection rej) {
      observer.onError(toStatus(rej).asRuntimeException());
      return;
    }
    submit((Command) command, observer, result -> {
      Results.InstanceCreated c = (Results.InstanceCreated) result;
      return CreateProcessInstanceResponse.newBuilder().setProcessDefinitionKey(c.processDefinitionKey())
          .setBpmnProcessId(c.bpmnProcessId()).setVersion(c.version()).setProcessInstanceKey(c.processInstanceKey())
          .setTenantId(TENANT).build();
    });
  }

  @Override
  public void createProcessInstanceWithResult(CreateProcessInstanceWithResultRequest request,
      StreamObserver<CreateProcessInstanceWithResultResponse> observer) {
    Object command = createCommand(request.getRequest());
    if (command instanceof Rejection rej) {
      observer.onError(toStatus(rej).asRuntimeException());
      return;
    }
    submit(new Command.AwaitResult((Command.CreateInstance) command, request.getFetchVariablesList()), observer,
        result -> {
          Results.InstanceResult r = (Results.InstanceResult) result;
          Results.InstanceCreated c = r.instance();
          return CreateProcessInstanceWithResultResponse.newBuilder()
              .setProcessDefinitionKey(c.processDefinitionKey()).setBpmnProcessId(c.bpmnProcessId())
              .setVersion(c.version()).setProcessInstanceKey(c.processInstanceKey()).setVariables(r.variablesJson())
              .setTenantId(TENANT).build();
        });
  }

  @Override
  public void cancelProcessInstance(CancelProcessInstanceRequest request,
      StreamObserver<CancelProcessInstanceResponse> observer) {
    submit(new Command.CancelInstance(request.getProcessInstanceKey()), observer,
        r -> CancelProcessInstanceResponse.getDefaultInstance());
  }

  @Override
  public void activateJobs(ActivateJobsRequest request, StreamObserver<ActivateJobsResponse> observer) {
    if (request.getWorker().isBlank()) {
      observer.onError(Status.INVALID_ARGUMENT.withDescription("Expected a worker name, but it was blank")
          .asRuntimeException());
      return;
    }
    Command.ActivateJobs command = new Command.ActivateJobs(request.getType(), request.getWorker(),
        request.getTimeout(), request.getMaxJobsToActivate(), request.getFetchVariableList(),
        request.getRequestTimeout());
    submit(command, observer, result -> {
      ActivateJobsResponse.Builder b = ActivateJobsResponse.newBuilder();
      for (ActivatedJobData job : ((Results.ActivatedJobs) result).jobs()) {
        b.addJobs(toProto(job));
      }
      return b.build();
    });
  }

  @Override
  public void streamActivatedJobs(StreamActivatedJobsRequest request, StreamObserver<ActivatedJob> observer) {
    if (request.getType().isBlank() || request.getTimeout() < 1) {
      observer.onError(Status.INVALID_ARGUMENT.withDescription(
          "Expected a non-empty job type and a timeout of at least 1 ms").asRuntimeException());
      return;
    }
    long id = streamIds.incrementAndGet();
    ServerCallStreamObserver<ActivatedJob> server = (ServerCallStreamObserver<ActivatedJob>) observer;
    server.setOnCancelHandler(() -> writer.submit(new Command.CloseJobStream(id), Responder.NONE));
    writer.submit(new Command.OpenJobStream(id, request.getType(), request.getWorker(), request.getTimeout(),
        request.getFetchVariableList()), new Responder() {
          @Override
          public void succeed(Object result) {}

          @Override
          public void reject(Rejection rejection) {
            if (!server.isCancelled()) {
              server.onError(toStatus(rejection).asRuntimeException());
            }
          }

          @Override
          public boolean push(Object item) {
            if (server.isCancelled()) {
              return false;
            }
            server.onNext(toProto((ActivatedJobData) item));
            return true;
          }

          @Override
          public boolean isCancelled() {
            return server.isCancelled();
          }
        });
  }

  static ActivatedJob toProto(ActivatedJobData job) {
    ActivatedJob.Builder b = ActivatedJob.newBuilder().setKey(job.key()).setType(job.type())
        .setProcessInstanceKey(job.processInstanceKey()).setBpmnProcessId(job.bpmnProcessId())
        .setProcessDefinitionVersion(job.processDefinitionVersion())
        .setProcessDefinitionKey(job.processDefinitionKey()).setElementId(job.elementId())
        .setElementInstanceKey(job.elementInstanceKey()).setCustomHeaders(Json.write(job.customHeaders()))
        .setWorker(job.worker()).setRetries(job.retries()).setDeadline(job.deadline())
        .setVariables(job.variablesJson()).setTenantId(TENANT).setKind(kind(job.kind()))
        .setListenerEventType(eventType(job.listenerEventType()));
    ActivatedJobData.UserTaskData ut = job.userTask();
    if (ut != null) {
      UserTaskProperties.Builder p = UserTaskProperties.newBuilder().setUserTaskKey(ut.userTaskKey())
          .setAction(ut.action()).addAllCandidateGroups(ut.candidateGroups())
          .addAllCandidateUsers(ut.candidateUsers()).addAllChangedAttributes(ut.changedAttributes())
          .setPriority(ut.priority());
      if (ut.assignee() != null) {
        p.setAssignee(ut.assignee());
      }
      if (ut.dueDate() != null) {
        p.setDueDate(ut.dueDate());
      }
      if (ut.followUpDate() != null) {
        p.setFollowUpDate(ut.followUpDate());
      }
      b.setUserTask(p);
    }
    return b.build();
  }

  private static ActivatedJob.JobKind kind(Job.Kind kind) {
    return switch (kind) {
      case BPMN_ELEMENT -> ActivatedJob.JobKind.BPMN_ELEMENT;
      case EXECUTION_LISTENER -> ActivatedJob.JobKind.EXECUTION_LISTENER;
      case TASK_LISTENER -> ActivatedJob.JobKind.TASK_LISTENER;
    };
  }

  private static ActivatedJob.ListenerEventType eventType(ListenerEventType type) {
    return switch (type) {
      case null -> ActivatedJob.ListenerEventType.UNSPECIFIED;
      case START -> ActivatedJob.ListenerEventType.START;
      case END -> ActivatedJob.ListenerEventType.END;
      case CREATING -> ActivatedJob.ListenerEventType.CREATING;
      case ASSIGNING -> ActivatedJob.ListenerEventType.ASSIGNING;
      case UPDATING -> ActivatedJob.ListenerEventType.UPDATING;
      case COMPLETING -> ActivatedJob.ListenerEventType.COMPLETING;
      case CANCELING -> ActivatedJob.ListenerEventType.CANCELING;
    };
  }

  @Override
  public void completeJob(CompleteJobRequest request, StreamObserver<CompleteJobResponse> observer) {
    submit(new Command.CompleteJob(request.getJobKey(), request.getVariables(),
        request.hasResult() ? jobResult(request.getResult()) : null), observer,
        r -> CompleteJobResponse.getDefaultInstance());
  }

  /** A user task listener's result; fields the worker left out stay null (they keep the task's value). */
  static Command.JobResult jobResult(io.camunda.zeebe.gateway.protocol.GatewayOuterClass.JobResult r) {
    UserTask.Changes corrections = UserTask.Changes.NONE;
    if (r.hasCorrections()) {
      var c = r.getCorrections();
      corrections = new UserTask.Changes(
          c.hasAssignee() ? c.getAssignee() : null,
          c.hasCandidateGroups() ? c.getCandidateGroups().getValuesList() : null,
          c.hasCandidateUsers() ? c.getCandidateUsers().getValuesList() : null,
          c.hasDueDate() ? c.getDueDate() : null,
          c.hasFollowUpDate() ? c.getFollowUpDate() : null,
          c.hasPriority() ? c.getPriority() : null);
    }
    return new Command.JobResult(r.hasDenied() && r.getDenied(), r.hasDeniedReason() ? r.getDeniedReason() : null,
        corrections);
  }

  @Override
  public void failJob(FailJobRequest request, StreamObserver<FailJobResponse> observer) {
    submit(new Command.FailJob(request.getJobKey(), request.getRetries(), request.getErrorMessage(),
        request.getRetryBackOff(), request.getVariables()), observer, r -> FailJobResponse.getDefaultInstance());
  }

  @Override
  public void throwError(ThrowErrorRequest request, StreamObserver<ThrowErrorResponse> observer) {
    if (request.getErrorCode().isBlank()) {
      observer.onError(Status.INVALID_ARGUMENT.withDescription("Expected an error code, but none given")
          .asRuntimeException());
      return;
    }
    submit(new Command.ThrowError(request.getJobKey(), request.getErrorCode(), request.getErrorMessage(),
        request.getVariables()), observer, r -> ThrowErrorResponse.getDefaultInstance());
  }

  @Override
  public void updateJobRetries(UpdateJobRetriesRequest request, StreamObserver<UpdateJobRetriesResponse> observer) {
    submit(new Command.UpdateJobRetries(request.getJobKey(), request.getRetries()), observer,
        r -> UpdateJobRetriesResponse.getDefaultInstance());
  }

  @Override
  public void updateJobTimeout(UpdateJobTimeoutRequest request, StreamObserver<UpdateJobTimeoutResponse> observer) {
    submit(new Command.UpdateJobTimeout(request.getJobKey(), request.getTimeout()), observer,
        r -> UpdateJobTimeoutResponse.getDefaultInstance());
  }

  @Override
  public void publishMessage(PublishMessageRequest request, StreamObserver<PublishMessageResponse> observer) {
    submit(new Command.PublishMessage(request.getName(), request.getCorrelationKey(), request.getTimeToLive(),
        request.getMessageId(), request.getVariables()), observer,
        r -> PublishMessageResponse.newBuilder().setKey(((Results.Key) r).key()).setTenantId(TENANT).build());
  }

  @Override
  public void broadcastSignal(BroadcastSignalRequest request, StreamObserver<BroadcastSignalResponse> observer) {
    submit(new Command.BroadcastSignal(request.getSignalName(), request.getVariables()), observer,
        r -> BroadcastSignalResponse.newBuilder().setKey(((Results.Key) r).key()).setTenantId(TENANT).build());
  }

  @Override
  public void setVariables(SetVariablesRequest request, StreamObserver<SetVariablesResponse> observer) {
    submit(new Command.SetVariables(request.getElementInstanceKey(), request.getVariables(), request.getLocal()),
        observer, r -> SetVariablesResponse.newBuilder().setKey(((Results.Key) r).key()).build());
  }

  @Override
  public void resolveIncident(ResolveIncidentRequest request, StreamObserver<ResolveIncidentResponse> observer) {
    submit(new Command.ResolveIncident(request.getIncidentKey()), observer,
        r -> ResolveIncidentResponse.getDefaultInstance());
  }
}
