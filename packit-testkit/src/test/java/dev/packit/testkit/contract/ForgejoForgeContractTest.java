package dev.packit.testkit.contract;

import dev.packit.forge.AccessLevel;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.RepoId;
import dev.packit.forge.forgejo.Forgejo;
import dev.packit.testkit.ForgeContract;

/** The forge contract on the sandbox's Forgejo (issue 15's shared contract). */
@org.junit.jupiter.api.Tag("integration")
class ForgejoForgeContractTest extends ForgeContract {
  private SandboxBackend sandbox;

  @Override
  protected Backend start() {
    sandbox = new SandboxBackend("rpms", (s, c) -> Forgejo.builder().instance(s.forgejo().instanceUri()).credentials(c)
        .sleeper(d -> { }).build(), s -> s.forgejo().token("packit"));
    return sandbox;
  }

  @Override
  protected void grant(RepoId repo, String user, AccessLevel level) {
    sandbox.sandbox.forgejo().permission(repo.toString(), user, level.atLeast(AccessLevel.ADMIN) ? "admin" : "write");
  }

  /** Forgejo lets only those with write access merge: a maintainer does, as on Fedora's dist-git. */
  @Override
  protected void mergeAs(RepoId repo, long number) {
    grant(repo, "jane", AccessLevel.ADMIN);
    Forgejo.builder().instance(sandbox.sandbox.forgejo().instanceUri())
        .credentials(ForgeCredentials.token(sandbox.sandbox.forgejo().token("jane"))).build()
        .mergePullRequest(repo, number);
  }
}
