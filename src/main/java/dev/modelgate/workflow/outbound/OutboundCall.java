package dev.modelgate.workflow.outbound;

import java.util.Map;

/**
 * An outbound step's call to the team's own systems (deployment, traffic split, training pipeline).
 * Kept behind this interface so the shared team-webhook sender can replace {@link SignedWebhookCall}.
 */
public interface OutboundCall {

  /** What happened: sent (2xx), or skipped because the team has no webhook. */
  record Result(boolean sent, int attempts, Integer status, String note) {}

  /** Thrown when every attempt failed. */
  final class Failure extends Exception {
    public Failure(String message) {
      super(message);
    }
  }

  Result call(String team, String event, Map<String, Object> payload) throws Failure;
}
