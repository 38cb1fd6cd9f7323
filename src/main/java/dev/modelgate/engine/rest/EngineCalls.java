package dev.modelgate.engine.rest;

import dev.modelgate.engine.processing.Command;
import dev.modelgate.engine.processing.CommandSink;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import java.util.concurrent.CompletableFuture;

/**
 * The REST routes' way into the engine: a command on the writer's queue, its answer (sent once durable) as
 * a future; a rejection fails the future with the matching {@link RestProblem}.
 */
public final class EngineCalls {
  private final CommandSink engine;

  public EngineCalls(CommandSink engine) {
    this.engine = engine;
  }

  public CompletableFuture<Object> call(Command command) {
    return call(command, () -> false);
  }

  /** For long polls: {@code gone} says whether the caller has hung up, so that no job is handed to nobody. */
  public CompletableFuture<Object> call(Command command, java.util.function.BooleanSupplier gone) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    engine.submit(command, new Responder() {
      @Override
      public void succeed(Object value) {
        result.complete(value);
      }

      @Override
      public void reject(Rejection rejection) {
        result.completeExceptionally(RestProblem.of(rejection));
      }

      @Override
      public boolean isCancelled() {
        return gone.getAsBoolean();
      }
    });
    return result;
  }
}
