package dev.modelgate.engine.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Malformed requests the Camunda client cannot send (it checks its own input), sent as raw HTTP: each is an
 * {@code application/problem+json} 400 naming the field, and changes nothing (checked with the real client).
 */
class RestBadInputTest extends EngineTestBase {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> send(String method, String path, String body) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.engine().restPort() + path))
          .header("Content-Type", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void assertBadRequest(String method, String path, String body, String namedField) {
    HttpResponse<String> r = send(method, path, body);
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
        r.headers().toString());
    JsonObject problem = new JsonObject(r.body());
    assertEquals(400, problem.getInteger("status"));
    assertTrue(problem.getString("detail").contains(namedField), problem.getString("detail"));
  }

  @Test
  void searchesRefuseUnknownFieldsBadValuesAndBadPages() {
    assertBadRequest("POST", "/v2/process-instances/search", "{\"filter\":{\"colour\":\"red\"}}", "filter.colour");
    assertBadRequest("POST", "/v2/process-instances/search", "{\"filter\":{\"processInstanceKey\":\"abc\"}}",
        "filter.processInstanceKey");
    assertBadRequest("POST", "/v2/process-instances/search", "{\"filter\":{\"state\":\"SLEEPING\"}}", "filter.state");
    assertBadRequest("POST", "/v2/element-instances/search", "{\"filter\":{\"startDate\":{\"$gt\":\"yesterday\"}}}",
        "filter.startDate.$gt");
    assertBadRequest("POST", "/v2/incidents/search", "{\"filter\":{\"jobKey\":{\"$like\":\"1*\"}}}",
        "filter.jobKey.$like");
    assertBadRequest("POST", "/v2/variables/search", "{\"sort\":[{\"field\":\"colour\"}]}", "sort[0].field");
    assertBadRequest("POST", "/v2/variables/search", "{\"sort\":[{\"field\":\"name\",\"order\":\"UP\"}]}",
        "sort[0].order");
    assertBadRequest("POST", "/v2/user-tasks/search", "{\"page\":{\"limit\":0}}", "page.limit");
    assertBadRequest("POST", "/v2/user-tasks/search", "{\"page\":{\"after\":\"not-a-cursor\"}}", "page.after");
    assertBadRequest("POST", "/v2/process-instances/search", "{\"page\":{\"from\":1,\"after\":\"x\"}}", "page.from");
    assertBadRequest("POST", "/v2/process-instances/search", "[1,2]", "JSON object");
    assertBadRequest("POST", "/v2/process-instances/search", "{\"filter\":", "not valid JSON");
  }

  @Test
  void signalsDecisionsCorrelationsAndJobSearchesRefuseMalformedFieldsAndChangeNothing() {
    String id = unique("bad-correlation");
    String message = unique("msg");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("wait", e -> e.message(m -> m.name(message).zeebeCorrelationKeyExpression("k")))
        .endEvent().done());
    long waiting = start(id, Map.of("k", "c-1"));
    h.await(() -> h.isActive(waiting), "the instance waits");
    assertBadRequest("POST", "/v2/messages/correlation", "{\"correlationKey\":\"c-1\"}", "name");
    assertBadRequest("POST", "/v2/messages/correlation", "{\"name\":\"" + message
        + "\",\"correlationKey\":\"c-1\",\"variables\":[1]}", "variables");
    assertBadRequest("POST", "/v2/messages/correlation", "{\"name\":\"" + message
        + "\",\"correlationKey\":\"c-1\",\"timeToLive\":5}", "timeToLive");
    assertTrue(h.isActive(waiting), "no refused correlation reached the instance");

    assertBadRequest("POST", "/v2/signals/broadcast", "{\"signalName\":\"s\",\"variables\":\"x\"}",
        "variables");
    assertBadRequest("POST", "/v2/decision-definitions/evaluation", "{}", "decisionDefinitionId");
    assertBadRequest("POST", "/v2/decision-definitions/evaluation",
        "{\"decisionDefinitionId\":\"d\",\"decisionDefinitionKey\":\"1\"}", "decisionDefinitionKey");
    assertBadRequest("POST", "/v2/decision-definitions/evaluation", "{\"decisionDefinitionKey\":\"1x\"}",
        "decisionDefinitionKey");
    assertBadRequest("POST", "/v2/jobs/search", "{\"filter\":{\"state\":\"SLEEPING\"}}", "filter.state");
    assertBadRequest("POST", "/v2/jobs/search", "{\"filter\":{\"jobKey\":\"abc\"}}", "filter.jobKey");
    assertBadRequest("POST", "/v2/jobs/search", "{\"sort\":[{\"field\":\"colour\"}]}", "sort[0].field");
  }

  @Test
  void commandsRefuseMalformedFieldsAndChangeNothing() {
    String id = unique("bad-create");
    String type = unique("type");
    deploy(Bpmn.createExecutableProcess(id).startEvent().serviceTask("t", t -> t.zeebeJobType(type)).endEvent()
        .done());
    assertBadRequest("POST", "/v2/process-instances", "{\"processDefinitionId\":\"" + id
        + "\",\"variables\":[1]}", "variables");
    assertBadRequest("POST", "/v2/process-instances", "{}", "processDefinitionId");
    assertBadRequest("POST", "/v2/process-instances", "{\"processDefinitionKey\":\"12x\"}", "processDefinitionKey");
    assertBadRequest("POST", "/v2/process-instances", "{\"processDefinitionId\":\"" + id + "\",\"tenantId\":\"t2\"}",
        "tenantId");
    assertEquals(0, h.restClient().newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(id)).send()
        .join().page().totalItems(), "no refused request started an instance");

    start(id, Map.of());
    long jobKey = h.awaitJob(type).getKey();
    assertBadRequest("POST", "/v2/jobs/" + jobKey + "/failure", "{\"retries\":-1}", "retries");
    assertBadRequest("POST", "/v2/jobs/" + jobKey + "/error", "{\"errorMessage\":\"x\"}", "errorCode");
    assertBadRequest("PATCH", "/v2/jobs/" + jobKey, "{\"changeset\":{}}", "changeset");
    assertBadRequest("POST", "/v2/jobs/abc/completion", "{}", "jobKey");
    assertBadRequest("POST", "/v2/jobs/activation", "{\"type\":\"" + type + "\",\"timeout\":0,\"maxJobsToActivate\":1}",
        "timeout");
    assertBadRequest("POST", "/v2/messages/publication", "{\"correlationKey\":\"k\"}", "name");
    assertBadRequest("POST", "/v2/user-tasks/1/assignment", "{\"assignee\":\"\"}", "assignee");
    assertBadRequest("PATCH", "/v2/user-tasks/1", "{\"changeset\":{\"priority\":101}}", "changeset.priority");
    assertBadRequest("PATCH", "/v2/user-tasks/1", "{\"changeset\":{\"dueDate\":\"soon\"}}", "changeset.dueDate");
    // the job is still activated by the worker above, with its retries: nothing changed it
    assertEquals(0, h.activateNow(type).size());
  }

  @Test
  void unknownPathsAndMissingDeploymentPartsAreProblems() {
    HttpResponse<String> r = send("GET", "/v2/no-such-thing", null);
    assertEquals(404, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    assertBadRequest("POST", "/v2/deployments", "{}", "resources");
  }
}
