package dev.modelgate.engine.processing;

/**
 * Where a command's answer goes. The engine calls it from its writer thread, and only after the
 * command's effects are durable.
 */
public interface Responder {
  Responder NONE = new Responder() {
    @Override
    public void succeed(Object result) {}

    @Override
    public void reject(Rejection rejection) {}
  };

  void succeed(Object result);

  void reject(Rejection rejection);

  /** For streams: another item (an activated job); true while the receiver is still there. */
  default boolean push(Object item) {
    return false;
  }

  /** For long polls: whether the caller has given up. */
  default boolean isCancelled() {
    return false;
  }
}
