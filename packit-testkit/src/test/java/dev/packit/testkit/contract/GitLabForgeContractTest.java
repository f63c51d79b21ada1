package dev.packit.testkit.contract;

import dev.packit.forge.AccessLevel;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.RepoId;
import dev.packit.forge.gitlab.GitLab;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.ForgeContract;

/** The forge contract on a small fake GitLab mounted on the sandbox ({@link FakeGitLab}). */
@org.junit.jupiter.api.Tag("integration")
class GitLabForgeContractTest extends ForgeContract {
  private FakeGitLab gitlab;

  @Override
  protected Backend start() {
    FedoraSandbox sandbox = FedoraSandbox.start();
    gitlab = FakeGitLab.mount(sandbox);
    return new Backend() {
      @Override
      public Forge forge(ForgeCredentials credentials) {
        return GitLab.builder().baseUri(gitlab.apiUri()).credentials(credentials).sleeper(d -> { }).build();
      }

      @Override
      public ForgeCredentials user() {
        return ForgeCredentials.token(gitlab.token("packit"));
      }

      @Override
      public RepoId createRepository(String name) {
        sandbox.createBareRepository("upstream/" + name);
        return RepoId.of("upstream/" + name);
      }

      @Override
      public void close() {
        sandbox.close();
      }
    };
  }

  @Override
  protected void grant(RepoId repo, String user, AccessLevel level) {
    gitlab.member(repo.toString(), user, level.atLeast(AccessLevel.ADMIN) ? 50 : level.atLeast(AccessLevel.MAINTAIN) ? 40 : 30);
  }
}
