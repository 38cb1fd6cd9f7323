package dev.modelgate.workflow.settings;

import dev.modelgate.access.Action;
import dev.modelgate.access.Permission;

/** What leads do with their team's settings, declared once for the settings API routes and the team pages. */
public final class SettingsActions {

  public static final Action<String> READ = Action.team("team-settings.read", Permission.TEAM_SETTINGS_READ);
  public static final Action<String> WRITE = Action.team("team-settings.write", Permission.TEAM_SETTINGS_WRITE);

  private SettingsActions() {}
}
