package dev.modelgate.engine.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeploymentTest extends EngineTestBase {

  private static Process deployXml(String name, String xml) {
    DeploymentEvent event = client().newDeployResourceCommand()
        .addResourceBytes(xml.getBytes(StandardCharsets.UTF_8), name).send().join();
    return event.getProcesses().get(0);
  }

  @Test
  void sameResourceKeepsItsVersionAndAChangeGetsTheNext() {
    String id = unique("versions");
    String v1 = Bpmn.convertToString(Bpmn.createExecutableProcess(id).startEvent().endEvent().done());
    String v2 = Bpmn.convertToString(Bpmn.createExecutableProcess(id).startEvent().manualTask().endEvent().done());
    Process first = deployXml("p.bpmn", v1);
    Process again = deployXml("p.bpmn", v1);
    Process changed = deployXml("p.bpmn", v2);
    assertEquals(1, first.getVersion());
    assertEquals(first.getProcessDefinitionKey(), again.getProcessDefinitionKey());
    assertEquals(1, again.getVersion());
    assertEquals(2, changed.getVersion());
    assertNotEquals(first.getProcessDefinitionKey(), changed.getProcessDefinitionKey());
    long pi = client().newCreateInstanceCommand().bpmnProcessId(id).version(1).send().join().getProcessInstanceKey();
    h.awaitCompleted(pi);
  }

  @Test
  void unsupportedElementsAreListedInTheRefusal() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
          <bpmn:process id="unsupported" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="complex"/>
            <bpmn:complexGateway id="complex"/>
            <bpmn:sequenceFlow id="f2" sourceRef="complex" targetRef="signal"/>
            <bpmn:intermediateThrowEvent id="signal"><bpmn:signalEventDefinition id="s1"/></bpmn:intermediateThrowEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="signal" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;
    ClientStatusException e = assertThrows(ClientStatusException.class, () -> deployXml("u.bpmn", xml));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    String message = e.getStatus().getDescription();
    assertTrue(message.contains("'complex' (complexGateway)"), message);
    assertTrue(message.contains("'signal' (signal event without a signal name)"), message);
  }

  @Test
  void malformedXmlNamesTheLine() {
    String xml = "<?xml version=\"1.0\"?>\n<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n"
        + "  <bpmn:process id=\"x\">\n  </bpmn:proc>\n</bpmn:definitions>\n";
    ClientStatusException e = assertThrows(ClientStatusException.class, () -> deployXml("bad.bpmn", xml));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("line 4"), e.getStatus().getDescription());
  }

  @Test
  void otherResourceKindsAreRefused() {
    ClientStatusException e = assertThrows(ClientStatusException.class, () -> client().newDeployResourceCommand()
        .addResourceStringUtf8("{}", "form.form").send().join());
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
  }

  @Test
  void unimplementedRpcsSaySo() {
    ClientStatusException e = assertThrows(ClientStatusException.class,
        () -> client().newDeleteResourceCommand(1L).send().join());
    assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
  }
}
