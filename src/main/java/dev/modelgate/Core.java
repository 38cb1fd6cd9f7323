package dev.modelgate;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.access.Account;
import dev.modelgate.access.AccountRepository;
import dev.modelgate.access.LocalAccounts;
import dev.modelgate.access.PasswordHasher;
import dev.modelgate.audit.AuditLog;
import dev.modelgate.audit.AuditRepository;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.ProjectRepository;
import dev.modelgate.registry.Registry;
import dev.modelgate.registry.TeamRepository;
import dev.modelgate.store.Store;
import dev.modelgate.workflow.settings.TeamSettingsRepository;
import dev.modelgate.workflow.settings.TeamSettingsService;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

/** What every feature builds on: the store, the clock, the audit log, accounts, the registry, the access policy. */
record Core(Store store, Clock clock, AuditLog auditLog, AccountRepository accountRepository, LocalAccounts accounts,
    ModelVersionRepository modelVersions, Registry registry, AccessPolicy policy, TeamSettingsService teamSettings) {

  static Core wire(Store store, Clock clock) {
    AccountRepository accountRepository = new AccountRepository(store);
    LocalAccounts accounts = new LocalAccounts(accountRepository, new PasswordHasher(), clock);
    AuditLog auditLog = new AuditLog(new AuditRepository(store), clock);
    auditLog.ensureIndexes();
    ModelVersionRepository modelVersions = new ModelVersionRepository(store);
    Registry registry = new Registry(new TeamRepository(store), new ProjectRepository(store), modelVersions, clock,
        auditLog);
    registry.ensureIndexes();
    TeamSettingsService teamSettings = new TeamSettingsService(new TeamSettingsRepository(store), auditLog, clock);
    return new Core(store, clock, auditLog, accountRepository, accounts, modelVersions, registry, new AccessPolicy(),
        teamSettings);
  }

  /** The user names of a team's members: who may see its subjects (local accounts). */
  Set<String> teamMembers(String team) {
    return accountRepository.membersOf(team).stream().map(Account::username).collect(Collectors.toUnmodifiableSet());
  }

  /** The user names holding {@code role} in {@code team} (local accounts). */
  Set<String> roleHolders(String team, String role) {
    return accountRepository.membersOf(team).stream()
        .filter(a -> a.teamRoles().getOrDefault(team, Set.of()).stream().anyMatch(r -> r.id().equals(role)))
        .map(Account::username).collect(Collectors.toUnmodifiableSet());
  }
}
