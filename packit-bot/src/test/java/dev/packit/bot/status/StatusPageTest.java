package dev.packit.bot.status;

import static dev.packit.bot.status.StatusStory.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.bot.history.BranchRecord;
import dev.packit.bot.history.InMemoryJobHistory;
import dev.packit.bot.history.JobHistory;
import dev.packit.bot.history.JobQuery;
import dev.packit.bot.history.JobRecord;
import dev.packit.bot.history.JobState;
import dev.packit.bot.history.ReconcileDecision;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Server;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The status page over HTTP on loopback, its HTML parsed with jsoup: content, escaping, bounds, methods. */
class StatusPageTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static Server story;
  private static Server hostile;

  @BeforeAll
  static void start() throws Exception {
    story = serve(story(), StatusPage.Options.defaults().withTitle("acme bot"));
    hostile = serve(hostile(), StatusPage.Options.defaults());
  }

  @AfterAll
  static void stop() throws Exception {
    story.stop();
    hostile.stop();
  }

  private static HttpResponse<String> send(Server s, String method, String path) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base(s) + path)).method(method, HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(10)).build();
    return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
  }

  private static Document get(Server s, String path) throws Exception {
    HttpResponse<String> r = send(s, "GET", path);
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return Jsoup.parse(r.body(), base(s).toString());
  }

  @Test
  void overviewShowsEachBranchsRoadWithLinksFailuresAndWaiting() throws Exception {
    Document d = get(story, "/");
    Element hello = d.selectFirst("section.package[data-package=hello]");
    assertNotNull(hello, d.outerHtml());
    assertTrue(hello.selectFirst("p.release").text().contains("release 1.2.0 of github.com/acme/hello"));
    Element f43 = hello.selectFirst("table.road tr[data-branch=f43]");
    assertEquals(PR_F43.toString(), f43.selectFirst("td[data-step=pull request] a[rel]").attr("href"));
    assertEquals(KOJI_F43.toString(), f43.selectFirst("td[data-step=koji build] a[rel]").attr("href"));
    assertEquals(BODHI_F43.toString(), f43.selectFirst("td[data-step=bodhi update] a[rel]").attr("href"));
    assertEquals(List.of("done", "done", "done"), f43.select("td.step").eachAttr("data-state"));
    assertTrue(f43.selectFirst("td.latest").text().startsWith("bodhi_update done 23 minutes ago"), f43.text());
    Element rawhide = hello.selectFirst("table.road tr[data-branch=rawhide]");
    assertEquals(List.of("failed", "none", "none"), rawhide.select("td.step").eachAttr("data-state"));
    // rawhide first, then f43
    assertEquals(List.of("rawhide", "f43"), hello.select("table.road tbody tr").eachAttr("data-branch"));
    Element failure = hello.selectFirst(".failures li.failure[data-branch=rawhide]");
    assertTrue(failure.text().contains(RAWHIDE_CAUSE), failure.text());
    assertTrue(failure.selectFirst(".hint.retryable").text().contains("running it again may help"), failure.text());
    assertEquals("/jobs/job-1", failure.selectFirst("a").attr("href"));
    Element waiting = d.selectFirst("section.waiting li[data-job=job-4]");
    assertTrue(waiting.text().contains("greeter propose_downstream on rawhide: queued 3 minutes ago, waiting for a free runner"),
        waiting.text());
    assertEquals(List.of("greeter", "hello"), d.select("section.package").eachAttr("data-package"));
  }

  @Test
  void jobListFiltersByPackageKindStateAndBranch() throws Exception {
    assertEquals(List.of("job-4", "job-3", "job-2", "job-1"), rows(get(story, "/jobs")));
    assertEquals(List.of("job-3", "job-2"), rows(get(story, "/jobs?package=hello&state=done")));
    assertEquals(List.of("job-2"), rows(get(story, "/jobs?kind=koji_build")));
    assertEquals(List.of("job-4", "job-1"), rows(get(story, "/jobs?branch=rawhide")));
    assertEquals(List.of("job-1"), rows(get(story, "/jobs?package=hello&branch=rawhide&state=FAILED")));
    assertEquals(List.of(), rows(get(story, "/jobs?package=nope")));
    Document d = get(story, "/jobs?package=hello&state=done");
    assertEquals("hello", d.selectFirst("select[name=package] option[selected]").val());
    assertEquals("done", d.selectFirst("select[name=state] option[selected]").val());
    HttpResponse<String> bad = send(story, "GET", "/jobs?state=%3Cb%3Ebogus");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("Unknown state &quot;&lt;b&gt;bogus&quot;"), bad.body());
    assertEquals(400, send(story, "GET", "/jobs?package=" + "x".repeat(201)).statusCode());
  }

  private static List<String> rows(Document d) {
    return d.select("table.jobs tbody tr").eachAttr("data-job");
  }

  @Test
  void jobDetailShowsTriggerTimesInstanceAndBranchesButNotTheRequest() throws Exception {
    HttpResponse<String> raw = send(story, "GET", "/jobs/job-1");
    Document d = Jsoup.parse(raw.body());
    String text = d.selectFirst("dl.job").text();
    assertTrue(text.contains("Trigger release 1.2.0 of github.com/acme/hello"), text);
    assertTrue(text.contains("Queued 1 hour ago"), text);
    assertTrue(text.contains("Started 1 hour ago"), text);
    assertTrue(text.contains("Finished 59 minutes ago (took 2 minutes)"), text);
    assertTrue(text.contains("Bot instance bot-1"), text);
    assertTrue(text.contains("Retry The cause looks temporary"), text);
    assertTrue(text.contains("not shown here"), text);
    assertFalse(raw.body().contains(SECRET), "the request's secret is not on the page");
    assertEquals("2026-12-07T10:58:00Z", d.selectFirst("dl.job time").attr("datetime"));
    assertEquals(PR_F43.toString(), d.selectFirst("table.branches tr[data-branch=f43] a").attr("href"));
    assertTrue(d.selectFirst("table.branches tr[data-branch=rawhide]").text().contains(RAWHIDE_CAUSE));
    assertEquals(404, send(story, "GET", "/jobs/job-99").statusCode());
    assertEquals(404, send(story, "GET", "/jobs/job-1/more").statusCode());
  }

  @Test
  void packagePageShowsTheRoadAndReconciliationDecisions() throws Exception {
    Document d = get(story, "/packages/hello");
    assertNotNull(d.selectFirst("table.road tr[data-branch=f43]"));
    List<Element> decisions = d.select("table.decisions tbody tr");
    assertEquals(2, decisions.size());
    assertTrue(decisions.get(0).text().startsWith("30 minutes ago f43 nothing (in order)"), decisions.get(0).text());
    assertTrue(decisions.get(1).text().startsWith("1 hour ago all propose_downstream rawhide and f43 have 1.1.0"),
        decisions.get(1).text());
    assertEquals("/jobs/job-1", decisions.get(1).selectFirst("a").attr("href"));
    assertEquals(List.of("job-3", "job-2", "job-1"), rows(d));
    assertEquals(404, send(story, "GET", "/packages/nope").statusCode());
    assertEquals(List.of("/packages/greeter", "/packages/hello"), get(story, "/packages").select("ul.packages a").eachAttr("href"));
    assertEquals("hello", get(story, "/packages?name=hello").selectFirst("section.package").attr("data-package"));
  }

  @Test
  void hostileTextIsShownAsTextOnEveryPage() throws Exception {
    Document overview = get(hostile, "/");
    Element pkg = overview.selectFirst("section.package");
    assertEquals(HOSTILE_PACKAGE, pkg.attr("data-package"));
    assertEquals(HOSTILE_PACKAGE, pkg.selectFirst("h2").text());
    // names with characters outside a package name's are linked with a query parameter
    String pkgHref = pkg.selectFirst("h2 a").attr("href");
    assertTrue(pkgHref.startsWith("/packages?name=%3Cscript%3E"), pkgHref);
    assertTrue(pkg.selectFirst("p.release").text().contains(HOSTILE_TRIGGER), pkg.text());
    String jobHref = pkg.selectFirst(".failure a").attr("href");
    assertTrue(jobHref.startsWith("/jobs/?id=evil%22%3E%3Cb"), jobHref);
    // the javascript: link is text, not a link
    Element rawhidePr = pkg.selectFirst("tr[data-branch=rawhide] td[data-step=pull request]");
    assertTrue(rawhidePr.select("a[rel]").isEmpty(), rawhidePr.outerHtml());
    assertTrue(rawhidePr.selectFirst(".unsafe-link").text().contains(HOSTILE_LINK), rawhidePr.outerHtml());
    Document job = get(hostile, jobHref);
    assertEquals(HOSTILE_ID, job.selectFirst("dl.job code").text());
    assertTrue(job.selectFirst("pre.detail").text().startsWith("upstream said <script>alert('detail')</script> with token"));
    Document pkgPage = get(hostile, pkgHref);
    assertTrue(pkgPage.selectFirst("table.decisions").text().contains("<svg onload=alert('decision')>"));
    for (Document d : List.of(overview, job, pkgPage, get(hostile, "/jobs"),
        get(hostile, "/jobs?branch=%3Ci%3Ef43%3C%2Fi%3E"))) {
      assertTrue(d.select("script, img, svg, b, i, iframe, object, embed").isEmpty(),
          d.location() + " has an injected element: " + d.select("script, img, svg, b, i"));
      for (Element e : d.getAllElements()) {
        for (Attribute a : e.attributes()) {
          assertFalse(a.getKey().toLowerCase().startsWith("on"), d.location() + ": " + e);
          if (a.getKey().equals("href") || a.getKey().equals("src") || a.getKey().equals("action")) {
            String v = a.getValue();
            assertTrue(v.startsWith("/") && !v.startsWith("//") || v.startsWith("https://") || v.startsWith("http://"),
                d.location() + ": " + e);
          }
        }
      }
      String html = d.outerHtml();
      assertFalse(html.contains(SECRET), d.location() + " shows a secret");
      assertFalse(html.contains(GITHUB_TOKEN), d.location() + " shows a token");
    }
    // the https link with credentials is a link, with the credentials redacted
    Element f43 = job.selectFirst("table.branches tr[data-branch=<i>f43</i>] a[rel]");
    assertTrue(f43.attr("href").startsWith("https://***@src.example.org/"), f43.attr("href"));
  }

  @Test
  void headersMethodsAndOtherPaths() throws Exception {
    HttpResponse<String> r = send(story, "GET", "/");
    assertEquals(StatusPage.CONTENT_SECURITY_POLICY, r.headers().firstValue("Content-Security-Policy").orElseThrow());
    assertTrue(StatusPage.CONTENT_SECURITY_POLICY.startsWith("default-src 'none'"));
    assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow());
    assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow().replace(" ", "").toLowerCase());
    HttpResponse<String> css = send(story, "GET", "/static/status.css");
    assertEquals(200, css.statusCode());
    assertTrue(css.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
    assertTrue(css.body().contains("table.road") || css.body().contains("td.step"), css.body());
    for (String m : List.of("POST", "PUT", "DELETE", "PATCH")) {
      for (String path : List.of("/", "/jobs", "/jobs/job-1", "/packages/hello", "/static/status.css")) {
        HttpResponse<String> x = send(story, m, path);
        assertEquals(405, x.statusCode(), m + " " + path);
        assertEquals("GET, HEAD", x.headers().firstValue("Allow").orElseThrow());
      }
    }
    HttpResponse<String> head = send(story, "HEAD", "/jobs");
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
    // paths that are not the status page's are left to the next handler, whatever the method
    assertEquals(418, send(story, "GET", "/webhooks/github").statusCode());
    assertEquals(418, send(story, "POST", "/webhooks/github").statusCode());
  }

  @Test
  void pagesAreBoundedInRowsAndText() throws Exception {
    InMemoryJobHistory h = new InMemoryJobHistory();
    for (int i = 0; i < 150; i++) {
      h.queued(JobRecord.queued("j" + i, "koji_build", "pkg" + (i % 30), List.of("f43"), "t".repeat(5000),
          NOW.minusSeconds(1000 - i)));
      h.finished("j" + i, NOW, JobState.FAILED, "x".repeat(20_000), true, List.of());
    }
    Server s = serve(h, StatusPage.Options.defaults().withMaxRows(20).withMaxPackages(10).withMaxTextChars(500));
    try {
      assertEquals(20, rows(get(s, "/jobs")).size());
      Document overview = get(s, "/");
      assertEquals(10, overview.select("section.package").size());
      assertTrue(overview.selectFirst("p.more").text().startsWith("20 more packages"));
      String detail = get(s, "/jobs/j149").selectFirst("pre.detail").text();
      assertTrue(detail.startsWith("x".repeat(500) + " … (19500 more characters"), detail.substring(Math.max(0, detail.length() - 60)));
      String trigger = get(s, "/jobs").selectFirst("td.trigger").text();
      assertTrue(trigger.length() < 220, trigger);
    } finally {
      s.stop();
    }
  }

  @Test
  void extraWaitingSourcesAreShownEscapedAndAFailingOneIsContained() throws Exception {
    StatusPage.Options options = StatusPage.Options.defaults()
        .withWaiting(() -> List.of(new StatusPage.Waiting("hello", "f43", "koji_build", "<b>Koji</b> has 40 tasks queued",
            Optional.of(NOW.minusSeconds(120)))))
        .withWaiting(() -> {
          throw new IllegalStateException("queue down, token " + GITHUB_TOKEN);
        });
    Server s = serve(story(), options);
    try {
      Document d = get(s, "/");
      List<Element> extra = d.select("section.waiting li.extra");
      assertEquals(1, extra.size());
      assertEquals("hello koji_build on f43: <b>Koji</b> has 40 tasks queued, since 2 minutes ago", extra.get(0).text());
      assertEquals("/packages/hello", extra.get(0).selectFirst("a").attr("href"));
      assertTrue(d.selectFirst("li.source-failed").text().contains("IllegalStateException"));
      assertFalse(d.outerHtml().contains(GITHUB_TOKEN));
      assertNotNull(d.selectFirst("section.waiting li[data-job=job-4]"), "the history's open jobs are still there");
    } finally {
      s.stop();
    }
  }

  @Test
  void aHistoryThatFailsGivesA500WithoutItsMessage() throws Exception {
    InMemoryJobHistory real = story();
    JobHistory broken = new JobHistory() {
      @Override public boolean queued(JobRecord r) {
        return real.queued(r);
      }

      @Override public void started(String id, Instant at, String bot) {}

      @Override public void finished(String id, Instant at, JobState st, String d, boolean r, List<BranchRecord> b) {}

      @Override public Optional<JobRecord> find(String id) {
        return real.find(id);
      }

      @Override public List<JobRecord> jobs(JobQuery q) {
        throw new IllegalStateException("jdbc:postgresql://bot:" + SECRET + "@db/packit is down");
      }

      @Override public List<String> packages() {
        return real.packages();
      }

      @Override public void decided(ReconcileDecision d) {}

      @Override public List<ReconcileDecision> decisions(String p, int n) {
        return real.decisions(p, n);
      }
    };
    Server s = serve(broken, StatusPage.Options.defaults());
    try {
      HttpResponse<String> r = send(s, "GET", "/jobs");
      assertEquals(500, r.statusCode());
      assertTrue(r.body().contains("The history could not be read"), r.body());
      assertFalse(r.body().contains(SECRET));
      assertEquals(StatusPage.CONTENT_SECURITY_POLICY, r.headers().firstValue("Content-Security-Policy").orElseThrow());
      assertEquals(200, send(s, "GET", "/jobs/job-1").statusCode(), "pages that do not list jobs still work");
    } finally {
      s.stop();
    }
  }

  @Test
  void timesAreRelativeToTheInjectedClock() throws Exception {
    Document d = get(story, "/jobs");
    assertEquals(List.of("3 minutes ago", "24 minutes ago", "40 minutes ago", "1 hour ago"),
        d.select("table.jobs tbody time").stream().map(Element::text).collect(Collectors.toList()));
    assertEquals("as of 2026-12-07 12:00:00 UTC", d.selectFirst("p.now").text());
  }
}
