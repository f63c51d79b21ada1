package dev.packit.cli;

import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code packit sandbox}: serves the in-process sandbox with the hello scenario and writes a user
 * config pointing at it, so that the job commands can be tried without touching Fedora.
 *
 * <pre>{@code
 * ./packit sandbox --write-config /tmp/packit-sandbox.yaml     # serves until stdin closes or Ctrl-C
 * }</pre>
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = {"Serve the in-process sandbox (fake GitHub, dist-git, lookaside, Koji, Bodhi) with upstream/hello "
        + "released at v1.1.0 and rpms/hello at 1.0.0 on rawhide, f43 and f42, and write a user config for it.",
        "Koji builds finish after a few seconds. Stops when stdin closes or on Ctrl-C."})
final class SandboxCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--write-config", paramLabel = "FILE", description = "Where to write the user config (default: ${DEFAULT-VALUE}).")
  Path configFile = Path.of("packit-sandbox.yaml");

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      AtomicFiles.write(configFile, userConfig(sandbox, sandbox.github().token(SandboxScenario.BOT),
          sandbox.pagure().token(SandboxScenario.BOT)));
      String base = sandbox.baseUri().toString().replaceFirst("/$", "");
      out.println("The sandbox serves at " + base + " with upstream/hello v1.1.0 and rpms/hello 1.0.0.");
      out.println("In another shell:");
      out.println("  export PACKIT_CONFIG=" + configFile.toAbsolutePath() + " SANDBOX=" + base);
      out.println("  ./packit propose-downstream --dry-run $SANDBOX/git/upstream/hello.git");
      out.println("Stop with Ctrl-C (or close stdin).");
      out.flush();
      Thread koji = new Thread(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(2000);
            sandbox.koji().advance(Duration.ofMinutes(30));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "sandbox-koji-clock");
      koji.setDaemon(true);
      koji.start();
      InputStream in = System.in;
      while (in.read() >= 0) {
        // serve until stdin closes
      }
      koji.interrupt();
    }
    return 0;
  }

  /**
   * A user config for the sandbox: every service's URL and a token for the bot {@code packit}.
   *
   * @param sandbox the sandbox
   * @param githubToken the bot's token on the fake GitHub
   * @param distGitToken the bot's token on the fake dist-git
   * @return the YAML text
   */
  static String userConfig(FedoraSandbox sandbox, String githubToken, String distGitToken) {
    String b = sandbox.baseUri().toString();
    String koji = Base64.getEncoder().encodeToString((SandboxScenario.BOT + "@FEDORAPROJECT.ORG").getBytes(StandardCharsets.UTF_8));
    return "# packit user config for the packit-java sandbox at " + b + "\n"
        + "fas_user: " + SandboxScenario.BOT + "\n"
        + "authentication:\n"
        + "  # upstream repositories are served under git/, their API is the fake GitHub\n"
        + "  \"" + b + "git/\":\n"
        + "    type: github\n"
        + "    instance_url: " + sandbox.github().apiUri() + "\n"
        + "    token: " + githubToken + "\n"
        + "  \"" + sandbox.pagure().instanceUri() + "\":\n"
        + "    token: " + distGitToken + "\n"
        + "  # the fake hub takes a fixed Negotiate token instead of Kerberos\n"
        + "  \"" + b + "kojihub\":\n"
        + "    token: " + koji + "\n"
        + "  \"" + sandbox.bodhi().baseUri() + "\":\n"
        + "    token: sandbox-bodhi-token\n"
        + "instances:\n"
        + "  dist_git: " + sandbox.pagure().instanceUri() + "\n"
        + "  dist_git_git: " + b + "git/\n"
        + "  lookaside: " + sandbox.lookaside().baseUri() + "\n"
        + "  lookaside_upload: " + sandbox.lookaside().uploadCgi() + "\n"
        + "  koji: " + b + "kojihub\n"
        + "  bodhi: " + sandbox.bodhi().baseUri() + "\n";
  }
}
