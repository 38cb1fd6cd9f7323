package dev.modelgate.pages;

import dev.modelgate.access.Principal;

/** The signed-in person looking at a page, and their session's CSRF token for the page's forms. */
record Viewer(PageSession session, Principal principal) {

  String csrf() {
    return session.csrfToken();
  }

  String username() {
    return principal.username();
  }
}
