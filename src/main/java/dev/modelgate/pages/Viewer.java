package dev.modelgate.pages;

import dev.modelgate.access.Principal;

/** The signed-in person looking at a page, and their session's CSRF token for the page's forms. */
public record Viewer(PageSession session, Principal principal) {

  public String csrf() {
    return session.csrfToken();
  }

  public String username() {
    return principal.username();
  }
}
