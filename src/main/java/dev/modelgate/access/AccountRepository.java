package dev.modelgate.access;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * Local accounts, keyed by user name (the document id, so every lookup is by unique key). A person's
 * team roles live inside their account document: building a principal is one read.
 */
public final class AccountRepository {

  private final MongoCollection<Document> accounts;

  public AccountRepository(Store store) {
    this.accounts = store.collection("accounts");
  }

  /** Inserts the account; false when the user name is taken. */
  public boolean insert(Account a) {
    try {
      accounts.insertOne(new Document("_id", a.username())
          .append("displayName", a.displayName())
          .append("passwordHash", a.passwordHash())
          .append("admin", a.admin())
          .append("teams", teamsDoc(a.teamRoles()))
          .append("createdAt", Date.from(a.createdAt())));
      return true;
    } catch (RuntimeException e) {
      if (Duplicates.isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  public Optional<Account> find(String username) {
    return Optional.ofNullable(accounts.find(eq("_id", username)).first()).map(AccountRepository::toAccount);
  }

  /** Sets (or, with no roles, removes) the user's roles in one team; false when the user is unknown. */
  public boolean setTeamRoles(String username, String team, Set<Role> roles) {
    var update = roles.isEmpty()
        ? Updates.unset("teams." + team)
        : Updates.set("teams." + team, roles.stream().map(Role::id).sorted().toList());
    return accounts.updateOne(eq("_id", username), update).getMatchedCount() == 1;
  }

  /** Members of a team, by scanning accounts: a team page and mention checks, not a hot path. */
  public List<Account> membersOf(String team) {
    List<Account> out = new ArrayList<>();
    for (Document d : accounts.find(com.mongodb.client.model.Filters.exists("teams." + team))) {
      out.add(toAccount(d));
    }
    out.sort((a, b) -> a.username().compareTo(b.username()));
    return out;
  }

  public long count() {
    return accounts.countDocuments();
  }

  private static Document teamsDoc(Map<String, Set<Role>> teamRoles) {
    Document d = new Document();
    teamRoles.forEach((team, roles) -> d.append(team, roles.stream().map(Role::id).sorted().toList()));
    return d;
  }

  private static Account toAccount(Document d) {
    Map<String, Set<Role>> teams = new HashMap<>();
    Document t = d.get("teams", Document.class);
    if (t != null) {
      for (String team : t.keySet()) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object r : t.getList(team, Object.class)) {
          Role.parse(String.valueOf(r)).ifPresent(roles::add);
        }
        teams.put(team, roles);
      }
    }
    Date created = d.getDate("createdAt");
    return new Account(d.getString("_id"), d.getString("displayName"), d.getString("passwordHash"),
        d.getBoolean("admin", false), teams, created == null ? Instant.EPOCH : created.toInstant());
  }
}
