package dev.modelgate.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.access.tokens.ApiTokenRepository;
import dev.modelgate.access.tokens.ApiTokens;
import dev.modelgate.access.tokens.NewApiToken;
import dev.modelgate.audit.AuditEvent;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.store.Store;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Logins, failed logins, token creation and revocation reach the audit trail; secrets never do. */
class AccessAuditTest {

  static Store store;
  static LocalAccounts accounts;
  static AccessEpochs epochs;
  static final List<AuditEvent> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void open() throws Exception {
    store = Store.open(Optional.empty(), "modelgate", Files.createTempDirectory("modelgate-audit-"));
    epochs = new AccessEpochs(store);
    accounts = new LocalAccounts(new AccountRepository(store), new PasswordHasher(), epochs, Clock.systemUTC());
    accounts.create("uma", "Uma", "correct-horse".toCharArray(), false, Map.of("alpha", Set.of(Role.ENGINEER)));
  }

  @AfterAll
  static void close() {
    store.close();
  }

  static List<AuditEvent> since(int from) {
    return List.copyOf(events.subList(from, events.size()));
  }

  @Test
  void loginsAndFailedLoginsAreAuditedAndThrottled() {
    Authenticator auth = new Authenticator(accounts, List.of(),
        new LoginThrottle(3, Duration.ofMinutes(15), Clock.systemUTC()), events::add);
    int from = events.size();
    assertTrue(auth.passwordLogin("uma", "correct-horse".toCharArray(), "10.0.0.1", "pages").isPresent());
    assertTrue(auth.passwordLogin("uma", "wrong".toCharArray(), "10.0.0.1", "pages").isEmpty());
    String basic = "Basic " + Base64.getEncoder().encodeToString("uma:wrong-again".getBytes());
    assertThrows(Refusal.class, () -> auth.authenticate(basic, "10.0.0.1"));
    List<AuditEvent> got = since(from);
    assertEquals(List.of("login", "login.failed", "login.failed"), got.stream().map(AuditEvent::action).toList());
    assertEquals("api-basic", got.get(2).details().get("channel"));
    got.forEach(e -> assertFalse(e.toString().contains("wrong"), "no password in " + e));

    // The third failure within the window blocks this user from this address, whatever the password.
    assertTrue(auth.passwordLogin("uma", "wrong-3".toCharArray(), "10.0.0.1", "pages").isEmpty());
    Refusal blocked = assertThrows(Refusal.class,
        () -> auth.passwordLogin("uma", "correct-horse".toCharArray(), "10.0.0.1", "pages"));
    assertEquals(Refusal.Kind.TOO_MANY_ATTEMPTS, blocked.kind());
    assertTrue(blocked.retryAfter().isPresent());
    assertTrue(auth.passwordLogin("uma", "correct-horse".toCharArray(), "10.0.0.2", "pages").isPresent(),
        "another address is not blocked");
  }

  @Test
  void aFailedSignInIsAuditedWithoutTheControlCharactersOfTheNameTried() {
    Authenticator auth = new Authenticator(accounts, List.of(),
        new LoginThrottle(100, Duration.ofMinutes(15), Clock.systemUTC()), events::add);
    int from = events.size();
    assertTrue(auth.passwordLogin("ev\u0000il\nINFO forged line", "x".toCharArray(), "10.0.0.9", "pages")
        .isEmpty());
    String basic = "Basic " + Base64.getEncoder().encodeToString(("x\u0085y" + "z".repeat(5000) + ":nope")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThrows(Refusal.class, () -> auth.authenticate(basic, "10.0.0.9"));
    List<AuditEvent> got = since(from);
    assertEquals(2, got.size());
    assertEquals("ev\\u0000il\\u000aINFO forged line", got.get(0).actor());
    assertEquals(got.get(0).actor(), got.get(0).subjectId());
    assertTrue(got.get(1).actor().startsWith("x\\u0085yzzz"), got.get(1).actor());
    assertTrue(got.get(1).actor().length() < 120, "cut short: " + got.get(1).actor().length());
    got.forEach(e -> assertTrue(dev.modelgate.kernel.PlainText.problem(e.actor()).isEmpty()
        && e.actor().chars().noneMatch(Character::isISOControl), e::toString));
  }

  @Test
  void tokenCreationAndRevocationAreAuditedWithoutTheValue() {
    ApiTokens tokens = new ApiTokens(new ApiTokenRepository(store), "alpha"::equals, accounts::principal,
        epochs, events::add, Clock.systemUTC());
    tokens.ensureIndexes();
    int from = events.size();
    Principal uma = accounts.principal("uma").orElseThrow();
    ApiTokens.Issued issued = tokens.create(uma, new NewApiToken("ci", "alpha", Set.of(Role.ENGINEER), 3));
    tokens.revoke(uma, issued.token().id());
    List<AuditEvent> got = since(from);
    assertEquals(List.of("api-token.created", "api-token.revoked"), got.stream().map(AuditEvent::action).toList());
    assertEquals("alpha", got.get(0).team());
    assertEquals(issued.token().id(), got.get(1).subjectId());
    got.forEach(e -> assertFalse(e.toString().contains(issued.value().substring(4)), "token value in " + e));
  }
}
