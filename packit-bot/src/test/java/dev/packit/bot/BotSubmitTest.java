package dev.packit.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.bot.history.JobRecord;
import dev.packit.bot.history.JobState;
import dev.packit.fedora.jobs.ConfigText;
import dev.packit.fedora.jobs.JobRequest;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A request queued without an event (what reconciliation and a "run again" button do) is
 * recorded with its JSON and run; a bot without the workflow the job needs says so in the history.
 */
@org.junit.jupiter.api.Tag("integration")
class BotSubmitTest {
  @Test
  void aSubmittedRequestIsRecordedAndRun() throws Exception {
    JobRequest request = new JobRequest.KojiBuildOnRequest("hello", List.of("f43"),
        ConfigText.of("jobs: []\n", "rpms/hello@rawhide/.packit.yaml", "hello"), false, "reconciler");
    CountDownLatch done = new CountDownLatch(1);
    try (PackitBot bot = PackitBot.builder().instance("r").httpPort(-1).shutdownHook(false).build()) {
      bot.onJobFinished((job, outcome) -> done.countDown());
      bot.start();
      String id = bot.submit("reconcile-1", "reconciliation: f43 has no build", request);
      assertEquals("reconcile-1/koji_build/hello", id);
      assertTrue(done.await(30, TimeUnit.SECONDS));
      JobRecord r = bot.history().find(id).orElseThrow();
      assertEquals(JobState.SKIPPED, r.state(), r.toString());
      assertEquals("this bot has no workflow for koji_build", r.detail());
      assertEquals("reconciliation: f43 has no build", r.trigger());
      assertEquals(request, JobRequest.fromJson(r.request()), "the history keeps the request to run it again");
    }
  }
}
