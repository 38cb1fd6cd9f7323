package dev.modelgate.engine.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.api.search.response.ProcessInstanceSequenceFlow;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /v2/process-instances/{key}/sequence-flows} through the real client, before and after a restart. */
class SequenceFlowsTest extends EngineTestBase {

  @Test
  void theFlowsARunningInstanceTookAreListedAndSurviveARestart() {
    String id = unique("flows");
    String type = unique("type");
    deploy(Bpmn.createExecutableProcess(id).startEvent("start").sequenceFlowId("toGateway")
        .exclusiveGateway("which").sequenceFlowId("toBig").conditionExpression("amount > 10")
        .serviceTask("big", t -> t.zeebeJobType(type)).endEvent("bigEnd")
        .moveToNode("which").sequenceFlowId("toSmall").conditionExpression("amount <= 10").endEvent("smallEnd").done());
    long pi = start(id, Map.of("amount", 50));
    h.awaitJob(type);

    List<ProcessInstanceSequenceFlow> flows = h.restClient().newProcessInstanceSequenceFlowsRequest(pi).send().join();
    assertEquals(List.of("toGateway", "toBig"), flows.stream().map(ProcessInstanceSequenceFlow::getElementId).toList());
    assertEquals(Long.toString(pi), String.valueOf(flows.get(0).getProcessInstanceKey()));
    assertEquals(id, flows.get(0).getProcessDefinitionId());

    h.restart();
    assertEquals(List.of("toGateway", "toBig"), h.restClient().newProcessInstanceSequenceFlowsRequest(pi).send()
        .join().stream().map(ProcessInstanceSequenceFlow::getElementId).toList());
  }
}
