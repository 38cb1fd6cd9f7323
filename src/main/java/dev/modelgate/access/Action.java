package dev.modelgate.access;

import java.util.function.Function;

/**
 * One thing people do, declared once in its feature: the permission it needs and where its team comes from
 * (the platform, a team slug, or the team of the subject it acts on). The API route
 * ({@code ApiRoute.of}) and the page that do it both name the action, so a permission is never declared twice
 * and the JSON and HTML answers cannot drift apart.
 *
 * @param <R> what the action acts on (a project, a workflow, …), loaded from the id in the path
 */
public record Action<R>(String name, Permission permission, Scope<R> scope) {

  /** Where the action's team comes from. */
  public sealed interface Scope<R> {}

  /** A platform-wide action: the permission is checked without a team. */
  public record Platform<R>() implements Scope<R> {}

  /** The subject is the team itself, named by its slug. */
  public record TeamSlug<R>() implements Scope<R> {}

  /**
   * The subject is loaded by id ({@code load} refuses with not-found when there is none) and its team is
   * the one the permission is checked in.
   */
  public record Owned<R>(Function<String, R> load, Function<R, String> team) implements Scope<R> {}

  public static Action<Void> platform(String name, Permission permission) {
    return new Action<>(name, permission, new Platform<>());
  }

  public static Action<String> team(String name, Permission permission) {
    return new Action<>(name, permission, new TeamSlug<>());
  }

  public static <R> Action<R> owned(String name, Permission permission, Function<String, R> load,
      Function<R, String> team) {
    return new Action<>(name, permission, new Owned<>(load, team));
  }

  /** The same subject, acted on with another permission (e.g. reading a workflow and cancelling it). */
  public Action<R> with(String otherName, Permission otherPermission) {
    return new Action<>(otherName, otherPermission, scope);
  }
}
