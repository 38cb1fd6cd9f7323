package dev.modelgate.engine.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import dev.modelgate.engine.processing.Results.StateFingerprint;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Compensation events through the client, on models as Camunda Modeler writes them: boundary events
 * associated to handlers, intermediate and end throw events with and without activityRef, completed
 * sub-processes, multi-instance activities, a restart in the middle, and the deployment refusals.
 */
class CompensationTest extends EngineTestBase {
  private static final String DIR = "bpmn/compensation/";

  @Test
  void completedActivitiesAreCompensatedNewestFirstEachWithItsOwnVariables() {
    h.deployResource("conformance/trip-booking-compensation.bpmn");
    long pi = start("trip-booking", Map.of("trip", "T7", "paid", false));
    h.complete(h.awaitJob("book-hotel"), Map.of());
    h.complete(h.awaitJob("book-flight"), Map.of());
    List<ActivatedJob> undo = h.awaitJobs("undo-booking", 2);
    assertEquals(List.of("CancelFlight", "CancelHotel"), undo.stream().map(ActivatedJob::getElementId).toList(),
        "all handlers at once, the latest completion first");
    assertEquals("F-T7", undo.get(0).getVariablesAsMap().get("bookingRef"), "the flight's local variable");
    assertEquals("H-T7", undo.get(1).getVariablesAsMap().get("bookingRef"), "the hotel's local variable");
    h.complete(undo.get(0), Map.of());
    assertTrue(h.isActive(pi), "the throw event waits for every handler");
    h.complete(undo.get(1), Map.of());
    h.awaitCompleted(pi);
    assertTrue(h.activateNow("undo-booking").isEmpty());
  }

