package dev.modelgate.web;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Where a route's team comes from, so its permission is checked in the right team: none (platform
 * routes), a path parameter holding the team slug, or a lookup (a project's or model version's team).
 * The router answers a lookup's 404 and a team the caller is not in with one and the same 404.
 */
public sealed interface TeamScope {

  /** Platform-wide route: the permission is checked without a team. */
  record Platform() implements TeamScope {}

  /** The team slug is the named path parameter; an unknown team is a 404. */
  record PathParam(String name) implements TeamScope {}

  /** The team is found from the request, e.g. by loading the project in the path (runs off the event loop). */
  record Lookup(Resolver resolver) implements TeamScope {}

  /**
   * The addressed resource is loaded once, its team checked, and the loaded resource handed to the
   * handler ({@link ApiCall#resource}), so a read costs one store lookup, not two.
   */
  record ResourceLookup(ResourceResolver resolver) implements TeamScope {}

  /** A loaded resource and the team that owns it. */
  record Owned(String team, Object resource) {}

  @FunctionalInterface
  interface ResourceResolver {
    /** Loads the addressed resource; throws a 404 problem when it does not exist. */
    Owned load(RoutingContext ctx);
  }

  @FunctionalInterface
  interface Resolver {
    /** The team of the addressed resource; throws a 404 problem when the resource does not exist. */
    String team(RoutingContext ctx);
  }

  static TeamScope platform() {
    return new Platform();
  }

  static TeamScope pathParam(String name) {
    return new PathParam(name);
  }

  static TeamScope lookup(Resolver resolver) {
    return new Lookup(resolver);
  }

  static TeamScope resource(ResourceResolver resolver) {
    return new ResourceLookup(resolver);
  }

  default Optional<String> describe() {
    return Optional.empty();
  }
}
