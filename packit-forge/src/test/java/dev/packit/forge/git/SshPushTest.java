package dev.packit.forge.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clone and push over SSH with a key, against an in-process SSH server that runs JGit's packs. */
@Tag("integration")
class SshPushTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path tmp;

  private SshServer server;
  private Path repos;
  private KeyPair clientKey;
  private KeyPair hostKey;

  @BeforeEach
  void startServer() throws Exception {
    repos = Files.createDirectories(tmp.resolve("srv"));
    try (Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(repos.resolve("hello.git").toFile()).call()) {
      assertTrue(git.getRepository().isBare());
    }
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    clientKey = rsa.generateKeyPair();
    hostKey = rsa.generateKeyPair();
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator((user, key, session) -> "git".equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
    server.setCommandFactory((channel, command) -> new GitPackCommand(repos, command));
    server.start();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.stop(true);
  }

  private Path writePrivateKey() throws IOException {
    Path key = tmp.resolve("id_rsa");
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(clientKey.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    Files.writeString(key, pem);
    return key;
  }

  private Path knownHosts(PublicKey key) throws IOException {
    Path kh = tmp.resolve("known_hosts-" + System.nanoTime());
    Files.writeString(kh, "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(key) + "\n");
    return kh;
  }

  private URI uri() {
    return URI.create("ssh://git@127.0.0.1:" + server.getPort() + "/hello.git");
  }

  @Test
  void pushAndCloneWithAKey() throws Exception {
    GitCredentials ssh = GitCredentials.sshKey(writePrivateKey(), knownHosts(hostKey.getPublic()));
    assertFalse(ssh.toString().contains("PRIVATE KEY"));
    String pushed;
    try (LocalRepository repo = LocalRepository.init(tmp.resolve("work"), "main", CLOCK)) {
      Files.writeString(repo.directory().resolve("hello.spec"), "Name: hello\n");
      repo.addAll();
      pushed = repo.commit("over ssh", GitIdentity.of("Packit", "hello@packit.dev")).id();
      repo.setRemote("origin", uri());
      List<RefChange> r = repo.push(PushRequest.builder("origin").refSpec("refs/heads/main").credentials(ssh).build());
      assertEquals("OK", r.get(0).status());
    }
    try (Repository bare = new FileRepositoryBuilder().setGitDir(repos.resolve("hello.git").toFile()).build()) {
      assertEquals(pushed, bare.resolve("refs/heads/main").name());
    }
    try (LocalRepository clone = LocalRepository.cloneFrom(
        CloneRequest.builder(uri(), tmp.resolve("clone")).credentials(ssh).build())) {
      assertEquals(pushed, clone.head().orElseThrow());
    }
  }

  @Test
  void unknownHostKeyIsRefused() throws Exception {
    KeyPair other = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    GitCredentials wrongHost = GitCredentials.sshKey(writePrivateKey(), knownHosts(other.getPublic()));
    GitException host = assertThrows(GitException.class, () -> LocalRepository.cloneFrom(
        CloneRequest.builder(uri(), tmp.resolve("c1")).credentials(wrongHost).build()));
    assertTrue(host.transport(), host::getMessage);
    assertFalse(Files.exists(tmp.resolve("c1")));
  }

  @Test
  void wrongKeyIsRefused() throws Exception {
    KeyPair other = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    writePrivateKey();
    clientKey = other; // the server now expects a different key than the one we offer
    GitCredentials ssh = GitCredentials.sshKey(tmp.resolve("id_rsa"), knownHosts(hostKey.getPublic()));
    GitException auth = assertThrows(GitException.class, () -> LocalRepository.cloneFrom(
        CloneRequest.builder(uri(), tmp.resolve("c2")).credentials(ssh).build()));
    assertTrue(auth.transport(), auth::getMessage);
  }

  /** Runs git-upload-pack / git-receive-pack for one SSH exec request. */
  private static final class GitPackCommand implements Command {
    private final Path root;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Thread thread;

    GitPackCommand(Path root, String command) {
      this.root = root;
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      thread = new Thread(this::run, "test-ssh-git");
      thread.start();
    }

    private void run() {
      int status = 0;
      String[] parts = command.split(" ", 2);
      String path = parts.length < 2 ? "" : parts[1].replace("'", "").replaceFirst("^/", "");
      try (Repository repo = new FileRepositoryBuilder().setGitDir(root.resolve(path).toFile()).setMustExist(true).build()) {
        if (parts[0].equals("git-upload-pack")) {
          new UploadPack(repo).upload(in, out, err);
        } else if (parts[0].equals("git-receive-pack")) {
          new ReceivePack(repo).receive(in, out, err);
        } else {
          status = 127;
        }
      } catch (IOException e) {
        status = 128;
      } finally {
        try {
          out.flush();
        } catch (IOException ignored) {
          // the client is gone
        }
        exit.onExit(status);
      }
    }

    @Override
    public void destroy(ChannelSession channel) {
      if (thread != null) {
        thread.interrupt();
      }
    }
  }
}
