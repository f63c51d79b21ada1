package dev.packit.bot.status;

import static dev.packit.bot.status.StatusStory.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.Color;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real browser: Debian's {@code chromium} driven by its {@code chromedriver}
 * through Selenium, headless, on loopback only. Screenshots go to {@code target/screenshots/}.
 *
 * <p>Selenium never downloads anything: the driver and browser paths are given, so Selenium Manager
 * is not run, and tracing is off. Chromium resolves no host name but {@code 127.0.0.1}, and every
 * test checks from the browser's own network log that no request left the loopback.
 */
@org.junit.jupiter.api.Tag("integration")
class StatusPageBrowserTest {
  // Debian's paths; -Dpackit.chromium / -Dpackit.chromedriver for other systems.
  private static final Path CHROMIUM = Path.of(System.getProperty("packit.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("packit.chromedriver", "/usr/bin/chromedriver"));
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  // The browser's own pages and inline data never touch the network.
  private static final Pattern BROWSER_INTERNAL = Pattern.compile("(chrome|chrome-untrusted|about|data):");

  private static Server story;
  private static Server hostile;
  private static ChromeDriverService service;
  private static ChromeDriver driver;
  private static Path profile;
  private static String missing;

  @BeforeAll
  static void start() throws Exception {
    for (Path tool : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(tool)) {
        String msg = tool + " is not installed (Debian packages chromium and chromium-driver; .ci/run installs them)";
        if ("true".equalsIgnoreCase(System.getenv("PACKIT_CI"))) {
          fail(msg + " (PACKIT_CI=true requires it)");
        }
        // Skipped per test (an abort here would be silent in Surefire's report), and said once here.
        missing = msg;
        System.err.println("StatusPageBrowserTest skipped: " + msg);
        return;
      }
    }
    // No Selenium Manager (the driver path is given) and no tracing export: nothing leaves this machine.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    System.setProperty("webdriver.remote.enableTracing", "false");
    System.setProperty("otel.sdk.disabled", "true");
    System.setProperty("otel.traces.exporter", "none");
    System.setProperty("otel.metrics.exporter", "none");
    System.setProperty("otel.logs.exporter", "none");
    story = serve(story(), StatusPage.Options.defaults().withTitle("acme release bot"));
    hostile = serve(hostile(), StatusPage.Options.defaults().withTitle("acme release bot"));
    profile = Files.createTempDirectory("status-page-chromium");
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
        .withLogOutput(System.err).withSilent(true).build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--disable-default-apps", "--metrics-recording-only",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--window-size=1280,900",
        "--log-level=3", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    // The browser's own start page is not ours: forget its log entries.
    driver.get("about:blank");
    driver.manage().logs().get(LogType.PERFORMANCE);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (story != null) {
      story.stop();
    }
    if (hostile != null) {
      hostile.stop();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @BeforeEach
  void browserInstalled() {
    Assumptions.assumeTrue(missing == null, missing);
  }

  /** Every request the page made went to the loopback server, and every document came with the CSP. */
  @AfterEach
  void onlyLoopbackRequests() {
    if (driver == null) {
      return;
    }
    List<String> urls = new ArrayList<>();
    int documents = 0;
    Json json = new Json();
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
      Map<?, ?> root = json.toType(e.getMessage(), Map.class);
      Map<?, ?> message = (Map<?, ?>) root.get("message");
      Map<?, ?> params = (Map<?, ?>) message.get("params");
      if ("Network.requestWillBeSent".equals(message.get("method"))) {
        String url = (String) ((Map<?, ?>) params.get("request")).get("url");
        if (!BROWSER_INTERNAL.matcher(url).lookingAt()) {
          urls.add(url);
        }
      } else if ("Network.responseReceived".equals(message.get("method")) && "Document".equals(params.get("type"))
          && !BROWSER_INTERNAL.matcher((String) ((Map<?, ?>) params.get("response")).get("url")).lookingAt()) {
        documents++;
        Map<?, ?> headers = (Map<?, ?>) ((Map<?, ?>) params.get("response")).get("headers");
        String csp = headers.entrySet().stream()
            .filter(h -> ((String) h.getKey()).equalsIgnoreCase("content-security-policy"))
            .map(h -> (String) h.getValue()).findFirst().orElse("");
        assertEquals(StatusPage.CONTENT_SECURITY_POLICY, csp, "CSP of " + ((Map<?, ?>) params.get("response")).get("url"));
      }
    }
    assertTrue(documents > 0, "the network log saw no page");
    assertFalse(urls.isEmpty(), "the network log saw no request");
    for (String url : urls) {
      assertTrue(url.startsWith("http://127.0.0.1:"), "a request left the loopback: " + url);
    }
    // And the stylesheet was among them: the page is styled by the bot, not by the internet.
    assertTrue(urls.stream().anyMatch(u -> u.endsWith("/static/status.css")), urls.toString());
  }

  private static void open(Server s, String path) {
    driver.get(base(s) + path);
  }

  /** A screenshot of the whole page (beyond the window), through chromedriver's DevTools command. */
  private static void screenshot(String name) throws IOException {
    Dimension size = driver.findElement(By.tagName("html")).getSize();
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
        "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", Math.max(size.getWidth(), 800),
            "height", Math.min(Math.max(size.getHeight(), 300), 6000), "scale", 1)));
    Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
  }

  private static WebElement css(String selector) {
    return driver.findElement(By.cssSelector(selector));
  }

  @Test
  void overviewShowsTheRoadOfEachBranchStyledByTheBotsOwnStylesheet() throws IOException {
    open(story, "/");
    assertEquals("Overview · acme release bot", driver.getTitle());
    String f43 = "section.package[data-package='hello'] tr[data-branch='f43'] ";
    assertEquals(PR_F43.toString(), css(f43 + "td[data-step='pull request'] a[rel]").getAttribute("href"));
    assertEquals(KOJI_F43.toString(), css(f43 + "td[data-step='koji build'] a[rel]").getAttribute("href"));
    assertEquals(BODHI_F43.toString(), css(f43 + "td[data-step='bodhi update'] a[rel]").getAttribute("href"));
    assertEquals("src.fedoraproject.org/rpms/hello/pull-request/7",
        css(f43 + "td[data-step='pull request'] a[rel]").getText());
    WebElement rawhidePr = css("section.package[data-package='hello'] tr[data-branch='rawhide'] td[data-step='pull request']");
    assertEquals("failed", rawhidePr.getAttribute("data-state"));
    WebElement failure = css("section.package[data-package='hello'] li.failure[data-branch='rawhide']");
    assertTrue(failure.getText().contains(RAWHIDE_CAUSE), failure.getText());
    assertTrue(failure.getText().contains("running it again may help"), failure.getText());
    assertTrue(css("section.waiting li[data-job='job-4']").getText().contains("waiting for a free runner"));
    // The stylesheet from the jar applies: a done step has a green left border, a failed one red.
    assertEquals("#1a7f37", Color.fromString(css(f43 + "td[data-step='koji build']").getCssValue("border-left-color")).asHex());
    assertEquals("#cf222e", Color.fromString(rawhidePr.getCssValue("border-left-color")).asHex());
    screenshot("overview");
  }

  @Test
  void jobListFiltersThroughThePlainFormAndOpensAJob() throws IOException {
    open(story, "/jobs");
    assertEquals(4, driver.findElements(By.cssSelector("table.jobs tbody tr")).size());
    new Select(css("select[name='package']")).selectByValue("hello");
    new Select(css("select[name='state']")).selectByValue("done");
    css("form.filter button[type='submit']").click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("state=done"));
    URI now = URI.create(driver.getCurrentUrl());
    assertEquals("/jobs", now.getPath());
    assertTrue(now.getQuery().contains("package=hello"), now.getQuery());
    assertEquals(List.of("job-3", "job-2"), driver.findElements(By.cssSelector("table.jobs tbody tr")).stream()
        .map(r -> r.getAttribute("data-job")).toList());
    // the form keeps the filter
    assertEquals("done", new Select(css("select[name='state']")).getFirstSelectedOption().getAttribute("value"));
    screenshot("jobs-filtered");

    new Select(css("select[name='state']")).selectByValue("");
    css("input[name='branch']").sendKeys("rawhide");
    css("form.filter button[type='submit']").click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("branch=rawhide"));
    assertEquals(List.of("job-1"), driver.findElements(By.cssSelector("table.jobs tbody tr")).stream()
        .map(r -> r.getAttribute("data-job")).toList());
    css("table.jobs tr[data-job='job-1'] a").click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/jobs/job-1"));
    String detail = css("dl.job").getText();
    assertTrue(detail.contains("release 1.2.0 of github.com/acme/hello"), detail);
    assertTrue(detail.contains("bot-1"), detail);
    assertTrue(detail.contains("not shown here"), detail);
    assertFalse(driver.getPageSource().contains(SECRET));
    assertEquals(PR_F43.toString(), css("table.branches tr[data-branch='f43'] a").getAttribute("href"));
    screenshot("job-detail");

    css("dl.job a.pkg").click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/packages/hello"));
    List<WebElement> decisions = driver.findElements(By.cssSelector("table.decisions tbody tr"));
    assertEquals(2, decisions.size());
    assertTrue(decisions.get(1).getText().contains("no bot pull request is open"), decisions.get(1).getText());
    screenshot("package");
  }

  @Test
  void hostileTextIsShownAsTextAndRunsNothing() throws IOException {
    open(hostile, "/");
    WebElement pkg = css("section.package");
    assertEquals(HOSTILE_PACKAGE, pkg.findElement(By.tagName("h2")).getText());
    assertTrue(pkg.getText().contains(HOSTILE_TRIGGER), pkg.getText());
    assertNoInjection();
    WebElement pr = css("tr[data-branch='rawhide'] td[data-step='pull request']");
    assertTrue(pr.findElements(By.tagName("a")).stream().noneMatch(a -> a.getText().contains("javascript")));
    assertTrue(pr.getText().contains(HOSTILE_LINK), pr.getText());
    screenshot("hostile-overview");

    pkg.findElement(By.cssSelector(".failure a")).click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/jobs/?id="));
    assertEquals(HOSTILE_ID, css("dl.job code").getText());
    assertTrue(css("pre.detail").getText().contains("<script>alert('detail')</script>"));
    assertFalse(driver.getPageSource().contains(SECRET));
    assertFalse(driver.getPageSource().contains(GITHUB_TOKEN));
    assertNoInjection();
    screenshot("hostile-job");

    css("dl.job a.pkg").click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/packages?name="));
    assertTrue(css("table.decisions").getText().contains("<svg onload=alert('decision')>"));
    assertNoInjection();
  }

  private static void assertNoInjection() {
    assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(), "an alert opened");
    List<WebElement> injected = driver.findElements(By.cssSelector("script, img, svg, iframe, b, i, #injected"));
    assertTrue(injected.isEmpty(), "injected elements: " + injected.stream()
        .map(e -> e.getTagName().toLowerCase(Locale.ROOT)).toList());
  }
}
