package dev.packit.cli;

import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The hello scenario on a sandbox plus a user config file pointing the CLI at it, for the CLI's
 * tests. Runs commands in process and captures stdout, stderr and {@code System.err} (where log
 * lines go).
 */
final class CliSandbox implements AutoCloseable {
  final FedoraSandbox sandbox;
  final SandboxScenario hello;
  final Path config;
  final String githubToken;
  final String pagureToken;
  final Map<String, String> env = new HashMap<>();

  record Run(int exit, String out, String err) {
    String all() {
      return out + "\n" + err;
    }
  }

  CliSandbox(Path dir) throws IOException {
    this(dir, null);
  }

  /**
   * @param dir a temporary folder for the config
   * @param pagureTokenOverride the dist-git token to write in the config instead of the real one
   */
  CliSandbox(Path dir, String pagureTokenOverride) throws IOException {
    sandbox = FedoraSandbox.start();
    hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
    githubToken = sandbox.github().token(SandboxScenario.BOT);
    pagureToken = sandbox.pagure().token(SandboxScenario.BOT);
    sandbox.koji();
    config = dir.resolve("packit.yaml");
    Files.writeString(config, userConfig(pagureTokenOverride == null ? pagureToken : pagureTokenOverride));
    env.put("HOME", dir.toString());
  }

  String base() {
    return sandbox.baseUri().toString();
  }

  String upstreamUrl() {
    return sandbox.gitUri(SandboxScenario.UPSTREAM).toString();
  }

  String userConfig(String distGitToken) {
    return SandboxCommand.userConfig(sandbox, githubToken, distGitToken);
  }

  /** Runs {@code packit <args>} with {@code PACKIT_CONFIG} pointing at the sandbox config. */
  Run run(String... args) {
    Map<String, String> e = new HashMap<>(env);
    e.putIfAbsent("PACKIT_CONFIG", config.toString());
    return runWith(e, args);
  }

  static Run runWith(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintStream realErr = System.err;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    int exit;
    try {
      CommandLine cl = new CommandLine(new PackitCommand(env));
      cl.setOut(new PrintWriter(out));
      cl.setErr(new PrintWriter(err));
      exit = cl.execute(args);
    } finally {
      System.setErr(realErr);
    }
    String log = logs.toString(StandardCharsets.UTF_8);
    realErr.print(log);
    return new Run(exit, out.toString(), err + log);
  }

  int pullRequests() {
    return sandbox.pagure().pullRequests("rpms/" + SandboxScenario.PACKAGE).size();
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
