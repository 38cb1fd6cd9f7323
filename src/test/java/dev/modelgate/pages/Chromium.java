package dev.modelgate.pages;

import dev.modelgate.support.TestServer;
import java.io.File;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One headless Chromium for a test class (starting one is slow): sign in as someone, open pages, read them. */
final class Chromium implements AutoCloseable {

  final WebDriver driver;
  private final TestServer server;

  private Chromium(WebDriver driver, TestServer server) {
    this.driver = driver;
    this.server = server;
  }

  static Chromium start(TestServer server) {
    Assumptions.assumeFalse(Boolean.getBoolean("modelgate.skipIT"), "integration tests switched off (-DskipIT)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Chromium(driver, server);
  }

  /** Forgets the previous user (cookies) and signs in through the login form. */
  void signIn(String user) {
    open("/login");
    driver.manage().deleteAllCookies();
    open("/login");
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(TestServer.PASSWORD);
    submit("sign-in");
    if (!driver.getCurrentUrl().endsWith("/dashboard")) {
      throw new AssertionError("sign-in as " + user + " ended at " + driver.getCurrentUrl() + ": "
          + driver.getPageSource());
    }
  }

  /** Clicks a button or link that loads a new page, and waits until the new page has replaced the old one. */
  void submit(WebElement element) {
    WebElement old = driver.findElement(By.tagName("html"));
    element.click();
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    wait.until(d -> isGone(old));
    // The old page is gone once the new one starts; wait until the new one has finished loading too.
    wait.until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d)
        .executeScript("return document.readyState")));
  }

  /**
   * Whether the element's document was replaced. Chromium reports a node of a document being replaced
   * either as stale or as "does not belong to the document"; both mean the old page is gone.
   */
  private static boolean isGone(WebElement old) {
    try {
      old.isEnabled();
      return false;
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return true;
    } catch (org.openqa.selenium.WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  void submit(String id) {
    submit(byId(id));
  }

  void open(String path) {
    driver.get(server.baseUrl() + path);
  }

  WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  /** The element's text, read again if the document changed under the lookup (a navigation finishing). */
  String text(String id) {
    return new WebDriverWait(driver, Duration.ofSeconds(10))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.WebDriverException.class)
        .until(d -> d.findElement(By.id(id)).getText());
  }

  @Override
  public void close() {
    driver.quit();
  }
}
