package dev.packit.testkit;

import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.fedora.workflow.ProposeDownstreamRequest;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Crafts commits in the sandbox's real git repositories for the files_to_sync and actions tests. */
final class SyncTestRepos {
  static final GitIdentity DEV = GitIdentity.of("Upstream Dev", "dev@example.org");

  interface Content {
    void write(Path dir) throws IOException;
  }

  private SyncTestRepos() {}

  /** Commits content on upstream main and tags it. */
  static void releaseUpstream(FedoraSandbox sandbox, Path work, String tag, Content content) {
    commit(sandbox, work, SandboxScenario.UPSTREAM, "main", content, tag);
  }

  /** Commits content on a dist-git branch of rpms/hello. */
  static void commitDistGit(FedoraSandbox sandbox, Path work, String branch, Content content) {
    commit(sandbox, work, "rpms/hello", branch, content, null);
  }

  private static void commit(FedoraSandbox sandbox, Path work, String repoName, String branch, Content content, String tag) {
    Path dir = work.resolve("craft-" + UUID.randomUUID());
    try (LocalRepository repo = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri(repoName), dir)
        .branch(branch).build(), Clock.systemUTC())) {
      content.write(dir);
      repo.addAll();
      repo.commit("crafted content", DEV);
      PushRequest.Builder push = PushRequest.builder("origin").refSpec("refs/heads/" + branch + ":refs/heads/" + branch);
      if (tag != null) {
        repo.tag(tag, tag, DEV);
        push.pushTags(true);
      }
      repo.push(push.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path dir, String rel, String text) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  static void link(Path dir, String rel, String target) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.createSymbolicLink(p, Path.of(target));
  }

  static PackitConfig config(String extraYaml) {
    String yaml = "upstream_package_name: hello\n"
        + "downstream_package_name: hello\n"
        + "upstream_tag_template: v{version}\n"
        + extraYaml
        + "jobs:\n"
        + "  - job: propose_downstream\n"
        + "    trigger: release\n"
        + "    dist_git_branches: [rawhide]\n";
    return PackitConfigLoader.defaults().load(yaml, ".packit.yaml");
  }

  static ProposeDownstreamRequest request(PackitConfig config, String tag) {
    return ProposeDownstreamRequest.builder(config, RepoId.of(SandboxScenario.UPSTREAM), tag)
        .branches(List.of("rawhide")).build();
  }

  /** An upstream spec for a version, with a line dist-git does not have and its own changelog. */
  static String upstreamSpec(FedoraSandbox sandbox, String version, String source0) {
    return "Name:           hello\n"
        + "Version:        " + version + "\n"
        + "Release:        7%{?dist}\n"
        + "Summary:        The packit-java sandbox demo package, from upstream\n"
        + "License:        MIT\n"
        + "URL:            " + sandbox.baseUri() + "upstream/hello\n"
        + "Source0:        " + source0 + "\n"
        + "BuildArch:      noarch\n"
        + "\n"
        + "%description\n"
        + "A tiny package that the packit-java sandbox releases.\n"
        + "\n"
        + "%prep\n"
        + "%autosetup\n"
        + "\n"
        + "%install\n"
        + "install -Dm0644 README %{buildroot}%{_datadir}/hello/README\n"
        + "\n"
        + "%files\n"
        + "%{_datadir}/hello/README\n"
        + "\n"
        + "%changelog\n"
        + "* Sun Nov 01 2026 Upstream Dev <dev@example.org> - " + version + "-7\n"
        + "- Upstream's own changelog line\n";
  }
}
