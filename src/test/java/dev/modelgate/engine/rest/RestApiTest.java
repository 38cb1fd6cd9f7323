package dev.modelgate.engine.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.response.Topology;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The REST API v2 through the real Camunda client preferring REST (both addresses set), beside the gRPC
 * client on the same engine: what one API does, the other sees.
 */
class RestApiTest extends EngineTestBase {

  private static CamundaClient rest() {
    return h.restClient();
  }

  private static BpmnModelInstance serviceTask(String id, String type) {
    return Bpmn.createExecutableProcess(id).startEvent().serviceTask("task", t -> t.zeebeJobType(type))
        .endEvent().done();
  }

  private static DeploymentEvent deployRest(BpmnModelInstance model) {
    return rest().newDeployResourceCommand().addProcessModel(model, "process.bpmn").send().join();
  }

  private static long startRest(String id, Map<String, Object> variables) {
    return rest().newCreateInstanceCommand().bpmnProcessId(id).latestVersion().variables(variables).send().join()
        .getProcessInstanceKey();
  }

  private static ActivatedJob awaitRestJob(String type) {
    long deadline = System.nanoTime() + EngineHarness.DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      List<ActivatedJob> jobs = rest().newActivateJobsCommand().jobType(type).maxJobsToActivate(1)
          .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofMillis(500)).send().join().getJobs();
      if (!jobs.isEmpty()) {
        return jobs.get(0);
      }
    }
    throw new AssertionError("no job of type " + type + " over REST");
  }

  /** The problem the REST API answered (the client throws it, possibly wrapped by join()). */
  private static ProblemException problem(Executable call) {
    Throwable t = assertThrows(Throwable.class, call);
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (!(t instanceof ProblemException p)) {
      throw new AssertionError("expected a problem answer, got " + t, t);
    }
    return p;
  }

  @Test
  void topologyOverRestShowsOneLeaderPartition() {
    Topology topology = rest().newTopologyRequest().send().join();
    assertEquals(1, topology.getClusterSize());
    assertEquals(1, topology.getPartitionsCount());
    assertEquals(1, topology.getBrokers().size());
    assertEquals(h.engine().port(), topology.getBrokers().get(0).getPort());
    assertEquals(1, topology.getBrokers().get(0).getPartitions().get(0).getPartitionId());
    assertTrue(topology.getBrokers().get(0).getPartitions().get(0).isLeader());
  }

  @Test
  void deployCreateCompleteOverRestIsSeenOverGrpc() {
    String id = unique("rest-flow");
    String type = unique("type");
    DeploymentEvent deployment = deployRest(serviceTask(id, type));
    assertEquals(1, deployment.getProcesses().size());
    assertEquals(id, deployment.getProcesses().get(0).getBpmnProcessId());
    assertEquals(1, deployment.getProcesses().get(0).getVersion());

    ProcessInstanceEvent created = rest().newCreateInstanceCommand().bpmnProcessId(id).latestVersion()
        .variables(Map.of("order", "o-1")).send().join();
    assertEquals(deployment.getProcesses().get(0).getProcessDefinitionKey(), created.getProcessDefinitionKey());
    assertTrue(h.isActive(created.getProcessInstanceKey()), "the gRPC side sees the instance REST created");

    ActivatedJob job = awaitRestJob(type);
    assertEquals(created.getProcessInstanceKey(), job.getProcessInstanceKey());
    assertEquals("o-1", job.getVariablesAsMap().get("order"));
    assertEquals("task", job.getElementId());
    rest().newCompleteCommand(job.getKey()).variables(Map.of("done", true)).send().join();
    h.awaitCompleted(created.getProcessInstanceKey());
  }

  @Test
  void createWithResultOverRestAnswersTheFinalVariables() {
    String id = unique("rest-result");
    deployRest(Bpmn.createExecutableProcess(id).startEvent()
        .scriptTask("double", s -> s.zeebeExpression("n * 2").zeebeResultVariable("m")).endEvent().done());
    ProcessInstanceResult result = rest().newCreateInstanceCommand().bpmnProcessId(id).latestVersion()
        .variables(Map.of("n", 21)).withResult().fetchVariables("m").send().join();
    assertEquals(42, ((Number) result.getVariablesAsMap().get("m")).intValue());
    assertFalse(result.getVariablesAsMap().containsKey("n"));
  }

  @Test
  void getAndCancelAProcessInstance() {
    String id = unique("rest-cancel");
    deploy(serviceTask(id, unique("type")));
    long pi = start(id);
    ProcessInstance found = rest().newProcessInstanceGetRequest(pi).send().join();
    assertEquals(pi, found.getProcessInstanceKey());
    assertEquals(id, found.getProcessDefinitionId());
    assertEquals(ProcessInstanceState.ACTIVE, found.getState());
    assertFalse(found.getHasIncident());

    h.clock.advance(Duration.ofMinutes(3));
    rest().newCancelInstanceCommand(pi).send().join();
    assertFalse(h.isActive(pi));
    assertEquals(404, problem(() -> rest().newCancelInstanceCommand(pi).send().join()).code());
    // the history keeps the canceled instance, as Camunda's secondary storage does
    ProcessInstance canceled = rest().newProcessInstanceGetRequest(pi).send().join();
    assertEquals(ProcessInstanceState.TERMINATED, canceled.getState());
    assertEquals(Duration.ofMinutes(3), Duration.between(canceled.getStartDate(), canceled.getEndDate()));
    assertEquals(404, problem(() -> rest().newProcessInstanceGetRequest(pi + 1_000_000).send().join()).code());
  }

  @Test
  void aCalledInstanceNamesItsParentAndRoot() {
    String parentId = unique("rest-parent");
    String childId = unique("rest-child");
    String type = unique("type");
    deploy(serviceTask(childId, type));
    deploy(Bpmn.createExecutableProcess(parentId).startEvent()
        .callActivity("call", c -> c.zeebeProcessId(childId)).endEvent().done());
    long parent = start(parentId);
    h.awaitJob(type);

    SearchResponse<ProcessInstance> children = rest().newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(childId).parentProcessInstanceKey(parent)).send().join();
    assertEquals(1, children.items().size());
    ProcessInstance child = children.items().get(0);
    assertEquals(parent, child.getParentProcessInstanceKey());
    assertEquals(parent, child.getRootProcessInstanceKey());
    ElementInstance call = rest().newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(parent).elementId("call")).send().join().items().get(0);
    assertEquals(call.getElementInstanceKey(), child.getParentElementInstanceKey());
    ElementInstance task = rest().newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(child.getProcessInstanceKey()).elementId("task")).send().join().items()
        .get(0);
    assertEquals(parent, task.getRootProcessInstanceKey());
    assertEquals(parent, rest().newProcessInstanceGetRequest(parent).send().join().getRootProcessInstanceKey());
  }

  @Test
  void endedInstancesKeepTheirDatesElementsFlowsAndVariablesInTheHistory() {
    String id = unique("rest-ended");
    String type = unique("type");
    deploy(Bpmn.createExecutableProcess(id).startEvent("start").sequenceFlowId("toTask")
        .serviceTask("task", t -> t.zeebeJobType(type)).sequenceFlowId("toEnd").endEvent("end").done());
    OffsetDateTime started = Instant.ofEpochMilli(h.clock.millis()).atOffset(ZoneOffset.UTC);
    long pi = start(id, Map.of("order", "o-7"));
    ActivatedJob job = h.awaitJob(type);
    h.clock.advance(Duration.ofSeconds(90));
    client().newCompleteCommand(job.getKey()).variables(Map.of("paid", true)).send().join();
    h.awaitCompleted(pi);
    long running = start(id);

    ProcessInstance done = rest().newProcessInstanceGetRequest(pi).send().join();
    assertEquals(ProcessInstanceState.COMPLETED, done.getState());
    assertEquals(started.toInstant(), done.getStartDate().toInstant());
    assertEquals(started.plusSeconds(90).toInstant(), done.getEndDate().toInstant());
    SearchResponse<ProcessInstance> completed = rest().newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(id).state(ProcessInstanceState.COMPLETED)).send().join();
    assertEquals(List.of(pi), completed.items().stream().map(ProcessInstance::getProcessInstanceKey).toList());
    SearchResponse<ProcessInstance> active = rest().newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(id).state(ProcessInstanceState.ACTIVE)).send().join();
    assertEquals(List.of(running), active.items().stream().map(ProcessInstance::getProcessInstanceKey).toList());
    assertNull(active.items().get(0).getEndDate());

    SearchResponse<ElementInstance> elements = rest().newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(pi)).sort(s -> s.elementInstanceKey().asc()).send().join();
    assertEquals(List.of(id, "start", "task", "end"),
        elements.items().stream().map(ElementInstance::getElementId).toList());
    ElementInstance process = elements.items().get(0);
    assertEquals(pi, process.getElementInstanceKey(), "the process instance is an element instance of itself");
    assertEquals(ElementInstanceType.PROCESS, process.getType());
    assertTrue(elements.items().stream().allMatch(e -> e.getState() == ElementInstanceState.COMPLETED));
    ElementInstance task = elements.items().get(2);
    assertEquals(Duration.ofSeconds(90), Duration.between(task.getStartDate(), task.getEndDate()));

    assertEquals(List.of("toTask", "toEnd"), rest().newProcessInstanceSequenceFlowsRequest(pi).send().join()
        .stream().map(f -> f.getElementId()).toList());

    SearchResponse<Variable> variables = rest().newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(pi)).sort(s -> s.name().asc()).send().join();
    assertEquals(List.of("order", "paid"), variables.items().stream().map(Variable::getName).toList());
    assertTrue(variables.items().stream().allMatch(v -> v.getVariableKey() != null && v.getVariableKey() > 0));
    assertEquals(2, variables.items().stream().map(Variable::getVariableKey).distinct().count());
  }

  @Test
  void processInstanceSearchFiltersSortsAndPages() {
    String id = unique("rest-search");
    deploy(serviceTask(id, unique("type")));
    List<Long> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys.add(start(id));
    }
    deploy(serviceTask(unique("other"), unique("type")));

    SearchResponse<ProcessInstance> all = rest().newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(id)).sort(s -> s.processInstanceKey().desc()).send().join();
    assertEquals(5, all.page().totalItems());
    assertEquals(keys.reversed(), all.items().stream().map(ProcessInstance::getProcessInstanceKey).toList());

    SearchResponse<ProcessInstance> first = rest().newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(id)).sort(s -> s.processInstanceKey().asc()).page(p -> p.limit(2))
        .send().join();
    assertEquals(keys.subList(0, 2), first.items().stream().map(ProcessInstance::getProcessInstanceKey).toList());
    assertEquals(5, first.page().totalItems());
    SearchResponse<ProcessInstance> second = rest().newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(id)).sort(s -> s.processInstanceKey().asc())
        .page(p -> p.after(first.page().endCursor()).limit(2)).send().join();
    assertEquals(keys.subList(2, 4), second.items().stream().map(ProcessInstance::getProcessInstanceKey).toList());
    SearchResponse<ProcessInstance> back = rest().newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(id)).sort(s -> s.processInstanceKey().asc())
        .page(p -> p.before(second.page().startCursor()).limit(1)).send().join();
    assertEquals(List.of(keys.get(1)), back.items().stream().map(ProcessInstance::getProcessInstanceKey).toList());
    SearchResponse<ProcessInstance> offset = rest().newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(id)).sort(s -> s.processInstanceKey().asc()).page(p -> p.from(4).limit(10))
        .send().join();
    assertEquals(List.of(keys.get(4)), offset.items().stream().map(ProcessInstance::getProcessInstanceKey).toList());

    SearchResponse<ProcessInstance> one = rest().newProcessInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(keys.get(3))).send().join();
    assertEquals(List.of(keys.get(3)), one.items().stream().map(ProcessInstance::getProcessInstanceKey).toList());
  }

  @Test
  void elementInstanceAndVariableSearchShowWhereAnInstanceIs() {
    String id = unique("rest-elements");
    String type = unique("type");
    deploy(serviceTask(id, type));
    long pi = start(id, Map.of("amount", 12.5, "customer", Map.of("name", "Ada")));
    h.awaitJob(type);

    SearchResponse<ElementInstance> elements = rest().newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(pi).elementId("task")).send().join();
    assertEquals(1, elements.items().size());
    ElementInstance task = elements.items().get(0);
    assertEquals(ElementInstanceType.SERVICE_TASK, task.getType());
    assertEquals(ElementInstanceState.ACTIVE, task.getState());
    assertEquals(id, task.getProcessDefinitionId());
    assertEquals(task.getElementInstanceKey(),
        rest().newElementInstanceGetRequest(task.getElementInstanceKey()).send().join().getElementInstanceKey());

    SearchResponse<Variable> variables = rest().newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(pi)).sort(s -> s.name().asc()).send().join();
    assertEquals(List.of("amount", "customer"), variables.items().stream().map(Variable::getName).toList());
    assertEquals("12.5", variables.items().get(0).getValue());
    assertEquals("{\"name\": \"Ada\"}".replace(" ", ""), variables.items().get(1).getValue().replace(" ", ""));
    assertEquals(pi, variables.items().get(0).getScopeKey());

    SearchResponse<Variable> byName = rest().newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(pi).name("customer")).send().join();
    assertEquals(1, byName.items().size());
  }

  @Test
  void failedJobBecomesAnIncidentThatRestFindsAndResolves() {
    String id = unique("rest-incident");
    String type = unique("type");
    deploy(serviceTask(id, type));
    long pi = start(id);
    ActivatedJob job = awaitRestJob(type);
    rest().newFailCommand(job.getKey()).retries(0).errorMessage("printer on fire").send().join();

    SearchResponse<Incident> incidents = rest().newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(pi)).send().join();
    assertEquals(1, incidents.items().size());
    Incident incident = incidents.items().get(0);
    assertEquals(IncidentErrorType.JOB_NO_RETRIES, incident.getErrorType());
    assertEquals("printer on fire", incident.getErrorMessage());
    assertEquals("task", incident.getElementId());
    assertEquals(job.getKey(), incident.getJobKey());
    assertTrue(rest().newProcessInstanceGetRequest(pi).send().join().getHasIncident());
    assertEquals(incident.getIncidentKey(),
        rest().newIncidentGetRequest(incident.getIncidentKey()).send().join().getIncidentKey());

    assertEquals(IncidentState.ACTIVE, incident.getState());
    assertEquals(h.clock.millis(), incident.getCreationTime().toInstant().toEpochMilli());

    rest().newUpdateRetriesCommand(job.getKey()).retries(2).send().join();
    rest().newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    assertTrue(rest().newIncidentSearchRequest().filter(f -> f.processInstanceKey(pi).state(IncidentState.ACTIVE))
        .send().join().items().isEmpty());
    assertEquals(IncidentState.RESOLVED, rest().newIncidentGetRequest(incident.getIncidentKey()).send().join()
        .getState(), "the history keeps the resolved incident");
    assertFalse(rest().newProcessInstanceGetRequest(pi).send().join().getHasIncident());
    assertEquals(404, problem(() -> rest().newResolveIncidentCommand(incident.getIncidentKey()).send().join())
        .code());

    ActivatedJob again = awaitRestJob(type);
    assertEquals(job.getKey(), again.getKey());
    assertEquals(2, again.getRetries());
    rest().newCompleteCommand(again.getKey()).send().join();
    h.awaitCompleted(pi);
  }

  @Test
  void thrownErrorOverRestIsCaughtByTheBoundaryEvent() {
    String id = unique("rest-error");
    String type = unique("type");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent().serviceTask("task", t -> t.zeebeJobType(type))
        .boundaryEvent("caught", b -> b.error("E-1")).serviceTask("handle", t -> t.zeebeJobType(after)).endEvent()
        .moveToActivity("task").endEvent().done());
    start(id);
    ActivatedJob job = awaitRestJob(type);
    rest().newThrowErrorCommand(job.getKey()).errorCode("E-1").errorMessage("no stock").send().join();
    assertEquals("handle", awaitRestJob(after).getElementId());
  }

  @Test
  void aJobWorkerPollingOverRestCompletesEveryInstance() throws Exception {
    String id = unique("rest-worker");
    String type = unique("type");
    deploy(serviceTask(id, type));
    List<Long> instances = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      instances.add(start(id, Map.of("i", i)));
    }
    java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    // no gRPC gateway at this client's gRPC address: everything it does goes over REST
    try (CamundaClient restOnly = CamundaClient.newClientBuilder()
        .grpcAddress(java.net.URI.create("http://127.0.0.1:1"))
        .restAddress(java.net.URI.create("http://127.0.0.1:" + h.engine().restPort()))
        .preferRestOverGrpc(true).build();
        var worker = restOnly.newWorker().jobType(type).handler((client, job) -> {
      seen.add(job.getProcessInstanceKey());
      client.newCompleteCommand(job.getKey()).variables(Map.of("seen", true)).send().join();
    }).streamEnabled(false).pollInterval(Duration.ofMillis(50)).requestTimeout(Duration.ofMillis(500)).open()) {
      for (long pi : instances) {
        h.awaitCompleted(pi);
      }
    }
    assertEquals(new java.util.HashSet<>(instances), seen);
  }

  @Test
  void publishedMessageOverRestIsCorrelated() {
    String id = unique("rest-message");
    String type = unique("type");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("wait", e -> e.message(m -> m.name("paid").zeebeCorrelationKeyExpression("order")))
        .serviceTask("ship", t -> t.zeebeJobType(type)).endEvent().done());
    start(id, Map.of("order", "o-7"));
    rest().newPublishMessageCommand().messageName("paid").correlationKey("o-7").variables(Map.of("amount", 3))
        .send().join();
    ActivatedJob job = awaitRestJob(type);
    assertEquals(3, ((Number) job.getVariablesAsMap().get("amount")).intValue());
  }

  @Test
  void unknownKeysAnswer404AndStateConflicts409() {
    long unknown = 2251799813685249L + 999_999;
    assertEquals(404, problem(() -> rest().newCompleteCommand(unknown).send().join()).code());
    assertEquals(404, problem(() -> rest().newProcessInstanceGetRequest(unknown).send().join()).code());
    assertEquals(404, problem(() -> rest().newElementInstanceGetRequest(unknown).send().join()).code());
    assertEquals(404, problem(() -> rest().newCreateInstanceCommand().bpmnProcessId(unique("nothing"))
        .latestVersion().send().join()).code());

    String parent = unique("parent");
    String child = unique("child");
    String type = unique("type");
    deploy(serviceTask(child, type));
    deploy(Bpmn.createExecutableProcess(parent).startEvent().callActivity("call", c -> c.zeebeProcessId(child))
        .endEvent().done());
    start(parent);
    ActivatedJob job = h.awaitJob(type);
    ProblemException conflict = problem(() -> rest().newCancelInstanceCommand(job.getProcessInstanceKey())
        .send().join());
    assertEquals(409, conflict.code());
    assertNotNull(conflict.details().getDetail());
  }

  @Test
  void deploymentRefusalsAreProblemsNamingTheElement() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
          <bpmn:process id="rest-unsupported" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="cx"/>
            <bpmn:complexGateway id="cx"/>
            <bpmn:sequenceFlow id="f2" sourceRef="cx" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;
    ProblemException p = problem(() -> rest().newDeployResourceCommand()
        .addResourceString(xml, java.nio.charset.StandardCharsets.UTF_8, "u.bpmn").send().join());
    assertEquals(400, p.code());
    assertTrue(p.details().getDetail().contains("'cx' (complexGateway)"), p.details().getDetail());
  }

  @Test
  void userTasksHaveTheirRoutesAndNoneExistYet() {
    assertEquals(0, rest().newUserTaskSearchRequest().filter(f -> f.assignee("ada")).send().join().page()
        .totalItems());
    long unknown = 2251799813685249L + 888_888;
    assertEquals(404, problem(() -> rest().newUserTaskGetRequest(unknown).send().join()).code());
    assertEquals(404, problem(() -> rest().newAssignUserTaskCommand(unknown).assignee("ada").send().join()).code());
    assertEquals(404, problem(() -> rest().newUnassignUserTaskCommand(unknown).send().join()).code());
    assertEquals(404, problem(() -> rest().newCompleteUserTaskCommand(unknown).send().join()).code());
    assertEquals(404, problem(() -> rest().newUpdateUserTaskCommand(unknown).priority(10).send().join()).code());
  }

  @Test
  void sequenceFlowsOfAnUnknownInstanceAre404() {
    long unknown = 2251799813685249L + 777_777;
    assertEquals(404, problem(() -> rest().newProcessInstanceSequenceFlowsRequest(unknown).send().join()).code());
  }

  @Test
  void aRestSearchSeesWhatGrpcJustAcknowledged() {
    String id = unique("rest-fresh");
    deploy(serviceTask(id, unique("type")));
    for (int i = 0; i < 20; i++) {
      long pi = start(id);
      assertEquals(1, rest().newProcessInstanceSearchRequest().filter(f -> f.processInstanceKey(pi)).send().join()
          .items().size());
    }
  }
}
