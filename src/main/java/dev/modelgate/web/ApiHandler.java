package dev.modelgate.web;

/** A route's feature call. It runs on a virtual thread, so it may block on the store. */
@FunctionalInterface
public interface ApiHandler {
  Reply handle(ApiCall call) throws Exception;
}
