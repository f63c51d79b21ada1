package dev.packit.cli;

import dev.packit.testkit.FedoraSandbox;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code packit demo}: runs the release road on the in-process sandbox, with no network. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the in-process Fedora sandbox and run the release demo on it (no network needed).")
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      out.println("Sandbox running at " + sandbox.baseUri() + " (loopback only)");
      sandbox.createBareRepository("upstream/hello");
      for (String branch : new String[] {"rpms/hello"}) {
        out.println("  git repository " + sandbox.createBareRepository(branch));
      }
      Map<String, String> services = sandbox.services();
      out.println(services.isEmpty() ? "  no fake services mounted yet" : "  services: " + services.keySet());
      out.println("Sandbox closed.");
    }
    out.flush();
    return 0;
  }
}
