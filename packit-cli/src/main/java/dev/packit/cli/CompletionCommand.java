package dev.packit.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code packit completion}: picocli's generated bash/zsh completion script for every command and
 * option.
 *
 * <pre>{@code
 * source <(packit completion)
 * }</pre>
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print the bash/zsh completion script: source <(packit completion), or save it as "
        + "/etc/bash_completion.d/packit (or ~/.local/share/bash-completion/completions/packit)."})
final class CompletionCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
    out.flush();
    return 0;
  }
}
