package dev.modelgate.engine.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Link events: a throw continues at the catch of the same name in its scope; unmatched links are refused. */
class LinkEventTest extends EngineTestBase {

  private static String process(String id, String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
          <bpmn:process id="%s" isExecutable="true">
        %s
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(id, body);
  }

  private static void deployXml(String xml) {
    client().newDeployResourceCommand().addResourceStringUtf8(xml, "links.bpmn").send().join();
  }

  private static String refusal(String xml) {
    ClientStatusException e = assertThrows(ClientStatusException.class, () -> deployXml(xml));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    return e.getStatus().getDescription();
  }

  @Test
  void aLinkInsideASubProcessLoopsBackUntilDone() {
    String id = unique("link-loop");
    String step = unique("step");
    deployXml(process(id, """
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="sp"/>
            <bpmn:subProcess id="sp">
              <bpmn:startEvent id="spStart"/>
              <bpmn:sequenceFlow id="f1" sourceRef="spStart" targetRef="again"/>
              <bpmn:intermediateCatchEvent id="again"><bpmn:linkEventDefinition name="retry"/></bpmn:intermediateCatchEvent>
              <bpmn:sequenceFlow id="f2" sourceRef="again" targetRef="work"/>
              <bpmn:serviceTask id="work">
                <bpmn:extensionElements><zeebe:taskDefinition type="%s"/></bpmn:extensionElements>
              </bpmn:serviceTask>
              <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="done"/>
              <bpmn:exclusiveGateway id="done" default="f5"/>
              <bpmn:sequenceFlow id="f4" sourceRef="done" targetRef="end">
                <bpmn:conditionExpression>=ok</bpmn:conditionExpression>
              </bpmn:sequenceFlow>
              <bpmn:sequenceFlow id="f5" sourceRef="done" targetRef="toRetry"/>
              <bpmn:intermediateThrowEvent id="toRetry"><bpmn:linkEventDefinition name="retry"/></bpmn:intermediateThrowEvent>
              <bpmn:endEvent id="end"/>
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="f6" sourceRef="sp" targetRef="processEnd"/>
            <bpmn:endEvent id="processEnd"/>
        """.formatted(step)));
    long pi = start(id);
    h.complete(h.awaitJob(step), Map.of("ok", false));
    ActivatedJob second = h.awaitJob(step);
    assertEquals(pi, second.getProcessInstanceKey());
    h.complete(second, Map.of("ok", true));
    h.awaitCompleted(pi);
  }

  @Test
  void aThrowWithoutItsCatchInTheSameScopeIsRefused() {
    String message = refusal(process(unique("link-unmatched"), """
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="jump"/>
            <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="elsewhere"/></bpmn:intermediateThrowEvent>
            <bpmn:subProcess id="sp">
              <bpmn:startEvent id="spStart"/>
              <bpmn:sequenceFlow id="f1" sourceRef="spStart" targetRef="land"/>
              <bpmn:intermediateCatchEvent id="land"><bpmn:linkEventDefinition name="elsewhere"/></bpmn:intermediateCatchEvent>
            </bpmn:subProcess>
        """));
    assertTrue(message.contains("'jump' (intermediateThrowEvent with linkEventDefinition: no link catch event named"
        + " 'elsewhere' in the same scope)"), message);
  }

  @Test
  void twoCatchesOfOneNameAreRefused() {
    String message = refusal(process(unique("link-duplicate"), """
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="jump"/>
            <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="here"/></bpmn:intermediateThrowEvent>
            <bpmn:intermediateCatchEvent id="first"><bpmn:linkEventDefinition name="here"/></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="second"><bpmn:linkEventDefinition name="here"/></bpmn:intermediateCatchEvent>
        """));
    assertTrue(message.contains("'second' (intermediateCatchEvent with linkEventDefinition: the link name 'here' is"
        + " used by more than one link catch event in the scope)"), message);
  }

  @Test
  void aLinkCatchEventCannotFollowAnEventBasedGateway() {
    String message = refusal(process(unique("link-gateway"), """
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gw"/>
            <bpmn:eventBasedGateway id="gw"/>
            <bpmn:sequenceFlow id="f1" sourceRef="gw" targetRef="landing"/>
            <bpmn:intermediateCatchEvent id="landing"><bpmn:linkEventDefinition name="x"/></bpmn:intermediateCatchEvent>
        """));
    assertTrue(message.contains("'gw' (eventBasedGateway must lead to intermediate catch events, but 'landing' is a"
        + " link catch event)"), message);
  }
}
