package dev.packit.fedora.messaging;

import dev.packit.fedora.koji.KojiBuildState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every file in ../shared/fixtures/messages parses to the right typed event with the right fields. */
class FedoraMessagesCorpusTest {
  private static final Map<String, Consumer<FedoraMessage>> EXPECTED = new LinkedHashMap<>();

  private static void expect(String file, Consumer<FedoraMessage> check) {
    EXPECTED.put(file, check);
  }

  static {
    // ---- pagure.git.receive
    expect("packit-service-fedmsg__git_receive.json", m -> {
      DistGitPush p = assertInstanceOf(DistGitPush.class, m);
      assertEquals("org.fedoraproject.prod.pagure.git.receive", p.topic());
      assertEquals("forks/packit/rpms/nispor", p.fullName());
      assertEquals(Map.of("nispor.spec", "M"), p.changedFiles());
      assertTrue(p.specChanged());
      assertEquals(Optional.of("pagure.git.receive"), p.envelope().schema());
      assertEquals(Set.of("cathay4t"), p.envelope().users());
      assertEquals(Optional.of(Instant.parse("2024-02-08T07:29:14Z")), p.envelope().sentAt());
      assertTrue(p.authors().contains("yselkowitz"));
    });
    expect("src.fedoraproject.org_pagure.git.receive.json", m -> {
      DistGitPush p = assertInstanceOf(DistGitPush.class, m);
      assertEquals("rpms", p.namespace());
      assertEquals("packit", p.repository());
      assertEquals("rpms/packit", p.fullName());
      assertEquals("f39", p.branch());
      assertEquals(1286L, p.pullRequest().getAsLong());
      assertEquals("5b3d9e08-5e14-4bf2-83df-9f8fa8323f01", p.messageId());
      assertEquals(Map.of(".packit.yaml", "M"), p.changedFiles());
      assertFalse(p.specChanged());
      assertEquals(List.of("mmassari"), p.authors());
    });
    expect("src.fedoraproject.org_pagure.git.receive_flattened.json", m -> {
      DistGitPush p = assertInstanceOf(DistGitPush.class, m);
      assertEquals("rpms/packit", p.fullName());
      assertEquals("f39", p.branch());
      assertEquals(1286L, p.pullRequest().getAsLong());
      assertEquals("5b3d9e08-5e14-4bf2-83df-9f8fa8323f01", p.messageId());
      assertFalse(p.envelope().body().containsKey("headers"), "meta keys are not body fields");
      assertEquals(Optional.of("pagure.git.receive"), p.envelope().schema());
    });
    expect("packit-service__distgit_commit.json", m -> {
      DistGitPush p = assertInstanceOf(DistGitPush.class, m);
      assertEquals("rpms/buildah", p.fullName());
      assertEquals("main", p.branch());
      assertEquals("abcd", p.endCommit());
      assertEquals("rhcontainerbot", p.agent());
      assertTrue(p.pullRequest().isEmpty());
      assertEquals(1, p.totalCommits());
    });
    expect("packit-service__distgit_push_packit.json", m -> {
      DistGitPush p = assertInstanceOf(DistGitPush.class, m);
      assertEquals("rpms/packit", p.fullName());
      assertEquals("f36", p.branch());
      assertEquals(5L, p.pullRequest().getAsLong());
      assertEquals("pagure", p.agent());
      assertEquals("ad0c308af91da45cf40b253cd82f07f63ea9cbbf", p.endCommit());
    });
    expect("pagure-messages_git.receive.json", m -> {
      DistGitPush p = assertInstanceOf(DistGitPush.class, m);
      assertEquals("fedora-infra/fedocal-messages", p.fullName());
      assertEquals("fedora-infra", p.namespace());
      assertEquals("fedocal-messages", p.repository());
    });
    // ---- buildsys.build.state.change
    expect("koji-fedoramessaging-messages__build.state.change.body.json", m -> {
      KojiBuildStateChange b = assertInstanceOf(KojiBuildStateChange.class, m);
      assertEquals("", b.topic(), "bare body: typed by its fields");
      assertEquals("chromium-80.0.3987.132-1.fc33", b.nvr());
      assertEquals(KojiBuildState.BUILDING, b.oldState());
      assertEquals(KojiBuildState.COMPLETE, b.newState());
      assertNull(b.taskId());
      assertEquals(Optional.of("rawhide"), b.branch());
      assertEquals(Optional.of("rpms/chromium"), b.repositoryPath());
      assertEquals(Optional.of("5f8f367e482fe8e30711aea49bf2ecfd163d278f"), b.commit());
      assertEquals(Instant.parse("2023-06-09T07:35:14.682273Z"), b.completionTime());
    });
    expect("koji-fedoramessaging__build.state.change.complete.body.json", m -> {
      KojiBuildStateChange b = assertInstanceOf(KojiBuildStateChange.class, m);
      assertEquals(KojiBuildState.COMPLETE, b.newState());
      assertEquals("build", b.taskMethod());
      assertTrue(b.nvr().startsWith("grep-"), b.nvr());
    });
    expect("koji-fedoramessaging__build.state.change.start.body.json", m -> {
      KojiBuildStateChange b = assertInstanceOf(KojiBuildStateChange.class, m);
      assertNull(b.oldState());
      assertEquals(KojiBuildState.BUILDING, b.newState());
      assertNull(b.completionTime());
      assertTrue(b.epoch() != null);
    });
    expect("packit-service-fedmsg__koji_build_state_change.json", m -> {
      KojiBuildStateChange b = assertInstanceOf(KojiBuildStateChange.class, m);
      assertEquals("image", b.taskMethod());
      assertEquals("", b.scmUrl(), "image request is not [scm, target, opts]");
      assertTrue(b.branch().isEmpty());
      assertEquals("releng", b.owner());
      assertEquals(Set.of("Fedora-Python-Classroom-Vagrant"), b.envelope().packages());
      assertEquals(Optional.of("koji_fedoramessaging.build.BuildStateChangeV1"), b.envelope().schema());
    });
    buildExpect("packit-service__koji_build_completed_rawhide.json", KojiBuildState.COMPLETE, "rawhide", "python-ogr");
    buildExpect("packit-service__koji_build_start_rawhide.json", KojiBuildState.BUILDING, "rawhide", "python-ogr");
    buildExpect("packit-service__koji_build_completed_epel8.json", KojiBuildState.COMPLETE, "epel8", null);
    buildExpect("packit-service__koji_build_start_epel8.json", KojiBuildState.BUILDING, "epel8", null);
    buildExpect("packit-service__koji_build_completed_f36.json", KojiBuildState.COMPLETE, "f36", null);
    buildExpect("packit-service__koji_build_start_f36.json", KojiBuildState.BUILDING, "f36", null);
    expect("packit-service__koji_build_completed_old_format.json", m -> {
      KojiBuildStateChange b = assertInstanceOf(KojiBuildStateChange.class, m);
      assertEquals("packit-0.43.0-1.fc36", b.nvr());
      assertEquals(KojiBuildState.COMPLETE, b.newState());
      assertEquals(79721403L, b.taskId());
      assertEquals("2021-d0aaa777-3dc2-4000-b065-f57a870f14f2", b.messageId());
      assertEquals(Optional.of("rawhide"), b.branch());
    });
    expect("packit-service__koji_build_start_old_format.json", m -> {
      KojiBuildStateChange b = assertInstanceOf(KojiBuildStateChange.class, m);
      assertNull(b.oldState());
      assertEquals(KojiBuildState.BUILDING, b.newState());
      assertTrue(b.messageId().startsWith("2021-"));
    });
    // ---- buildsys.tag
    expect("packit-service__koji_build_tagged.json", m -> {
      KojiTag t = assertInstanceOf(KojiTag.class, m);
      assertEquals("f40-build-side-12345", t.tag());
      assertTrue(t.sideTag());
      assertEquals(12345L, t.tagId());
      assertEquals(1234567L, t.buildId());
      assertEquals("python-specfile-0.31.0-1.fc40", t.nvr());
      assertEquals("nforro", t.user());
      assertEquals("0b2addd5-e1b8-4ebe-9e2a-9b1b21a8bbad", t.messageId());
    });
    // ---- buildsys.task.state.change
    expect("koji-fedoramessaging-messages__task.state.change.body.json", m -> {
      KojiTaskStateChange t = assertInstanceOf(KojiTaskStateChange.class, m);
      assertEquals(42569071L, t.taskId());
      assertEquals("OPEN", t.oldState());
      assertEquals("CLOSED", t.newState());
      assertTrue(t.finished());
      assertEquals("koschei", t.owner());
      assertEquals("libfreehand-0.1.2-6.fc32.src.rpm", t.srpm());
      assertEquals("f33", t.target());
      assertTrue(t.scratch());
    });
    expect("packit-service__koji_build_scratch_end.json", m -> {
      KojiTaskStateChange t = assertInstanceOf(KojiTaskStateChange.class, m);
      assertEquals(45270170L, t.taskId());
      assertEquals("", t.messageId(), "a numeric id is the task id, not the message id");
      assertEquals("CLOSED", t.newState());
      assertEquals("packit", t.owner());
      assertEquals("rawhide", t.target());
      assertTrue(t.scratch());
    });
    expect("packit-service__koji_build_scratch_start.json", m -> {
      KojiTaskStateChange t = assertInstanceOf(KojiTaskStateChange.class, m);
      assertFalse(t.finished());
      assertEquals("build", t.method());
      assertTrue(t.scratch());
    });
    // ---- pagure.pull-request.*
    expect("packit-service__pagure_pr_comment.json", m -> {
      PagurePullRequestEvent p = assertInstanceOf(PagurePullRequestEvent.class, m);
      assertEquals("comment.added", p.action());
      assertEquals(36L, p.id());
      assertEquals("rpms/python-teamcity-messages", p.project());
      assertEquals("/packit koji-build", p.comment());
      assertEquals("mmassari", p.agent());
    });
    expect("packit-service-fedmsg__pr_comment.json", m -> {
      PagurePullRequestEvent p = assertInstanceOf(PagurePullRequestEvent.class, m);
      assertEquals("comment.added", p.action());
      assertEquals(31L, p.id());
      assertEquals("/packit koji-build", p.comment());
      assertTrue(p.fromFork());
      assertEquals("forks/packit/rpms/python-teamcity-messages", p.sourceProject());
      assertEquals("66ddb1a866d6acffb78b2adef9aabfa5e45b495d", p.headCommit());
    });
    expect("packit-service__pagure_pr_flag_updated.json", m -> {
      PagurePullRequestEvent p = assertInstanceOf(PagurePullRequestEvent.class, m);
      assertEquals("flag.updated", p.action());
      assertEquals(268L, p.id());
      assertEquals("success", p.flagStatus());
      assertEquals("Zuul", p.flagUsername());
      assertEquals("zuul", p.agent());
      assertEquals("", p.comment());
    });
    expect("packit-service__pagure_pr_new.json", m -> {
      PagurePullRequestEvent p = assertInstanceOf(PagurePullRequestEvent.class, m);
      assertEquals("new", p.action());
      assertEquals("Open", p.status());
    });
    expect("packit-service__pagure_pr_new_no_fork.json", m -> {
      PagurePullRequestEvent p = assertInstanceOf(PagurePullRequestEvent.class, m);
      assertEquals("new", p.action());
      assertEquals(150L, p.id());
      assertEquals("fedora-kiwi-descriptions", p.project());
      assertFalse(p.fromFork());
      assertEquals("rawhide", p.targetBranch());
      assertEquals("update-variants-list-20250222", p.sourceBranch());
      assertEquals("ngompa", p.author());
    });
    expect("packit-service__pagure_pr_rebased.json", m ->
        assertEquals("rebased", assertInstanceOf(PagurePullRequestEvent.class, m).action()));
    expect("packit-service__pagure_pr_updated.json", m ->
        assertEquals("updated", assertInstanceOf(PagurePullRequestEvent.class, m).action()));
    expect("pagure-messages_pull-request.new.json", m -> {
      PagurePullRequestEvent p = assertInstanceOf(PagurePullRequestEvent.class, m);
      assertEquals("new", p.action());
      assertEquals(5014L, p.id());
      assertEquals("Merged", p.status());
      assertEquals("jjames", p.author());
    });
    // ---- anitya / the-new-hotness
    expect("packit-service__anitya_version_update.json", m -> {
      AnityaVersionUpdate a = assertInstanceOf(AnityaVersionUpdate.class, m);
      assertEquals(40221L, a.projectId());
      assertEquals("mypy-boto3", a.projectName());
      assertEquals("pypi", a.ecosystem());
      assertEquals("1.33.1", a.version());
      assertEquals("1.29.7", a.oldVersion());
      assertEquals(List.of("1.33.0", "1.33.1"), a.upstreamVersions());
      assertEquals(Map.of("CentOS", "python3-mypy-boto3"), a.packages());
    });
    expect("packit-service__new_hotness_update.json", m -> {
      NewHotnessUpdate h = assertInstanceOf(NewHotnessUpdate.class, m);
      assertEquals("redis", h.packageName());
      assertEquals(2106196L, h.bugId());
      assertEquals("7.0.3", h.version());
      assertEquals(4181L, h.anityaProjectId());
      assertEquals("redis", h.anityaProjectName());
      assertEquals("org.release-monitoring.prod.anitya.project.version.update.v2", h.triggerTopic());
    });
    // ---- forgejo
    expect("packit-service__forgejo_push.json", m -> {
      ForgejoEvent f = assertInstanceOf(ForgejoEvent.class, m);
      assertEquals("push", f.event());
      assertEquals("infra/docs", f.repository());
      assertEquals("refs/heads/main", f.ref());
      assertEquals("139828ad0b8fd3c5d172ccc0fc695a6d7a98f4c5", f.headCommit());
      assertEquals("zlopez", f.sender());
      assertFalse(f.toString().contains("973bf765c2eb40ebada712bddfeef1ed"), "relayed authorization leaked: " + f);
      assertFalse(f.envelope().headers().containsKey("authorization"), "relayed authorization kept");
    });
    expect("packit-service__forgejo_pr.json", m -> {
      ForgejoEvent f = assertInstanceOf(ForgejoEvent.class, m);
      assertEquals("pull_request", f.event());
      assertEquals("synchronized", f.action());
      assertEquals(3501L, f.pullRequest());
      assertEquals("main", f.ref());
      assertEquals("1a69eb79bbfa26ec63e95863cf15dcd77f985ede", f.headCommit());
      assertEquals("5588c82d-b9dc-4f9b-8c3b-18e93e3b074b", f.messageId());
      assertFalse(f.toString().contains("973bf765c2eb40ebada712bddfeef1ed"), "relayed authorization leaked");
    });
    expect("packit-service__forgejo_pr_comment.json", m -> {
      ForgejoEvent f = assertInstanceOf(ForgejoEvent.class, m);
      assertEquals("issue_comment", f.event());
      assertEquals("created", f.action());
      assertEquals(3366L, f.pullRequest());
      assertEquals("kparal", f.sender());
      assertTrue(f.comment().startsWith("Even though I haven't studied"));
    });
  }

