package dev.modelgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real-world Camunda 8 examples (shared/conformance): each is run to completion through the
 * client, or its refusal names the unsupported elements.
 */
class ConformanceTest extends EngineTestBase {

  private static final String DIR = "conformance/";

  /** Completes every job of the given types until the instance ends, moving the clock for timers. */
  private static int drive(long pi, Map<String, Map<String, Object>> completions) {
    int completed = 0;
    long deadline = System.nanoTime() + EngineHarness.DEADLINE.toNanos();
    while (h.isActive(pi)) {
      assertTrue(System.nanoTime() < deadline, "instance " + pi + " did not finish");
      boolean progressed = false;
      for (Map.Entry<String, Map<String, Object>> e : completions.entrySet()) {
        for (ActivatedJob job : h.activateNow(e.getKey())) {
          h.complete(job, e.getValue());
          completed++;
          progressed = true;
        }
      }
      if (!progressed) {
        h.clock.advance(Duration.ofMinutes(20));
        sleep(20);
      }
    }
    return completed;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static DeploymentEvent deployFile(String name) {
    return client().newDeployResourceCommand().addResourceFromClasspath(DIR + name).send().join();
  }

  @Test
  void everyConformanceFileIsCovered() throws IOException {
    Set<String> covered = Set.of("exampleProcess.bpmn", "twitter.bpmn", "get-up.bpmn",
        "multi-instance-simple-example.bpmn", "rollback-process.bpmn", "payment_process.bpmn", "eventHandler.bpmn",
        "trip-booking-compensation.bpmn");
    List<String> present = new ArrayList<>();
    Path dir = Path.of("src/test/resources/conformance");
    try (Stream<Path> files = Files.list(dir)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bpmn")).forEach(present::add);
    }
    assertEquals(covered, Set.copyOf(present), "a conformance file without a test");
  }

  @Test
  void tripBookingCompensatesBothBookingsWhenPaymentFails() {
    deployFile("trip-booking-compensation.bpmn");
    Map<String, Map<String, Object>> workers = Map.of("book-hotel", Map.of(), "book-flight", Map.of(),
        "undo-booking", Map.of());
    long canceled = h.start("trip-booking", Map.of("trip", "T-1", "paid", false));
    assertEquals(4, drive(canceled, workers), "two bookings, then both undone");
    long booked = h.start("trip-booking", Map.of("trip", "T-2", "paid", true));
    assertEquals(2, drive(booked, workers), "paid: nothing to undo");
  }

  @Test
  void exampleProcess() {
    deployFile("exampleProcess.bpmn");
    long pi = start("exampleProcess");
    assertEquals(1, drive(pi, Map.of("send-email", Map.of())));
  }

  @Test
  void twitterApprovedAndRejected() {
    deployFile("twitter.bpmn");
    long approved = start("TwitterDemoProcess", Map.of("boss", "Boss", "author", "me", "tweet", "hi"));
    ActivatedJob review = h.awaitJob("io.camunda.zeebe:userTask");
    assertEquals("Boss", review.getCustomHeaders().get("io.camunda.zeebe:assignee"));
    h.complete(review, Map.of("approved", true));
    assertEquals(1, drive(approved, Map.of("publish-tweet", Map.of())));

    long rejected = start("TwitterDemoProcess", Map.of("boss", "Boss", "author", "me", "tweet", "meh"));
    h.complete(h.awaitJob("io.camunda.zeebe:userTask"), Map.of("approved", false));
    assertEquals(1, drive(rejected, Map.of("send-rejection", Map.of())));
  }

  @Test
  void twitterDuplicateGoesThroughTheErrorBoundary() {
    deployFile("twitter.bpmn");
    long pi = start("TwitterDemoProcess", Map.of("boss", "Boss", "author", "me", "tweet", "dup"));
    h.complete(h.awaitJob("io.camunda.zeebe:userTask"), Map.of("approved", true));
    ActivatedJob publish = h.awaitJob("publish-tweet");
    client().newThrowErrorCommand(publish.getKey()).errorCode("duplicateMessage").send().join();
    ActivatedJob handle = h.awaitJob("io.camunda.zeebe:userTask");
    assertEquals("user_task_handle_duplicate", handle.getElementId());
    assertEquals("me", handle.getCustomHeaders().get("io.camunda.zeebe:assignee"));
    h.complete(handle, Map.of("tweet", "not a dup"));
    h.complete(h.awaitJob("io.camunda.zeebe:userTask"), Map.of("approved", true));
    assertEquals(1, drive(pi, Map.of("publish-tweet", Map.of())));
  }

  @Test
  void getUpWithTimersSubProcessAndScript() {
    deployFile("get-up.bpmn");
    long pi = start("GetUpProcess");
    int jobs = drive(pi, Map.of("callKids", Map.of(), "checkProgress", Map.of("progress", "ready")));
    assertTrue(jobs >= 1, "the sub-process's service tasks ran");
  }

  @Test
  void multiInstanceCallActivityCollectsResults() {
    DeploymentEvent event = deployFile("multi-instance-simple-example.bpmn");
    assertEquals(2, event.getProcesses().size());
    long pi = start("MICallActivityProcess");
    h.complete(h.awaitJob("sequenceCreation"), Map.of("sequence", List.of(1, 2, 3)));
    List<ActivatedJob> elements = h.awaitJobs("elementCreation", 3);
    for (ActivatedJob job : elements) {
      int element = ((Number) job.getVariablesAsMap().get("element")).intValue();
      h.complete(job, Map.of("result", "r" + element));
    }
    ActivatedJob show = h.awaitJob("resultLogging");
    assertEquals(List.of("r1", "r2", "r3"), show.getVariablesAsMap().get("resultList"));
    h.complete(show, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void rollbackProcessWithDynamicJobTypes() {
    deployFile("rollback-process.bpmn");
    long pi = start("RollbackOnErrorProcess", Map.of("validateDataType", "validate", "saveDataType", "save"));
    ActivatedJob enter = h.awaitJob("io.camunda.zeebe:userTask");
    assertEquals("validateDataType, saveDataType", enter.getCustomHeaders().get("rollbackOnError"));
    assertEquals(false, enter.getVariablesAsMap().get("validationFails"), "start event output mapping applied");
    h.complete(enter, Map.of());
    assertEquals(2, drive(pi, Map.of("validate", Map.of(), "save", Map.of())));
  }

  @Test
  void paymentProcessIsRefusedForItsCamundaUserTask() {
    ClientStatusException e = assertThrows(ClientStatusException.class, () -> deployFile("payment_process.bpmn"));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    String message = e.getStatus().getDescription();
    assertTrue(message.contains("'CheckPaymentDataTask' (userTask"), message);
    assertTrue(message.contains("zeebe:userTask"), message);
  }

  @Test
  void eventHandlerIsRefusedForItsExecutionListener() throws IOException {
    ClientStatusException e = assertThrows(ClientStatusException.class, () -> deployFile("eventHandler.bpmn"));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    String message = e.getStatus().getDescription();
    assertTrue(message.contains("zeebe:executionListeners"), message);
    String startEventId;
    try (InputStream in = ConformanceTest.class.getClassLoader().getResourceAsStream(DIR + "eventHandler.bpmn")) {
      String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int at = xml.indexOf("<bpmn:startEvent id=\"") + "<bpmn:startEvent id=\"".length();
      startEventId = xml.substring(at, xml.indexOf('"', at));
    }
    assertTrue(message.contains("'" + startEventId + "' (startEvent"), message);
    assertFalse(message.isBlank());
  }
}
