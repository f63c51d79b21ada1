package dev.packit.testkit.contract;

import dev.packit.forge.AccessLevel;
import dev.packit.forge.RepoId;
import dev.packit.forge.pagure.Pagure;
import dev.packit.testkit.ForgeContract;

/** The forge contract on the sandbox's Pagure (dist-git). */
@org.junit.jupiter.api.Tag("integration")
class PagureForgeContractTest extends ForgeContract {
  private SandboxBackend sandbox;

  @Override
  protected Backend start() {
    sandbox = new SandboxBackend("rpms", (s, c) -> Pagure.builder().instance(s.pagure().instanceUri()).credentials(c)
        .sleeper(d -> { }).build(), s -> s.pagure().token("packit"));
    return sandbox;
  }

  @Override
  protected void grant(RepoId repo, String user, AccessLevel level) {
    sandbox.sandbox.pagure().grantUser(repo.toString(), level.atLeast(AccessLevel.ADMIN) ? "admin" : "commit", user);
  }
}
