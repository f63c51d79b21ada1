package dev.packit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The bounded form of the bot overhead harness (a smoke, not a timing): a few releases through the
 * workflow, through two bots on RabbitMQ and PostgreSQL, and through the workflow again, each
 * ending with one pull request per package and branch, and a report with every figure.
 * {@code -Dpackit.overhead.releases=300} runs the full size. Needs the broker and the database of
 * {@code .ci/services.sh}: skips without them, fails instead under {@code PACKIT_CI=true}.
 */
class BotOverheadHarnessTest {
  private static final int RELEASES = Integer.getInteger("packit.overhead.releases", 10);

  @Test
  void workflowThenBotsThenWorkflowSameEndStateAllFigures() throws Exception {
    BotOverheadHarness.Options o = services().withShards(4);
    BotOverheadHarness.Report r = BotOverheadHarness.run(o);
    System.out.println(r);
    assertEquals(List.of("workflow", "bot", "workflow"), r.runs().stream().map(BotOverheadHarness.Run::mode).toList());
    for (BotOverheadHarness.Run run : r.runs()) {
      // the harness itself checked every package's pull requests and uploads; the totals must add up
      assertEquals(RELEASES, run.jobs(), run.toString());
      assertEquals(3 * RELEASES, run.pullRequests(), run.toString());
      assertTrue(run.seconds() > 0 && run.latencyP50Ms() > 0 && run.latencyP95Ms() >= run.latencyP50Ms(), run.toString());
      assertTrue(run.serviceP50Ms() > 0 && run.serviceP95Ms() >= run.serviceP50Ms(), run.toString());
      assertTrue(run.latencyP95Ms() >= run.serviceP50Ms(), "latency includes the job's own run: " + run);
      assertTrue(run.cpuSeconds() > 0, run.toString());
      assertFalse(run.probes().isEmpty(), "at least one heap probe with jobs in flight: " + run);
      assertFalse(Double.isNaN(run.kbPerJob()), run.toString());
      if (run.mode().equals("bot")) {
        assertTrue(run.intakeP50Ms() > 0 && run.intakeP95Ms() >= run.intakeP50Ms(), run.toString());
        assertTrue(run.acceptedSeconds() > 0 && run.acceptedSeconds() <= run.seconds(), run.toString());
      }
    }
    assertTrue(r.ratio() > 0 && Double.isFinite(r.ratio()), r.toString());
    assertTrue(r.busiestShard() >= (RELEASES + o.shards() - 1) / o.shards(), r.toString());
  }

  private static BotOverheadHarness.Options services() {
    String missing = null;
    BotOverheadHarness.Options o = null;
    try {
      o = BotOverheadHarness.Options.fromEnvironment(RELEASES);
      ConnectionFactory f = new ConnectionFactory();
      f.setUri(o.amqp());
      f.setConnectionTimeout(3000);
      try (Connection c = f.newConnection()) {
        c.getServerProperties();
      }
      try (var c = DriverManager.getConnection(o.jdbcUrl(), o.dbUser(), o.dbPassword().reveal())) {
        c.isValid(3);
      }
    } catch (Exception e) {
      missing = "RabbitMQ and PostgreSQL are needed (source .ci/services.sh, or .ci/postgres.sh and start_postgresql): " + e;
    }
    if (missing != null) {
      if ("true".equalsIgnoreCase(System.getenv("PACKIT_CI"))) {
        fail(missing);
      }
      Assumptions.abort(missing);
    }
    return o;
  }
}
