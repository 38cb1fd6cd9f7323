package dev.modelgate.access;


/** Who is who in a team, declared once for the access API routes and the team pages. */
public final class AccessActions {

  public static final Action<Void> ME = Action.platform("me.read", Permission.AUTHENTICATED);
  public static final Action<Void> CREATE_USER = Action.platform("user.create", Permission.USER_MANAGE);
  public static final Action<String> READ_MEMBERS = Action.team("members.read", Permission.TEAM_READ);
  public static final Action<String> MANAGE_MEMBERS = Action.team("members.manage", Permission.MEMBERS_MANAGE);

  private AccessActions() {}
}