  private static void buildExpect(String file, KojiBuildState state, String branch, String name) {
    expect(file, m -> {
      KojiBuildStateChange b = assertInstanceOf(KojiBuildStateChange.class, m);
      assertEquals(state, b.newState());
      assertEquals(Optional.of(branch), b.branch());
      assertEquals("build", b.taskMethod());
      assertFalse(b.scmUrl().isEmpty());
      assertTrue(b.commit().isPresent());
      assertTrue(b.repositoryPath().orElseThrow().startsWith("rpms/"));
      assertTrue(b.creationTime() != null);
      assertEquals(state == KojiBuildState.BUILDING, b.completionTime() == null);
      if (name != null) {
        assertEquals(name, b.name());
      }
      assertFalse(b.messageId().isEmpty());
    });
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureParsesToItsType() throws IOException {
    Path dir = Fixtures.dir("messages");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList()).stream()
          .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Consumer<FedoraMessage> check = EXPECTED.get(p.getFileName().toString());
            assertTrue(check != null, "no expectation for fixture " + p.getFileName() + ": add one to this test");
            check.accept(FedoraMessages.parse(Files.readString(p), p.toString()));
          }));
    }
  }

  @Test
  void everyExpectationHasAFixture() throws IOException {
    Path dir = Fixtures.dir("messages");
    Set<String> present;
    try (Stream<Path> files = Files.list(dir)) {
      present = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> missing = new TreeSet<>(EXPECTED.keySet());
    missing.removeAll(present);
    assertTrue(missing.isEmpty(), "expected fixtures are missing: " + missing);
  }
}
