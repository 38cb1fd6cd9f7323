package dev.modelgate.engine.processing;

/**
 * Where the gateway puts commands: the engine's current writer, which is replaced when the engine
 * rebuilds its state after a store failure, so the gateway itself never changes.
 */
@FunctionalInterface
public interface CommandSink {
  void submit(Command command, Responder responder);
}
