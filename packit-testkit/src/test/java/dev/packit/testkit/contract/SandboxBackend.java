package dev.packit.testkit.contract;

import dev.packit.forge.Forge;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.RepoId;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.ForgeReadContract;
import java.util.function.BiFunction;
import java.util.function.Function;

/** A {@link ForgeReadContract.Backend} on a fresh {@link FedoraSandbox}: repositories are its bare git repositories. */
final class SandboxBackend implements ForgeReadContract.Backend {
  final FedoraSandbox sandbox = FedoraSandbox.start();
  private final String namespace;
  private final BiFunction<FedoraSandbox, ForgeCredentials, Forge> client;
  private final Function<FedoraSandbox, String> userToken;

  /**
   * @param namespace where upstream repositories live, such as {@code upstream} or {@code rpms}
   * @param client builds the forge's client on the sandbox
   * @param userToken makes a token for the test's user, {@code packit}
   */
  SandboxBackend(String namespace, BiFunction<FedoraSandbox, ForgeCredentials, Forge> client,
      Function<FedoraSandbox, String> userToken) {
    this.namespace = namespace;
    this.client = client;
    this.userToken = userToken;
  }

  @Override
  public Forge forge(ForgeCredentials credentials) {
    return client.apply(sandbox, credentials);
  }

  @Override
  public ForgeCredentials user() {
    return ForgeCredentials.token(userToken.apply(sandbox));
  }

  @Override
  public RepoId createRepository(String name) {
    sandbox.createBareRepository(namespace + "/" + name);
    return RepoId.of(namespace + "/" + name);
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
