package dev.modelgate;

import dev.modelgate.access.AccessEpochs;
import dev.modelgate.access.AccessPolicy;
import dev.modelgate.access.AccountRepository;
import dev.modelgate.access.LocalAccounts;
import dev.modelgate.access.PasswordHasher;
import dev.modelgate.access.UserDirectory;
import dev.modelgate.audit.AuditLog;
import dev.modelgate.audit.AuditRepository;
import dev.modelgate.notify.webhook.WebhookTargets;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.ProjectRepository;
import dev.modelgate.registry.Registry;
import dev.modelgate.registry.TeamRepository;
import dev.modelgate.store.Store;
import dev.modelgate.workflow.settings.TeamSettingsRepository;
import dev.modelgate.workflow.settings.TeamSettingsService;
import java.time.Clock;
import java.util.Set;

/**
 * What every feature builds on: the store, the clock, the audit log, accounts, the registry, the access policy,
 * and the rule for outbound webhook URLs (registration and delivery share it).
 */
record Core(Store store, Clock clock, AuditLog auditLog, AccountRepository accountRepository, LocalAccounts accounts,
    ModelVersionRepository modelVersions, Registry registry, AccessPolicy policy, TeamSettingsService teamSettings,
    UserDirectory directory, WebhookTargets webhookTargets, AccessEpochs accessEpochs) {

  static Core wire(Store store, Clock clock, WebhookTargets webhookTargets) {
    AccountRepository accountRepository = new AccountRepository(store);
    // Bumped by every change to what a person may do; every cached principal is checked against it.
    AccessEpochs accessEpochs = new AccessEpochs(store);
    LocalAccounts accounts = new LocalAccounts(accountRepository, new PasswordHasher(), accessEpochs, clock);
    AuditLog auditLog = new AuditLog(new AuditRepository(store), clock);
    auditLog.ensureIndexes();
    ModelVersionRepository modelVersions = new ModelVersionRepository(store);
    Registry registry = new Registry(new TeamRepository(store), new ProjectRepository(store), modelVersions, clock,
        auditLog);
    registry.ensureIndexes();
    TeamSettingsService teamSettings = new TeamSettingsService(new TeamSettingsRepository(store), auditLog,
        webhookTargets, clock);
    // Everyone seen signing in or calling the API (SSO users too), for mentions and role notifications.
    UserDirectory directory = new UserDirectory(store, accountRepository, clock);
    return new Core(store, clock, auditLog, accountRepository, accounts, modelVersions, registry, new AccessPolicy(),
        teamSettings, directory, webhookTargets, accessEpochs);
  }

  /** Whether {@code username} may see the team's subjects (local accounts, and SSO users seen before). */
  boolean isTeamMember(String team, String username) {
    return directory.isMember(team, username);
  }

  /** The user names holding {@code role} in {@code team} (local accounts, and SSO users seen before). */
  Set<String> roleHolders(String team, String role) {
    return directory.holders(team, role);
  }
}
