package dev.modelgate.workflow.settings.api;

import static dev.modelgate.web.ApiRoute.BodyKind.JSON;
import static dev.modelgate.web.ApiRoute.BodyKind.NONE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PUT;

import dev.modelgate.kernel.Refusal;
import dev.modelgate.web.ApiCall;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.web.Reply;
import dev.modelgate.workflow.settings.SettingsActions;
import dev.modelgate.workflow.settings.SettingsJson;
import dev.modelgate.workflow.settings.SettingsRequest;
import dev.modelgate.workflow.settings.TeamSettingsService;
import java.util.List;
import java.util.function.Predicate;

/** {@code /teams/{team}/settings}: members read, the lead writes. */
public final class SettingsRoutes {

  private final TeamSettingsService service;
  private final Predicate<String> teamExists;

  public SettingsRoutes(TeamSettingsService service, Predicate<String> teamExists) {
    this.service = service;
    this.teamExists = teamExists;
  }

  public List<ApiRoute> table() {
    return List.of(
        ApiRoute.of(GET, "/teams/:team/settings", SettingsActions.READ, "team", NONE, this::get),
        ApiRoute.of(PUT, "/teams/:team/settings", SettingsActions.WRITE, "team", JSON, this::put));
  }

  private Reply get(ApiCall call) {
    requireTeam(call.team());
    return Reply.ok(SettingsJson.settings(service.settings(call.team())));
  }

  private Reply put(ApiCall call) {
    requireTeam(call.team());
    SettingsRequest req = SettingsRequest.parse(call.body());
    return Reply.ok(SettingsJson.settings(service.save(call.team(), call.principal(), req)));
  }

  private void requireTeam(String team) {
    if (!teamExists.test(team)) {
      throw Refusal.notFound("no team '" + team + "'");
    }
  }
}
