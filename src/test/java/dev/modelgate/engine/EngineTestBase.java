package dev.modelgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.function.Executable;

/** One engine per test class; each test uses its own process ids and job types. */
public abstract class EngineTestBase {
  private static final AtomicInteger IDS = new AtomicInteger();
  protected static EngineHarness h;

  @BeforeAll
  static void startEngine() {
    h = new EngineHarness();
  }

  @AfterAll
  static void stopEngine() {
    h.close();
  }

  protected static CamundaClient client() {
    return h.client();
  }

  protected static String unique(String prefix) {
    return prefix + "-" + IDS.incrementAndGet();
  }

  protected static void deploy(BpmnModelInstance model) {
    h.deploy(model);
  }

  protected static long start(String processId, Map<String, Object> variables) {
    return h.start(processId, variables);
  }

  protected static long start(String processId) {
    return h.start(processId, Map.of());
  }

  protected static Status.Code statusOf(Executable call) {
    ClientStatusException e = assertThrows(ClientStatusException.class, call);
    return e.getStatus().getCode();
  }

  protected static void assertStatus(Status.Code expected, Executable call) {
    assertEquals(expected, statusOf(call));
  }
}
