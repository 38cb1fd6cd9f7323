package dev.modelgate.engine.processing;

import dev.modelgate.engine.util.Json;
import java.util.Map;

/** Carries a rejection out of a command processor; thrown only before the processor changed anything. */
public final class CommandRejection extends RuntimeException {
  private final transient Rejection rejection;

  public CommandRejection(Rejection rejection) {
    super(rejection.message(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }

  /**
   * A command's variables document. A malformed one rejects the command; every processor reads its
   * variables before it changes any state, so a rejection leaves nothing half-done.
   */
  public static Map<String, Object> variables(String json) {
    try {
      return Json.parseObject(json);
    } catch (IllegalArgumentException e) {
      throw new CommandRejection(Rejection.invalid("Property 'variables' is invalid: " + e.getMessage()));
    }
  }
}