  @Test
  void aRestartInTheMiddleOfACompensationCarriesOn() {
    h.deployResource("conformance/trip-booking-compensation.bpmn");
    long pi = start("trip-booking", Map.of("trip", "R1", "paid", false));
    h.complete(h.awaitJob("book-hotel"), Map.of());
    ActivatedJob flight = h.awaitJob("book-flight");
    h.restart(); // the hotel's subscription is in the snapshot
    h.complete(flight, Map.of());
    List<ActivatedJob> undo = h.awaitJobs("undo-booking", 2);
    h.complete(undo.get(0), Map.of());
    h.restart(); // one handler done, one running
    assertTrue(h.isActive(pi));
    assertTrue(h.activateNow("undo-booking").isEmpty(), "the running handler's job stays activated");
    h.complete(undo.get(1), Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void theLogAloneRebuildsACompensationInProgress() {
    h.deployResource("conformance/trip-booking-compensation.bpmn");
    long pi = start("trip-booking", Map.of("trip", "L1", "paid", false));
    h.complete(h.awaitJob("book-hotel"), Map.of());
    h.complete(h.awaitJob("book-flight"), Map.of());
    List<ActivatedJob> undo = h.awaitJobs("undo-booking", 2);
    h.complete(undo.get(0), Map.of());
    StateFingerprint live = h.engine().stateFingerprint();
    h.restart(db -> db.getCollection("engine_snapshot").deleteMany(new Document()));
    assertEquals(live, h.engine().stateFingerprint(), "replaying the compensation events gives the same state");
    h.complete(undo.get(1), Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void activityRefCompensatesOnlyThatActivityThenTheEndEventReachesIntoTheCompletedSubProcess() {
    h.deployResource(DIR + "compensation-scopes.bpmn");
    long pi = start("compensation-scopes", Map.of("order", "O1"));
    h.complete(h.awaitJob("reserve-stock"), Map.of());
    h.complete(h.awaitJob("charge"), Map.of());
    ActivatedJob refund = h.awaitJob("refund");
    assertEquals("Refund", refund.getElementId());
    assertTrue(h.activateNow("release-stock").isEmpty(), "activityRef: only the charge is compensated");
    h.complete(refund, Map.of());
    ActivatedJob release = h.awaitJob("release-stock");
    assertEquals("S-O1", release.getVariablesAsMap().get("reservation"), "the inner task's variables");
    assertTrue(h.activateNow("refund").isEmpty(), "an activity is compensated once");
    assertTrue(h.isActive(pi), "the compensation end event waits for its handler");
    h.complete(release, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void anEmbeddedSubProcessCanBeTheHandler() {
    h.deployResource(DIR + "compensation-subprocess-handler.bpmn");
    long pi = start("compensation-subprocess-handler", Map.of("guest", "G1"));
    h.complete(h.awaitJob("book-room"), Map.of());
    ActivatedJob free = h.awaitJob("free-room");
    assertEquals("B-G1", free.getVariablesAsMap().get("ref"), "the handler's inner steps see the booking's variables");
    assertTrue(h.activateNow("tell-guest").isEmpty(), "the handler runs its steps in order");
    h.complete(free, Map.of());
    h.complete(h.awaitJob("tell-guest"), Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void aMultiInstanceActivityIsCompensatedOnce() {
    h.deployResource(DIR + "compensation-multi-instance.bpmn");
    long pi = start("compensation-multi-instance", Map.of("parcels", List.of("p1", "p2", "p3")));
    for (ActivatedJob ship : h.awaitJobs("ship", 3)) {
      h.complete(ship, Map.of());
    }
    ActivatedJob recall = h.awaitJob("recall");
    assertEquals("Recall", recall.getElementId());
    assertTrue(h.activateNow("recall").isEmpty(), "one handler for the whole multi-instance activity");
    h.complete(recall, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void anActivityStillActiveIsNotCompensated() {
    h.deployResource(DIR + "compensation-active-branch.bpmn");
    long pi = start("compensation-active-branch", Map.of());
    ActivatedJob pack = h.awaitJob("pack");
    h.complete(h.awaitJob("pay"), Map.of());
    h.complete(h.awaitJob("repay"), Map.of());
    assertTrue(h.activateNow("unpack").isEmpty(), "packing is still active: nothing to undo there");
    assertTrue(h.isActive(pi));
    h.complete(pack, Map.of());
    h.awaitCompleted(pi);
    assertTrue(h.activateNow("unpack").isEmpty(), "completing later does not compensate it");
  }

  @Test
  void aThrowInsideASubProcessCompensatesOnlyInsideIt() {
    h.deployResource(DIR + "compensation-inner-throw.bpmn");
    long pi = start("compensation-inner-throw", Map.of());
    h.complete(h.awaitJob("log"), Map.of());
    h.complete(h.awaitJob("step"), Map.of());
    h.complete(h.awaitJob("unstep"), Map.of());
    h.awaitCompleted(pi);
    assertTrue(h.activateNow("unlog").isEmpty(), "the task outside the sub-process is not compensated");
  }

  @Test
  void cancelingDuringACompensationCancelsTheHandlers() {
    h.deployResource(DIR + "compensation-multi-instance.bpmn");
    long pi = start("compensation-multi-instance", Map.of("parcels", List.of("c1")));
    h.complete(h.awaitJob("ship"), Map.of());
    ActivatedJob recall = h.awaitJob("recall");
    client().newCancelInstanceCommand(pi).send().join();
    assertFalse(h.isActive(pi));
    assertThrows(ClientStatusException.class, () -> h.complete(recall, Map.of()), "the handler's job is gone");
  }

  // ------------------------------------------------------------------ refusals

  private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
      + " xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"d\" targetNamespace=\"http://bpmn.io/schema/bpmn\">\n"
      + "<bpmn:process id=\"%s\" isExecutable=\"true\">\n"
      + "<bpmn:startEvent id=\"s\"/><bpmn:sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"a\"/>\n"
      + "<bpmn:task id=\"a\"/><bpmn:sequenceFlow id=\"f2\" sourceRef=\"a\" targetRef=\"t\"/>\n"
      + "<bpmn:boundaryEvent id=\"b\" attachedToRef=\"a\"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>\n";

  private static String refusal(String body) {
    String id = unique("refused");
    String xml = HEAD.formatted(id) + body + (body.contains("id=\"h\"") ? ASSOCIATION : "")
        + "</bpmn:process></bpmn:definitions>";
    ClientStatusException e = assertThrows(ClientStatusException.class, () -> client().newDeployResourceCommand()
        .addResourceStringUtf8(xml, id + ".bpmn").send().join());
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    return e.getStatus().getDescription();
  }

  private static final String THROW_AND_END = "<bpmn:intermediateThrowEvent id=\"t\"><bpmn:compensateEventDefinition/>"
      + "</bpmn:intermediateThrowEvent><bpmn:sequenceFlow id=\"f3\" sourceRef=\"t\" targetRef=\"e\"/>"
      + "<bpmn:endEvent id=\"e\"/>\n";
  private static final String HANDLER = "<bpmn:task id=\"h\" isForCompensation=\"true\"/>\n";
  /** Artifacts come after the flow elements in the BPMN schema. */
  private static final String ASSOCIATION = "<bpmn:association id=\"as\" sourceRef=\"b\" targetRef=\"h\"/>\n";

  @Test
  void theValidModelOfTheRefusalsDeploys() {
    String id = unique("accepted");
    client().newDeployResourceCommand().addResourceStringUtf8(HEAD.formatted(id) + THROW_AND_END + HANDLER
        + ASSOCIATION + "</bpmn:process></bpmn:definitions>", id + ".bpmn").send().join();
    long pi = start(id);
    h.awaitCompleted(pi);
  }

  @Test
  void aBoundaryEventWithoutAnAssociationIsRefused() {
    String message = refusal(THROW_AND_END);
    assertTrue(message.contains("'b'") && message.contains("association"), message);
  }

  @Test
  void aHandlerWithAnOutgoingFlowIsRefused() {
    String message = refusal(THROW_AND_END + HANDLER + "<bpmn:sequenceFlow id=\"f4\" sourceRef=\"h\" targetRef=\"x\"/>"
        + "<bpmn:endEvent id=\"x\"/>");
    assertTrue(message.contains("'h'") && message.contains("outgoing"), message);
  }

  @Test
  void waitForCompletionFalseIsRefused() {
    String message = refusal(HANDLER + "<bpmn:intermediateThrowEvent id=\"t\">"
        + "<bpmn:compensateEventDefinition waitForCompletion=\"false\"/></bpmn:intermediateThrowEvent>"
        + "<bpmn:sequenceFlow id=\"f3\" sourceRef=\"t\" targetRef=\"e\"/><bpmn:endEvent id=\"e\"/>");
    assertTrue(message.contains("'t'") && message.contains("waitForCompletion"), message);
  }

  @Test
  void anActivityRefOutsideTheThrowEventsScopeIsRefused() {
    String message = refusal(HANDLER + "<bpmn:subProcess id=\"sp\"><bpmn:startEvent id=\"ss\"/>"
        + "<bpmn:sequenceFlow id=\"g1\" sourceRef=\"ss\" targetRef=\"st\"/>"
        + "<bpmn:intermediateThrowEvent id=\"st\"><bpmn:compensateEventDefinition activityRef=\"a\"/>"
        + "</bpmn:intermediateThrowEvent></bpmn:subProcess>"
        + "<bpmn:sequenceFlow id=\"f3\" sourceRef=\"t\" targetRef=\"sp\"/>"
        + "<bpmn:intermediateThrowEvent id=\"t\"/>");
    assertTrue(message.contains("'st'") && message.contains("same scope"), message);
  }
}
