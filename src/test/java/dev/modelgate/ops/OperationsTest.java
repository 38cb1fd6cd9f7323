package dev.modelgate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OperationsTest {

  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void liveAndReadyReportTheStore() {
    assertEquals(200, server.anonymous().get("/health/live").status());
    ApiResponse ready = server.anonymous().get("/health/ready");
    assertEquals(200, ready.status());
    assertEquals("UP", ready.json().getJsonObject("checks").getString("store"));
  }

  @Test
  void metricsArePrometheusTextWithHttpServerMetrics() {
    server.anonymous().get("/health/live");
    ApiResponse metrics = server.anonymous().get("/metrics");
    assertEquals(200, metrics.status());
    assertTrue(metrics.body().contains("vertx_http_server_requests_total"), metrics.body().substring(0, 300));
    assertTrue(metrics.body().contains("jvm_memory_used_bytes"));
    assertTrue(metrics.body().contains("modelgate_workflows_without_current_step "), "stuck-workflow gauge");
    assertTrue(metrics.body().contains("modelgate_incidents_open "), "incident gauge");
  }

  @Test
  void everyResponseCarriesARequestIdAndSecurityHeaders() {
    ApiResponse a = server.anonymous().get("/api/v1/teams");
    ApiResponse b = server.anonymous().get("/api/v1/teams");
    assertNotEquals(a.header("X-Request-Id"), b.header("X-Request-Id"));
    assertEquals("nosniff", a.header("X-Content-Type-Options"));
    assertEquals("DENY", a.header("X-Frame-Options"));
    String csp = a.header("Content-Security-Policy");
    assertTrue(csp.contains("frame-ancestors 'none'"));
    assertTrue(csp.contains("script-src 'self';"), csp);
    ApiResponse given = server.anonymous().withAuthorization(null)
        .send("GET", "/health/live", null, null);
    assertTrue(given.header("X-Request-Id") != null);
  }
}
