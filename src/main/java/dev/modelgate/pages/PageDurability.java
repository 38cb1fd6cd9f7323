package dev.modelgate.pages;

import dev.modelgate.store.DurabilityBarrier;
import java.time.Duration;

/**
 * How pages make a form's writes durable before they answer (a redirect after a post acknowledges it as
 * much as an API 201 does), and the {@code Retry-After} of the 503 page while the store cannot save.
 */
public record PageDurability(DurabilityBarrier barrier, Duration retryAfter) {

  /** Whole seconds, at least 1. */
  public String retryAfterSeconds() {
    return Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
  }
}
