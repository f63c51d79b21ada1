package dev.packit.testkit.contract;

import dev.packit.forge.AccessLevel;
import dev.packit.forge.RepoId;
import dev.packit.forge.github.GitHub;
import dev.packit.testkit.ForgeContract;

/** The forge contract on the sandbox's GitHub. */
@org.junit.jupiter.api.Tag("integration")
class GitHubForgeContractTest extends ForgeContract {
  private SandboxBackend sandbox;

  @Override
  protected Backend start() {
    sandbox = new SandboxBackend("upstream", (s, c) -> GitHub.builder().baseUri(s.github().apiUri()).credentials(c)
        .sleeper(d -> { }).build(), s -> s.github().token("packit"));
    return sandbox;
  }

  @Override
  protected void grant(RepoId repo, String user, AccessLevel level) {
    sandbox.sandbox.github().collaborator(repo.toString(), user, level.name().toLowerCase(java.util.Locale.ROOT));
  }
}
