package dev.modelgate.support;

/** API clients for a server this JVM did not start (e.g. a child process). */
public record TestServerClients(String baseUrl) {

  public ApiClient as(String user, String password) {
    return new ApiClient(baseUrl, ApiClient.basic(user, password));
  }

  public ApiClient anonymous() {
    return new ApiClient(baseUrl, null);
  }
}
