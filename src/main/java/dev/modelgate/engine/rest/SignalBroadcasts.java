package dev.modelgate.engine.rest;

import java.util.concurrent.CompletableFuture;

/**
 * Broadcasting a signal ({@code POST /v2/signals/broadcast}): answers the signal's key once the engine has
 * made the broadcast durable. The engine fills it with its BroadcastSignal command; {@link #NONE} refuses (for
 * a REST server without signals).
 */
@FunctionalInterface
public interface SignalBroadcasts {
  CompletableFuture<Long> broadcast(String signalName, String variablesJson);

  SignalBroadcasts NONE = (name, variables) -> CompletableFuture.failedFuture(new RestProblem(501,
      "NOT_IMPLEMENTED", "Signals are not supported by this embedded engine yet; signal '" + name
          + "' was not broadcast"));
}
