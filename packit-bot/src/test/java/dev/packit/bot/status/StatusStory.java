package dev.packit.bot.status;

import dev.packit.bot.history.BranchRecord;
import dev.packit.bot.history.InMemoryJobHistory;
import dev.packit.bot.history.JobHistory;
import dev.packit.bot.history.JobRecord;
import dev.packit.bot.history.JobState;
import dev.packit.bot.history.ReconcileDecision;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The histories the status page tests render: a realistic release story and a hostile one, and a
 * Jetty server on a loopback ephemeral port serving them.
 */
final class StatusStory {
  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final URI PR_F43 = URI.create("https://src.fedoraproject.org/rpms/hello/pull-request/7");
  static final URI KOJI_F43 = URI.create("https://koji.fedoraproject.org/koji/taskinfo?taskID=139221474");
  static final URI BODHI_F43 = URI.create("https://bodhi.fedoraproject.org/updates/FEDORA-2026-4c1d2e3f4a");
  static final String RAWHIDE_CAUSE = "pushing the branch to the fork failed: 503 Service Unavailable from src.fedoraproject.org";

  static final String HOSTILE_PACKAGE = "<script>alert(\"pkg\")</script>";
  static final String HOSTILE_TRIGGER = "release \"><img src=x onerror=alert(1)> of github.com/evil/x";
  static final String HOSTILE_ID = "evil\"><b id=injected>id</b>";
  static final String HOSTILE_LINK = "javascript:alert(document.cookie)";
  static final String SECRET = "s3cret-value-1234";
  static final String GITHUB_TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

  private StatusStory() {}

  private static Instant ago(int minutes) {
    return NOW.minus(Duration.ofMinutes(minutes));
  }

  /**
   * Release 1.2.0 of hello proposed to rawhide and f43: f43's pull request merged, built and its
   * update created; rawhide's push failed (retryable); greeter's release waits in the queue.
   */
  static InMemoryJobHistory story() {
    InMemoryJobHistory h = new InMemoryJobHistory();
    h.queued(JobRecord.queued("job-1", "propose_downstream", "hello", List.of("rawhide", "f43"),
        "release 1.2.0 of github.com/acme/hello", ago(62)).withRequest("{\"kind\":\"propose_downstream\",\"token\":\"" + SECRET + "\"}"));
    h.started("job-1", ago(61), "bot-1");
    h.finished("job-1", ago(59), JobState.FAILED, "1 of 2 branches failed", true, List.of(
        new BranchRecord("rawhide", "failed", RAWHIDE_CAUSE, Map.of()),
        new BranchRecord("f43", "done", "", Map.of("pull request", PR_F43))));
    h.queued(JobRecord.queued("job-2", "koji_build", "hello", List.of("f43"),
        "push 3f2a9c1 to rpms/hello f43 (pull request 7 merged)", ago(40)));
    h.started("job-2", ago(40), "bot-2");
    h.finished("job-2", ago(25), JobState.DONE, "", false, List.of(
        new BranchRecord("f43", "done", "", Map.of("koji build", KOJI_F43))));
    h.queued(JobRecord.queued("job-3", "bodhi_update", "hello", List.of("f43"),
        "koji build hello-1.2.0-1.fc43 finished", ago(24)));
    h.started("job-3", ago(24), "bot-1");
    h.finished("job-3", ago(23), JobState.DONE, "", false, List.of(
        new BranchRecord("f43", "done", "", Map.of("bodhi update", BODHI_F43))));
    h.queued(JobRecord.queued("job-4", "propose_downstream", "greeter", List.of("rawhide"),
        "release 0.9.1 of gitlab.com/acme/greeter", ago(3)));
    h.decided(new ReconcileDecision(ago(30), "hello", "f43", "none", "f43 has 1.2.0, built and in an update", ""));
    h.decided(new ReconcileDecision(ago(62), "hello", "", "propose_downstream",
        "rawhide and f43 have 1.1.0, upstream released 1.2.0 and no bot pull request is open", "job-1"));
    return h;
  }

  /** Strangers' text everywhere: package name, job id, trigger, cause, links, and secrets in the request. */
  static InMemoryJobHistory hostile() {
    InMemoryJobHistory h = new InMemoryJobHistory();
    h.queued(JobRecord.queued(HOSTILE_ID, "propose_downstream", HOSTILE_PACKAGE, List.of("rawhide", "<i>f43</i>"),
        HOSTILE_TRIGGER, ago(10)).withRequest("{\"token\":\"" + SECRET + "\",\"config\":{\"password\":\"" + SECRET + "\"}}"));
    h.started(HOSTILE_ID, ago(9), "bot-'1'");
    h.finished(HOSTILE_ID, ago(8), JobState.FAILED, "upstream said <script>alert('detail')</script> with token "
        + GITHUB_TOKEN, false, List.of(
        new BranchRecord("rawhide", "failed", "<img src=x onerror=alert('branch')>", Map.of("pull request",
            URI.create(HOSTILE_LINK))),
        new BranchRecord("<i>f43</i>", "done", "", Map.of("pull request",
            URI.create("https://bot:" + SECRET + "@src.example.org/rpms/x/pull-request/1?private_token=" + SECRET)))));
    h.decided(new ReconcileDecision(ago(5), HOSTILE_PACKAGE, "rawhide", "propose_downstream",
        "<svg onload=alert('decision')>", HOSTILE_ID));
    return h;
  }

  /** A running Jetty server on 127.0.0.1 serving the status page, then a fallback that answers 418. */
  static Server serve(JobHistory history, StatusPage.Options options) throws Exception {
    Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
    Handler status = StatusPage.handler(history, CLOCK, options);
    server.setHandler(new Handler.Sequence(status, new Handler.Abstract() {
      @Override
      public boolean handle(org.eclipse.jetty.server.Request request, Response response, Callback callback) {
        Response.writeError(request, response, callback, 418, "not the status page");
        return true;
      }
    }));
    server.start();
    return server;
  }

  static URI base(Server server) {
    return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
  }
}
