package dev.modelgate.access;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The user directory in two collections, both read by unique key: {@code user_directory} (one document per
 * user name) and {@code team_directory} (one document per team listing the user names recorded in each
 * role: who holds a role is one lookup, not a scan of every person).
 */
final class DirectoryRepository {

  private final MongoCollection<Document> users;
  private final MongoCollection<Document> teams;

  DirectoryRepository(Store store) {
    this.users = store.collection("user_directory");
    this.teams = store.collection("team_directory");
  }

  Optional<DirectoryEntry> find(String username) {
    return Optional.ofNullable(users.find(eq("_id", username)).first()).map(DirectoryRepository::toEntry);
  }

  void save(DirectoryEntry e) {
    Document teamsDoc = new Document();
    e.teamRoles().forEach((team, roles) -> teamsDoc.append(team, roles.stream().map(Role::id).sorted().toList()));
    List<Bson> sets = new ArrayList<>(List.of(
        Updates.set("displayName", e.displayName()),
        Updates.set("admin", e.admin()),
        Updates.set("teams", teamsDoc),
        Updates.set("source", e.source()),
        Updates.set("lastSeen", Date.from(e.lastSeen()))));
    if (e.email() != null) {
      sets.add(Updates.set("email", e.email()));
    }
    users.updateOne(eq("_id", e.username()), Updates.combine(sets), new UpdateOptions().upsert(true));
  }

  /** Makes the team's role lists say exactly {@code roles} about {@code username} (idempotent). */
  void setTeamMembership(String team, String username, Set<Role> roles) {
    List<Bson> changes = new ArrayList<>();
    for (Role r : Role.values()) {
      changes.add(roles.contains(r) ? Updates.addToSet(r.id(), username) : Updates.pull(r.id(), username));
    }
    teams.updateOne(eq("_id", team), Updates.combine(changes), new UpdateOptions().upsert(true));
  }

  /** The user names recorded as holding {@code role} in {@code team}. */
  Set<String> holders(String team, Role role) {
    Document d = teams.find(eq("_id", team)).first();
    if (d == null || d.getList(role.id(), String.class) == null) {
      return Set.of();
    }
    return new LinkedHashSet<>(d.getList(role.id(), String.class));
  }

  private static DirectoryEntry toEntry(Document d) {
    Map<String, Set<Role>> roles = new HashMap<>();
    Document t = d.get("teams", Document.class);
    if (t != null) {
      for (String team : t.keySet()) {
        Set<Role> set = EnumSet.noneOf(Role.class);
        for (Object r : t.getList(team, Object.class)) {
          Role.parse(String.valueOf(r)).ifPresent(set::add);
        }
        roles.put(team, set);
      }
    }
    Date seen = d.getDate("lastSeen");
    return new DirectoryEntry(d.getString("_id"), d.getString("displayName"), d.getString("email"),
        d.getBoolean("admin", false), roles, d.getString("source"), seen == null ? Instant.EPOCH : seen.toInstant());
  }
}
