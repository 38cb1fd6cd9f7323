package dev.modelgate.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.EngineSettings;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ModelGate's own client reaches both of the embedded engine's APIs: commands over gRPC, searches (which
 * only exist in REST) at the REST address, with the engine's token on both.
 */
class CamundaProcessEngineClientTest {

  @Test
  void theClientUsesTheRealRestAddressAndTheToken() {
    String token = "client-test-token";
    try (EngineHarness h = new EngineHarness(s -> new EngineSettings("0.0.0.0", 0, s.database(), s.barrier(),
        s.clock(), "0.0.0.0", 0, token, s.historyRetention()));
        CamundaClient client = CamundaProcessEngine.newClient(URI.create("http://127.0.0.1:" + h.engine().port()),
            URI.create("http://127.0.0.1:" + h.engine().restPort()), token)) {
      client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("client-test").startEvent()
          .serviceTask("t", t -> t.zeebeJobType("client-test")).endEvent().done(), "p.bpmn").send().join();
      long pi = client.newCreateInstanceCommand().bpmnProcessId("client-test").latestVersion()
          .variables(Map.of("x", 1)).send().join().getProcessInstanceKey();
      assertEquals(pi, client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId("client-test"))
          .send().join().singleItem().getProcessInstanceKey());
    }
  }
}
