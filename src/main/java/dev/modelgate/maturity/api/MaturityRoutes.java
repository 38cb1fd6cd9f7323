package dev.modelgate.maturity.api;

import static dev.modelgate.web.ApiRoute.BodyKind.JSON;
import static dev.modelgate.web.ApiRoute.BodyKind.NONE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import dev.modelgate.access.Permission;
import dev.modelgate.maturity.Maturity;
import dev.modelgate.maturity.MaturityAnswers;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.web.ApiCall;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.web.PageRequest;
import dev.modelgate.web.Reply;
import dev.modelgate.web.TeamScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The questionnaire, assessments and pre-filled answers over HTTP. */
public final class MaturityRoutes {

  private final Maturity maturity;
  private final Registry registry;

  public MaturityRoutes(Maturity maturity, Registry registry) {
    this.maturity = maturity;
    this.registry = registry;
  }

  public List<ApiRoute> table() {
    TeamScope projectTeam = TeamScope.resource(ctx -> {
      Project p = registry.project(ctx.pathParam("project"));
      return new TeamScope.Owned(p.team(), p);
    });
    return List.of(
        new ApiRoute(GET, "/maturity/questionnaire", Permission.AUTHENTICATED, TeamScope.platform(), NONE,
            this::questionnaire),
        new ApiRoute(POST, "/projects/:project/maturity-assessments", Permission.MATURITY_ASSESS, projectTeam, JSON,
            this::assess),
        new ApiRoute(GET, "/projects/:project/maturity-assessments", Permission.MATURITY_READ, projectTeam, NONE,
            this::history),
        new ApiRoute(GET, "/projects/:project/maturity-assessments/prefill", Permission.MATURITY_READ, projectTeam,
            NONE, this::prefill));
  }

  private Reply questionnaire(ApiCall call) {
    return Reply.ok(maturity.questionnaire().raw());
  }

  private Reply assess(ApiCall call) {
    Project p = call.resource(Project.class);
    Maturity.Scored s = maturity.assess(call.principal(), p,
        MaturityAnswers.parse(call.body(), maturity.questionnaire()));
    return Reply.created(MaturityJson.scored(s), "/api/v1/projects/" + p.id() + "/maturity-assessments");
  }

  private Reply history(ApiCall call) {
    Project p = call.resource(Project.class);
    return Reply.ok(maturity.history(p, PageRequest.from(call)).toJson(MaturityJson::scored));
  }

  private Reply prefill(ApiCall call) {
    return Reply.ok(MaturityJson.prefill(maturity.prefill(call.resource(Project.class))));
  }
}
