package dev.modelgate.engine.rest;

import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Camunda user tasks: search, get, assign, unassign, update, complete. */
final class UserTaskRoutes {
  private final EngineQueries queries;
  private final UserTaskActions actions;

  UserTaskRoutes(EngineQueries queries, UserTaskActions actions) {
    this.queries = queries;
    this.actions = actions;
  }

  List<RestRoute> routes() {
    return List.of(
        RestRoute.post("/user-tasks/search", this::search),
        RestRoute.get("/user-tasks/:userTaskKey", this::get),
        RestRoute.post("/user-tasks/:userTaskKey/assignment", this::assign),
        RestRoute.delete("/user-tasks/:userTaskKey/assignee", this::unassign),
        RestRoute.patch("/user-tasks/:userTaskKey", this::update),
        RestRoute.post("/user-tasks/:userTaskKey/completion", this::complete));
  }

  private CompletableFuture<RestRoute.Reply> search(RoutingContext request) {
    SearchQuery query = SearchQuery.parse(RestRoute.body(request), UserTaskView.FIELDS);
    return queries.userTasks(query).thenApply(page -> RestRoute.Reply.ok(page.toJson(UserTaskView::toJson)));
  }

  private CompletableFuture<RestRoute.Reply> get(RoutingContext request) {
    long key = RestRoute.pathKey(request, "userTaskKey");
    return queries.userTasks(SearchQuery.byKey("userTaskKey", key)).thenApply(page -> {
      if (page.items().isEmpty()) {
        throw RestProblem.notFound("User task with key '" + key + "' not found");
      }
      return RestRoute.Reply.ok(page.items().get(0).toJson());
    });
  }

  private CompletableFuture<RestRoute.Reply> assign(RoutingContext request) {
    long key = RestRoute.pathKey(request, "userTaskKey");
    JsonFields body = RestRoute.body(request);
    body.allowOnly("assignee", "allowOverride", "action");
    String assignee = body.requiredString("assignee");
    Boolean override = body.bool("allowOverride");
    return actions.assign(key, assignee, override == null || override, body.string("action"))
        .thenApply(r -> RestRoute.Reply.noContent());
  }

  private CompletableFuture<RestRoute.Reply> unassign(RoutingContext request) {
    long key = RestRoute.pathKey(request, "userTaskKey");
    return actions.unassign(key).thenApply(r -> RestRoute.Reply.noContent());
  }

  private CompletableFuture<RestRoute.Reply> update(RoutingContext request) {
    long key = RestRoute.pathKey(request, "userTaskKey");
    JsonFields body = RestRoute.body(request);
    body.allowOnly("changeset", "action");
    JsonFields c = body.object("changeset");
    String action = body.string("action");
    if (c == null && action == null) {
      throw RestProblem.invalid("No update data provided: give 'changeset' or 'action'");
    }
    UserTaskActions.UserTaskChanges changes = new UserTaskActions.UserTaskChanges(null, null, null, null, null);
    if (c != null) {
      c.allowOnly("dueDate", "followUpDate", "candidateUsers", "candidateGroups", "priority");
      changes = new UserTaskActions.UserTaskChanges(date(c, "dueDate"), date(c, "followUpDate"),
          c.has("candidateUsers") ? c.strings("candidateUsers") : null,
          c.has("candidateGroups") ? c.strings("candidateGroups") : null, c.intIn("priority", 0, 100));
    }
    return actions.update(key, changes, action).thenApply(r -> RestRoute.Reply.noContent());
  }

  /** A date of the changeset: ISO-8601, or the empty string (clears it). */
  private static String date(JsonFields c, String name) {
    String value = c.string(name);
    if (value == null || value.isEmpty()) {
      return value;
    }
    try {
      OffsetDateTime.parse(value);
      return value;
    } catch (DateTimeParseException e) {
      throw RestProblem.invalid("Property '" + c.path(name) + "' must be an ISO-8601 date-time, but was '" + value
          + "'");
    }
  }

  private CompletableFuture<RestRoute.Reply> complete(RoutingContext request) {
    long key = RestRoute.pathKey(request, "userTaskKey");
    JsonFields body = RestRoute.body(request);
    body.allowOnly("variables", "action");
    return actions.complete(key, body.variables("variables"), body.string("action"))
        .thenApply(r -> RestRoute.Reply.noContent());
  }
}
