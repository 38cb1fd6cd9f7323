package dev.modelgate.web;

import dev.modelgate.access.Permission;

/**
 * A streaming API route (Server-Sent Events): a GET that is authenticated and authorized exactly like an
 * {@link ApiRoute}, but whose handler keeps the response open and writes events to an {@link EventStream}
 * instead of returning one {@link Reply}.
 */
public record StreamRoute(String path, Permission permission, TeamScope scope, StreamHandler handler) {

  /** Runs on its own virtual thread for as long as the stream is open; it may block (sleep, poll the store). */
  @FunctionalInterface
  public interface StreamHandler {
    void stream(ApiCall call, EventStream events) throws Exception;
  }

  public String openApiPath() {
    return path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
  }
}
