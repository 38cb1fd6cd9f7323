package dev.modelgate.pages;

/** Thrown by a page handler when nobody is signed in: the page answers with a redirect to the sign-in page. */
public final class SignInRequired extends RuntimeException {

  public SignInRequired() {
    super("sign-in required", null, false, false);
  }
}
