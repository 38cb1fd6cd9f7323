package dev.modelgate.engine.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.grpc.Status;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6: off loopback (here: both APIs bound to 0.0.0.0, reached through 127.0.0.1) the engine
 * needs the token on gRPC and REST alike, sent by the Camunda client's credentials provider; without a
 * token configured it does not start.
 */
class EngineTokenTest {
  private static final String TOKEN = "s3cret-engine-token";

  private static CredentialsProvider bearer(String token) {
    return new CredentialsProvider() {
      @Override
      public void applyCredentials(CredentialsApplier applier) {
        applier.put("Authorization", "Bearer " + token);
      }

      @Override
      public boolean shouldRetryRequest(StatusCode statusCode) {
        return false;
      }
    };
  }

  private static CamundaClient client(EngineHarness h, boolean preferRest, CredentialsProvider credentials) {
    var builder = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + h.engine().port()))
        .restAddress(URI.create("http://127.0.0.1:" + h.engine().restPort()))
        .preferRestOverGrpc(preferRest)
        .defaultRequestTimeout(Duration.ofSeconds(20));
    if (credentials != null) {
      builder.credentialsProvider(credentials);
    }
    return builder.build();
  }

  @Test
  void anEngineBeyondLoopbackWithoutATokenDoesNotStart() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new EngineHarness(s -> s.withRest("0.0.0.0", 0)));
    assertTrue(e.getMessage().contains("MODELGATE_ENGINE_TOKEN"), e.getMessage());
    assertTrue(e.getMessage().contains("0.0.0.0"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void beyondLoopbackBothApisRequireTheToken() {
    try (EngineHarness h = new EngineHarness(s -> new dev.modelgate.engine.EngineSettings("0.0.0.0", 0,
        s.database(), s.barrier(), s.clock(), "0.0.0.0", 0, TOKEN, s.historyRetention()))) {
      try (CamundaClient grpc = client(h, false, null); CamundaClient rest = client(h, true, null);
          CamundaClient wrongGrpc = client(h, false, bearer("guess"));
          CamundaClient wrongRest = client(h, true, bearer("guess"))) {
        ClientStatusException noToken = assertThrows(ClientStatusException.class,
            () -> grpc.newTopologyRequest().send().join());
        assertEquals(Status.Code.UNAUTHENTICATED, noToken.getStatus().getCode());
        assertEquals(Status.Code.UNAUTHENTICATED, assertThrows(ClientStatusException.class,
            () -> wrongGrpc.newTopologyRequest().send().join()).getStatus().getCode());
        assertEquals(401, problemCode(() -> rest.newProcessInstanceSearchRequest().send().join()));
        assertEquals(401, problemCode(() -> wrongRest.newTopologyRequest().send().join()));
      }
      try (CamundaClient grpc = client(h, false, bearer(TOKEN)); CamundaClient rest = client(h, true, bearer(TOKEN))) {
        assertEquals(1, grpc.newTopologyRequest().send().join().getBrokers().size());
        assertEquals(1, rest.newTopologyRequest().send().join().getBrokers().size());
        assertEquals(0, rest.newProcessInstanceSearchRequest().send().join().page().totalItems());
      }
    }
  }

  @Test
  void onLoopbackNoCredentialsAreNeeded() {
    try (EngineHarness h = new EngineHarness(); CamundaClient rest = client(h, true, null)) {
      assertEquals(1, h.client().newTopologyRequest().send().join().getBrokers().size());
      assertEquals(1, rest.newTopologyRequest().send().join().getBrokers().size());
    }
  }

  private static int problemCode(org.junit.jupiter.api.function.Executable call) {
    Throwable t = assertThrows(Throwable.class, call);
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ProblemException p) {
      return p.code();
    }
    throw new AssertionError("expected a problem answer, got " + t, t);
  }
}
