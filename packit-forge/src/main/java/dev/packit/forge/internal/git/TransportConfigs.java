package dev.packit.forge.internal.git;

import dev.packit.forge.git.GitCredentials;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/** Turns {@link GitCredentials} into JGit transport settings. */
public final class TransportConfigs {
  private TransportConfigs() {}

  /**
   * Applies credentials to a JGit command.
   *
   * @param command the clone, fetch or push command
   * @param credentials the credentials
   * @param sshHome a scratch folder for the SSH client's state, used only for SSH keys
   * @return the SSH session factory to close after the command, or {@code null}
   */
  public static SshdSessionFactory apply(TransportCommand<?, ?> command, GitCredentials credentials, Path sshHome) {
    if (credentials instanceof GitCredentials.Https) {
      GitCredentials.Https https = (GitCredentials.Https) credentials;
      CredentialsProvider cp = new UsernamePasswordCredentialsProvider(https.username(),
          https.password().reveal().toCharArray());
      command.setCredentialsProvider(cp);
      return null;
    }
    if (credentials instanceof GitCredentials.SshKey) {
      SshdSessionFactory factory = sshFactory((GitCredentials.SshKey) credentials, sshHome);
      command.setTransportConfigCallback(transport -> {
        if (transport instanceof SshTransport) {
          ((SshTransport) transport).setSshSessionFactory(factory);
        }
      });
      return factory;
    }
    return null;
  }

  private static SshdSessionFactory sshFactory(GitCredentials.SshKey key, Path sshHome) {
    File home = sshHome.toFile();
    File sshDir = sshHome.resolve(".ssh").toFile();
    return new SshdSessionFactoryBuilder()
        .setHomeDirectory(home)
        .setSshDirectory(sshDir)
        .setPreferredAuthentications("publickey")
        // Ignore ~/.ssh/config: only what the caller passed decides the key and the known hosts.
        .setConfigStoreFactory((h, f, u) -> null)
        .setDefaultIdentities(d -> List.of(key.privateKey()))
        .setDefaultKnownHostsFiles(d -> List.of(key.knownHosts()))
        .setKeyPasswordProvider(cp -> new FixedPassphrase(key))
        .build(null);
  }

  /** Hands the configured passphrase to the key loader, once. */
  private static final class FixedPassphrase implements KeyPasswordProvider {
    private final GitCredentials.SshKey key;
    private int attempts = 1;

    FixedPassphrase(GitCredentials.SshKey key) {
      this.key = key;
    }

    @Override
    public char[] getPassphrase(URIish uri, int attempt) {
      return key.passphrase() == null ? null : key.passphrase().reveal().toCharArray();
    }

    @Override
    public void setAttempts(int maxNumberOfAttempts) {
      this.attempts = Math.max(1, maxNumberOfAttempts);
    }

    @Override
    public int getAttempts() {
      return attempts;
    }

    @Override
    public boolean keyLoaded(URIish uri, int attempt, Exception error) throws IOException {
      return false; // a wrong passphrase will not become right by asking again
    }
  }
}
