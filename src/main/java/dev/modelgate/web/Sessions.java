package dev.modelgate.web;

/** Keys shared between the page session layer and the API dispatch. */
public final class Sessions {
  /** Routing-context key under which a session-authenticated principal is placed. */
  public static final String PRINCIPAL_KEY = "modelgate.principal";
  /**
   * Routing-context key of a {@code Supplier<Optional<Principal>>} that reads the session's principal again
   * (blocking): a request that lasts, such as an event stream, asks it before it sends more, so a sign-out
   * or a change of the person's access ends it too.
   */
  public static final String RECHECK_KEY = "modelgate.principal.recheck";

  private Sessions() {}
}
