package dev.modelgate.web;

/** Keys shared between the page session layer and the API dispatch. */
public final class Sessions {
  /** Routing-context key under which a session-authenticated principal is placed. */
  public static final String PRINCIPAL_KEY = "modelgate.principal";

  private Sessions() {}
}
