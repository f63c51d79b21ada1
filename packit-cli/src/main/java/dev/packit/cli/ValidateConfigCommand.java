package dev.packit.cli;

import dev.packit.core.PackitClientException;
import dev.packit.core.config.ConfigLoadResult;
import dev.packit.core.config.ConfigProblem;
import dev.packit.core.config.PackitConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code packit validate-config [PATH]}: Packit's verdict on a config file, with every problem as
 * {@code file:line:column: key: message} on stderr. Exit 0 valid, 1 invalid, 2 usage error.
 */
@Command(name = "validate-config", mixinStandardHelpOptions = true,
    description = "Validate a .packit.yaml the way Packit does (exit 0 valid, 1 invalid, 2 usage error).")
class ValidateConfigCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH",
      description = "The config file, or a repository directory to find it in (default: the current directory).")
  Path path = Path.of(".");

  @Option(names = "--repository-name", paramLabel = "NAME",
      description = "Repository name for defaults (default: the config file's directory name).")
  String repositoryName;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (!Files.exists(path)) {
        err.println(spec.qualifiedName() + ": " + path + ": no such file or directory");
        return 2;
      }
      Path file = path;
      if (Files.isDirectory(path)) {
        Optional<Path> found = PackitConfigLoader.find(path);
        if (found.isEmpty()) {
          err.println("packit validate-config: no Packit config ("
              + String.join(", ", PackitConfigLoader.CONFIG_FILE_NAMES) + ") in " + path);
          return 2;
        }
        file = found.get();
      }
      PackitConfigLoader.Builder b = PackitConfigLoader.builder();
      if (repositoryName != null) {
        b.repositoryName(repositoryName);
      }
      ConfigLoadResult r;
      try {
        r = b.build().validate(file);
      } catch (PackitClientException e) {
        err.println(spec.qualifiedName() + ": " + e.getMessage());
        return 2;
      }
      for (ConfigProblem e : r.errors()) {
        err.println(e);
      }
      for (ConfigProblem w : r.warnings()) {
        err.println(w);
      }
      if (r.valid()) {
        out.println(file + " is valid and ready to be used");
        return 0;
      }
      int n = r.errors().size();
      err.println(file + " does not pass validation: " + n + (n == 1 ? " error" : " errors"));
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }
}
