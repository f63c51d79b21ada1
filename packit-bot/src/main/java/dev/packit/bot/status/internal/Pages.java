package dev.packit.bot.status.internal;

import static dev.packit.bot.status.internal.Html.escape;

import dev.packit.bot.history.BranchRecord;
import dev.packit.bot.history.JobHistory;
import dev.packit.bot.history.JobQuery;
import dev.packit.bot.history.JobRecord;
import dev.packit.bot.history.JobState;
import dev.packit.bot.history.ReconcileDecision;
import dev.packit.bot.status.StatusPage;
import dev.packit.core.Redaction;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the pages. Every string from a record goes through {@link Html#escape} (text is first
 * {@link Redaction#text redacted} and {@link Html#clip clipped}); links through {@link Html#link}.
 */
final class Pages {
  private static final Logger LOG = LoggerFactory.getLogger(Pages.class);
  /** A rendered page. */
  record Page(int status, String html) {}

  /** The job kinds offered in the filter form even before any job of them exists. */
  static final List<String> KINDS = List.of("propose_downstream", "pull_from_upstream", "koji_build", "bodhi_update");

  // Names and ids that can be a path segment as they are; others are linked with a query parameter.
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,199}");
  private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final JobHistory history;
  private final Clock clock;
  private final StatusPage.Options options;

  Pages(JobHistory history, Clock clock, StatusPage.Options options) {
    this.history = history;
    this.clock = clock;
    this.options = options;
  }

  // ---------------------------------------------------------------- pages

  Page overview() {
    Instant now = clock.instant();
    StringBuilder b = new StringBuilder();
    List<String> packages = history.packages();
    List<JobRecord> waiting = waiting();
    List<String> extra = extraWaiting(now);
    b.append("<section class=\"waiting\" id=\"waiting\"><h2>Waiting</h2>");
    if (waiting.isEmpty() && extra.isEmpty()) {
      b.append("<p class=\"empty\">Nothing is waiting.</p>");
    } else {
      b.append("<ul>");
      for (JobRecord j : waiting) {
        b.append("<li class=\"wait state-").append(state(j.state())).append("\" data-job=\"").append(escape(j.id()))
            .append("\">").append(packageLink(j.packageName())).append(' ').append(jobLink(j, j.kind()))
            .append(" on ").append(escape(String.join(", ", j.branches()))).append(": ").append(whyWaiting(j, now))
            .append("</li>");
      }
      extra.forEach(b::append);
      b.append("</ul>");
    }
    b.append("</section>");
    if (packages.isEmpty()) {
      b.append("<p class=\"empty\">No jobs yet: the bot has not received an event it acts on.</p>");
    }
    int shown = 0;
    for (String p : packages) {
      if (shown++ == options.maxPackages()) {
        b.append("<p class=\"more\">").append(packages.size() - options.maxPackages())
            .append(" more packages are not shown here; see <a href=\"/jobs\">the job list</a>.</p>");
        break;
      }
      Road road = Road.of(p, history.jobs(JobQuery.all().withPackage(p).limit(options.maxRows())));
      b.append("<section class=\"package\" data-package=\"").append(escape(p)).append("\"><h2>")
          .append(packageLink(p)).append("</h2>");
      road(b, road, now, false);
      b.append("</section>");
    }
    return page(200, "Overview", b.toString());
  }

  Page jobs(Map<String, String> params) {
    JobQuery q = JobQuery.all().limit(options.maxRows());
    String pkg = params.getOrDefault("package", "");
    String kind = params.getOrDefault("kind", "");
    String st = params.getOrDefault("state", "");
    String branch = params.getOrDefault("branch", "");
    if (!pkg.isEmpty()) {
      q = q.withPackage(pkg);
    }
    if (!kind.isEmpty()) {
      q = q.withKind(kind);
    }
    if (!st.isEmpty()) {
      Optional<JobState> s = parseState(st);
      if (s.isEmpty()) {
        return error(400, "Bad filter", "Unknown state \"" + st + "\": use one of " + stateNames() + ".");
      }
      q = q.withState(s.get());
    }
    if (!branch.isEmpty()) {
      q = q.withBranch(branch);
    }
    List<JobRecord> jobs = history.jobs(q);
    StringBuilder b = new StringBuilder();
    b.append("<form class=\"filter\" method=\"get\" action=\"/jobs\">");
    TreeSet<String> packages = new TreeSet<>(history.packages().stream().limit(1000).toList());
    if (!pkg.isEmpty()) {
      packages.add(pkg);
    }
    select(b, "package", "Package", packages, pkg);
    TreeSet<String> kinds = new TreeSet<>(KINDS);
    if (!kind.isEmpty()) {
      kinds.add(kind);
    }
    select(b, "kind", "Kind", kinds, kind);
    List<String> states = new ArrayList<>();
    for (JobState s : JobState.values()) {
      states.add(state(s));
    }
    select(b, "state", "State", states, st.toLowerCase(Locale.ROOT));
    b.append("<label>Branch <input type=\"text\" name=\"branch\" maxlength=\"100\" value=\"").append(escape(branch))
        .append("\" placeholder=\"any\"></label> <button type=\"submit\">Filter</button>");
    if (!params.isEmpty()) {
      b.append(" <a href=\"/jobs\">clear</a>");
    }
    b.append("</form>");
    b.append("<p class=\"count\">").append(jobs.size() == options.maxRows() ? "newest " : "").append(jobs.size())
        .append(jobs.size() == 1 ? " job" : " jobs").append("</p>");
    jobTable(b, jobs, clock.instant(), true);
    return page(200, "Jobs", b.toString());
  }

  Page job(String id) {
    Optional<JobRecord> found = history.find(id);
    if (found.isEmpty()) {
      return error(404, "No such job", "There is no job \"" + id + "\" in the history.");
    }
    JobRecord j = found.get();
    Instant now = clock.instant();
    StringBuilder b = new StringBuilder();
    b.append("<dl class=\"job\" data-job=\"").append(escape(j.id())).append("\">");
    dt(b, "Job", "<code>" + escape(j.id()) + "</code>");
    dt(b, "Kind", escape(j.kind()));
    dt(b, "Package", packageLink(j.packageName()));
    dt(b, "Branches", escape(String.join(", ", j.branches())));
    dt(b, "Trigger", "<span class=\"trigger\">" + text(j.trigger()) + "</span>");
    dt(b, "State", "<span class=\"badge state-" + state(j.state()) + "\">" + state(j.state()) + "</span>");
    dt(b, "Queued", time(j.queuedAt(), now));
    dt(b, "Started", j.startedAt().map(t -> time(t, now)).orElse("not yet"));
    dt(b, "Finished", j.finishedAt().map(t -> time(t, now)
        + j.startedAt().map(s -> " (took " + duration(Duration.between(s, t)) + ")").orElse("")).orElse("not yet"));
    dt(b, "Bot instance", j.botInstance().isEmpty() ? "none yet" : escape(j.botInstance()));
    if (!j.detail().isEmpty()) {
      dt(b, "Detail", "<pre class=\"detail\">" + text(j.detail()) + "</pre>");
    }
    if (j.state() == JobState.FAILED || j.state() == JobState.RETRYING) {
      dt(b, "Retry", "<span class=\"hint\">" + escape(retryHint(j)) + "</span>");
    }
    dt(b, "Request", j.request().isEmpty() ? "not kept"
        : "kept in the history (" + j.request().length() + " characters); not shown here, because a request may "
            + "carry configuration");
    b.append("</dl>");
    b.append("<h2>Branches</h2>");
    if (j.branchResults().isEmpty()) {
      b.append("<p class=\"empty\">").append(j.state().finished() ? "No per-branch results were recorded."
          : "Results appear when the job has finished.").append("</p>");
    } else {
      b.append("<table class=\"branches\"><thead><tr><th>Branch</th><th>Outcome</th><th>Links</th><th>Detail</th>"
          + "</tr></thead><tbody>");
      for (BranchRecord r : j.branchResults()) {
        String outcome = escape(r.outcome().toLowerCase(Locale.ROOT));
        b.append("<tr data-branch=\"").append(escape(r.branch())).append("\"><th>").append(escape(r.branch()))
            .append("</th><td><span class=\"badge state-").append(outcome).append("\">").append(outcome)
            .append("</span></td><td>");
        boolean first = true;
        for (String name : new TreeSet<>(r.links().keySet())) {
          if (!first) {
            b.append("<br>");
          }
          first = false;
          b.append(escape(name)).append(": ").append(Html.link(r.links().get(name).toString(),
              shortLink(r.links().get(name))));
        }
        b.append("</td><td>").append(text(r.detail())).append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    return page(200, "Job " + Html.clip(j.id(), 80), b.toString());
  }

  Page packagePage(String name) {
    List<JobRecord> jobs = history.jobs(JobQuery.all().withPackage(name).limit(options.maxRows()));
    List<ReconcileDecision> decisions = history.decisions(name, options.maxRows());
    if (jobs.isEmpty() && decisions.isEmpty()) {
      return error(404, "No such package", "The history has no job and no decision for package \"" + name + "\".");
    }
    Instant now = clock.instant();
    StringBuilder b = new StringBuilder();
    b.append("<section class=\"package\" data-package=\"").append(escape(name)).append("\">");
    road(b, Road.of(name, jobs), now, true);
    b.append("</section>");
    b.append("<section class=\"decisions\"><h2>Reconciliation decisions</h2>");
    if (decisions.isEmpty()) {
      b.append("<p class=\"empty\">Reconciliation has not looked at this package yet.</p>");
    } else {
      b.append("<table class=\"decisions\"><thead><tr><th>When</th><th>Branch</th><th>Enqueued</th><th>Why</th>"
          + "<th>Job</th></tr></thead><tbody>");
      for (ReconcileDecision d : decisions) {
        b.append("<tr><td>").append(time(d.at(), now)).append("</td><td>")
            .append(d.branch().isEmpty() ? "all" : escape(d.branch())).append("</td><td>")
            .append(d.kind().equals("none") ? "nothing (in order)" : escape(d.kind())).append("</td><td>")
            .append(text(d.reason())).append("</td><td>")
            .append(d.jobId().isEmpty() ? "" : "<a href=\"" + escape(jobHref(d.jobId())) + "\"><code>"
                + escape(Html.clip(d.jobId(), 80)) + "</code></a>")
            .append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    b.append("</section><section class=\"jobs\"><h2>Jobs</h2>");
    jobTable(b, jobs, now, false);
    b.append("<p><a href=\"/jobs?package=").append(escape(Html.encode(name))).append("\">Filter these jobs</a></p>");
    b.append("</section>");
    return page(200, "Package " + Html.clip(name, 80), b.toString());
  }

  Page packages() {
    List<String> all = history.packages();
    StringBuilder b = new StringBuilder("<ul class=\"packages\">");
    all.stream().limit(options.maxRows()).forEach(p -> b.append("<li>").append(packageLink(p)).append("</li>"));
    b.append("</ul>");
    if (all.size() > options.maxRows()) {
      b.append("<p class=\"more\">").append(all.size() - options.maxRows()).append(" more packages are not shown.</p>");
    }
    return page(200, "Packages", b.toString());
  }

  Page error(int status, String title, String message) {
    return page(status, title, "<p class=\"error\">" + text(message) + "</p><p><a href=\"/\">Back to the overview</a></p>");
  }

  // ---------------------------------------------------------------- parts

  private List<JobRecord> waiting() {
    List<JobRecord> out = new ArrayList<>();
    for (JobState s : List.of(JobState.RUNNING, JobState.RETRYING, JobState.QUEUED)) {
      out.addAll(history.jobs(JobQuery.all().withState(s).limit(options.maxRows())));
    }
    out.sort(Comparator.comparing(JobRecord::queuedAt));
    return out.size() > options.maxRows() ? out.subList(0, options.maxRows()) : out;
  }

  // The embedder's sources, each bounded and each failure contained: the page still renders.
  private List<String> extraWaiting(Instant now) {
    List<String> out = new ArrayList<>();
    for (StatusPage.WaitingSource source : options.waiting()) {
      List<StatusPage.Waiting> entries;
      try {
        entries = source.waiting();
      } catch (RuntimeException e) {
        LOG.warn("a waiting source of the status page failed: {}", Redaction.text(e.toString()));
        out.add("<li class=\"wait source-failed\">A waiting source could not be asked (" + escape(e.getClass().getSimpleName())
            + "); the bot's log has the cause.</li>");
        continue;
      }
      for (StatusPage.Waiting w : entries) {
        if (out.size() >= options.maxRows()) {
          return out;
        }
        StringBuilder li = new StringBuilder("<li class=\"wait extra\">");
        if (!w.packageName().isEmpty()) {
          li.append(packageLink(w.packageName())).append(' ');
        }
        li.append(escape(Html.clip(w.what(), 200)));
        if (!w.branch().isEmpty()) {
          li.append(" on ").append(escape(Html.clip(w.branch(), 100)));
        }
        li.append(": ").append(text(w.why()));
        w.since().ifPresent(t -> li.append(", since ").append(time(t, now)));
        out.add(li.append("</li>").toString());
      }
    }
    return out;
  }

  private String whyWaiting(JobRecord j, Instant now) {
    return switch (j.state()) {
      case RUNNING -> "running on " + escape(j.botInstance().isEmpty() ? "a runner" : j.botInstance())
          + j.startedAt().map(t -> " since " + time(t, now)).orElse("");
      case RETRYING -> "an attempt failed (<span class=\"cause\">" + text(j.detail())
          + "</span>); back in the queue for another attempt, queued " + time(j.queuedAt(), now);
      default -> "queued " + time(j.queuedAt(), now) + ", waiting for a free runner"
          + (j.trigger().isEmpty() ? "" : "; trigger: <span class=\"trigger\">" + text(j.trigger()) + "</span>");
    };
  }

  private void road(StringBuilder b, Road road, Instant now, boolean withOpen) {
    b.append("<p class=\"release\">Upstream: ");
    if (road.release().isPresent()) {
      JobRecord r = road.release().get();
      b.append("<span class=\"trigger\">").append(text(r.trigger().isEmpty() ? r.kind() : r.trigger()))
          .append("</span> (").append(jobLink(r, escape(r.kind()) + " " + state(r.state()))).append(", queued ")
          .append(time(r.queuedAt(), now)).append(')');
    } else {
      b.append("no release job in the recent history");
    }
    b.append("</p>");
    if (!road.branches().isEmpty()) {
      b.append("<table class=\"road\"><thead><tr><th>Branch</th>");
      for (String s : Road.STEPS) {
        b.append("<th>").append(cap(s)).append("</th>");
      }
      b.append("<th>Latest</th></tr></thead><tbody>");
      for (Road.BranchRoad br : road.branches()) {
        b.append("<tr data-branch=\"").append(escape(br.branch())).append("\"><th>").append(escape(br.branch()))
            .append("</th>");
        for (Road.Step s : br.steps()) {
          String st = s.state().isEmpty() ? "none" : escape(s.state());
          b.append("<td class=\"step state-").append(st).append("\" data-step=\"").append(escape(s.name()))
              .append("\" data-state=\"").append(st).append("\">");
          s.link().ifPresent(l -> b.append(Html.link(l.toString(), shortLink(l))).append("<br>"));
          if (s.job().isPresent()) {
            b.append(jobLink(s.job().get(), st));
          } else {
            b.append("<span class=\"none\">not yet</span>");
          }
          b.append("</td>");
        }
        b.append("<td class=\"latest\">").append(jobLink(br.latest(), escape(br.latest().kind()) + " "
            + escape(br.latestState()))).append(' ')
            .append(time(br.latest().finishedAt().or(br.latest()::startedAt).orElse(br.latest().queuedAt()), now))
            .append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    if (!road.failures().isEmpty()) {
      b.append("<div class=\"failures\"><h3>Failures</h3><ul>");
      for (Road.Failure f : road.failures()) {
        b.append("<li class=\"failure\" data-branch=\"").append(escape(f.branch())).append("\"><strong>")
            .append(escape(f.branch().isEmpty() ? "" : f.branch() + ": ")).append(escape(f.step()))
            .append("</strong> failed ").append(f.job().finishedAt().map(t -> time(t, now)).orElse(""))
            .append(" (").append(jobLink(f.job(), "job")).append("): <span class=\"cause\">")
            .append(text(f.cause().isEmpty() ? "no cause recorded" : f.cause())).append("</span>")
            .append("<br><span class=\"hint ").append(f.job().retryable() ? "retryable" : "permanent").append("\">")
            .append(escape(retryHint(f.job()))).append("</span></li>");
      }
      b.append("</ul></div>");
    }
    if (withOpen && !road.open().isEmpty()) {
      b.append("<div class=\"open\"><h3>Open jobs</h3><ul>");
      for (JobRecord j : road.open()) {
        b.append("<li>").append(jobLink(j, escape(j.kind()))).append(" on ").append(escape(String.join(", ",
            j.branches()))).append(": ").append(whyWaiting(j, now)).append("</li>");
      }
      b.append("</ul></div>");
    }
  }

  private void jobTable(StringBuilder b, List<JobRecord> jobs, Instant now, boolean withPackage) {
    if (jobs.isEmpty()) {
      b.append("<p class=\"empty\">No jobs match.</p>");
      return;
    }
    b.append("<table class=\"jobs\"><thead><tr><th>Job</th><th>Kind</th>")
        .append(withPackage ? "<th>Package</th>" : "")
        .append("<th>Branches</th><th>State</th><th>Queued</th><th>Trigger</th></tr></thead><tbody>");
    for (JobRecord j : jobs) {
      b.append("<tr data-job=\"").append(escape(j.id())).append("\"><td><a href=\"").append(escape(jobHref(j.id())))
          .append("\"><code>").append(escape(Html.clip(j.id(), 40))).append("</code></a></td><td>")
          .append(escape(j.kind())).append("</td>");
      if (withPackage) {
        b.append("<td>").append(packageLink(j.packageName())).append("</td>");
      }
      b.append("<td>").append(escape(String.join(", ", j.branches()))).append("</td><td><span class=\"badge state-")
          .append(state(j.state())).append("\">").append(state(j.state())).append("</span></td><td>")
          .append(time(j.queuedAt(), now)).append("</td><td class=\"trigger\">")
          .append(escape(Html.clip(Redaction.text(j.trigger()), 160))).append("</td></tr>");
    }
    b.append("</tbody></table>");
  }

  private static void select(StringBuilder b, String name, String label, Iterable<String> values, String selected) {
    b.append("<label>").append(label).append(" <select name=\"").append(name).append("\"><option value=\"\">any</option>");
    for (String v : values) {
      b.append("<option value=\"").append(escape(v)).append('"').append(v.equals(selected) ? " selected" : "")
          .append('>').append(escape(Html.clip(v, 80))).append("</option>");
    }
    b.append("</select></label> ");
  }

  private static void dt(StringBuilder b, String term, String html) {
    b.append("<dt>").append(term).append("</dt><dd>").append(html).append("</dd>");
  }

  private Page page(int status, String title, String body) {
    String now = ABSOLUTE.format(clock.instant());
    return new Page(status, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"referrer\" content=\"no-referrer\">"
        + "<title>" + escape(title) + " · " + escape(options.title()) + "</title>"
        + "<link rel=\"stylesheet\" href=\"" + StatusHandler.CSS_PATH + "\"></head><body>"
        + "<header><nav><a class=\"brand\" href=\"/\">" + escape(options.title()) + "</a> <a href=\"/\">Overview</a> "
        + "<a href=\"/jobs\">Jobs</a></nav><p class=\"now\">as of " + now + "</p></header>"
        + "<main><h1>" + escape(title) + "</h1>" + body + "</main></body></html>\n");
  }

  // ---------------------------------------------------------------- small helpers

  /** Redacts, clips and escapes text from a record. */
  private String text(String s) {
    return escape(Html.clip(Redaction.text(s), options.maxTextChars()));
  }

  static String packageHref(String name) {
    return PLAIN.matcher(name).matches() ? "/packages/" + name : "/packages?name=" + Html.encode(name);
  }

  static String jobHref(String id) {
    return PLAIN.matcher(id).matches() ? "/jobs/" + id : "/jobs/?id=" + Html.encode(id);
  }

  private static String packageLink(String name) {
    return "<a class=\"pkg\" href=\"" + escape(packageHref(name)) + "\">" + escape(Html.clip(name, 100)) + "</a>";
  }

  /** A link to a job; {@code html} is already escaped. */
  private static String jobLink(JobRecord j, String html) {
    return "<a href=\"" + escape(jobHref(j.id())) + "\">" + html + "</a>";
  }

  // Host, path and query of a link, credentials redacted, for the link's text.
  private static String shortLink(URI uri) {
    String text = Redaction.url(uri.toString()).replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "");
    return Html.clip(text, 70);
  }

  static String state(JobState s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  static Optional<JobState> parseState(String s) {
    for (JobState st : JobState.values()) {
      if (st.name().equalsIgnoreCase(s)) {
        return Optional.of(st);
      }
    }
    return Optional.empty();
  }

  private static String stateNames() {
    List<String> out = new ArrayList<>();
    for (JobState s : JobState.values()) {
      out.add(state(s));
    }
    return String.join(", ", out);
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Why a failure may or may not go away when the job runs again, and how to run it again. */
  static String retryHint(JobRecord j) {
    if (!j.retryable()) {
      return "Retrying will not help until the cause is fixed (configuration, spec file, permissions); "
          + "then run it again" + how(j.kind()) + ".";
    }
    if (j.state() == JobState.RETRYING) {
      return "The cause looks temporary; the bot retries it by itself.";
    }
    return "The cause looks temporary: running it again may help" + how(j.kind()) + ".";
  }

  private static String how(String kind) {
    return switch (kind) {
      case "propose_downstream" -> " (comment /packit propose-downstream on an upstream issue or pull request)";
      case "pull_from_upstream" -> " (comment /packit pull-from-upstream in a dist-git pull request)";
      case "koji_build" -> " (comment /packit koji-build in the dist-git pull request)";
      case "bodhi_update" -> " (comment /packit create-update in the dist-git pull request)";
      default -> " (deliver the event again)";
    };
  }

  /** "3 minutes ago" in a {@code <time>} element carrying the exact UTC time. */
  static String time(Instant t, Instant now) {
    return "<time datetime=\"" + t.truncatedTo(ChronoUnit.SECONDS) + "\" title=\"" + ABSOLUTE.format(t) + "\">"
        + ago(t, now) + "</time>";
  }

  static String ago(Instant t, Instant now) {
    Duration d = Duration.between(t, now);
    boolean future = d.isNegative();
    long s = Math.abs(d.getSeconds());
    if (s < 5) {
      return "just now";
    }
    String amount = duration(Duration.ofSeconds(s));
    return future ? "in " + amount : amount + " ago";
  }

  static String duration(Duration d) {
    long s = d.getSeconds();
    if (s < 60) {
      return plural(s, "second");
    }
    if (s < 3600) {
      return plural(s / 60, "minute");
    }
    if (s < 86_400) {
      return plural(s / 3600, "hour");
    }
    return plural(s / 86_400, "day");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
