// packit-java JShell startup: the public API imported, plus a few helpers.
//
//   jshell --class-path packit-cli/target/packit.jar packit-examples/jshell/packit.jsh
//   ./packit jshell                      (the same; builds packit.jar first when needed)
//
// then, for example:
//   var spec = SpecFile.read(Path.of("packit-examples/jshell/hello.spec"));
//   spec.nevr()
//   show(spec)
import dev.packit.core.*;
import dev.packit.core.config.*;
import dev.packit.core.http.*;
import dev.packit.core.rpm.*;
import dev.packit.core.spec.*;
import dev.packit.forge.*;
import dev.packit.forge.git.*;
import dev.packit.forge.github.*;
import dev.packit.forge.gitlab.*;
import dev.packit.forge.pagure.*;
import dev.packit.forge.forgejo.*;
import dev.packit.forge.webhook.*;
import dev.packit.fedora.*;
import dev.packit.fedora.bodhi.*;
import dev.packit.fedora.distgit.*;
import dev.packit.fedora.koji.*;
import dev.packit.fedora.lookaside.*;
import dev.packit.fedora.messaging.*;
import dev.packit.fedora.workflow.*;
import dev.packit.testkit.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;
// Two simple names exist in two packages; these are the ones a packager means in JShell.
import dev.packit.core.spec.Tag;
import dev.packit.fedora.koji.KojiBuildState;

/** Reads a spec file: {@code spec("hello.spec")}. */
SpecFile spec(String path) {
  return SpecFile.read(Path.of(path));
}

/** Prints a spec's name, epoch, version and release as rpm computes them. */
void show(SpecFile spec) {
  Nevr n = spec.nevr();
  System.out.println(n.name() + " " + n.evr() + (n.hasEpoch() ? "" : " (no epoch)"));
  spec.sources().forEach(s -> System.out.println("  source " + s.expandedLocation()));
  spec.changelog().stream().findFirst().ifPresent(c -> System.out.println("  newest changelog: " + c.header()));
}

/** Prints the unified diff between two versions of a spec. */
void diff(SpecFile before, SpecFile after) {
  String name = after.origin().substring(after.origin().lastIndexOf('/') + 1);
  System.out.print(LineDiff.unified("a/" + name, "b/" + name,
      LineDiff.lines(before), LineDiff.lines(after), 1));
}

/** A changelog request dated now, for {@code withChangelogEntry}. */
ChangelogRequest changelog(String author, String... items) {
  return ChangelogRequest.of(author, ZonedDateTime.now(ZoneOffset.UTC), items);
}

/** Validates a {@code .packit.yaml} (a file or the folder holding it) and prints every problem. */
boolean validate(String fileOrDirectory) {
  ConfigLoadResult result = PackitConfigLoader.defaults().validate(Path.of(fileOrDirectory));
  result.errors().forEach(p -> System.out.println(p));
  result.warnings().forEach(p -> System.out.println(p));
  System.out.println(result.source() + ": " + (result.valid() ? "valid" : result.errors().size() + " error(s)"));
  return result.valid();
}

/** Loads a {@code .packit.yaml} (a file or the folder holding it); throws on errors. */
PackitConfig config(String fileOrDirectory) {
  return PackitConfigLoader.defaults().load(Path.of(fileOrDirectory));
}

/**
 * Starts the in-process Fedora sandbox with the ready-made {@code hello} release scenario
 * (dist-git at {@code packaged}, upstream released {@code released}). Close it with
 * {@code hello.sandbox().close()}.
 */
SandboxScenario helloSandbox(String packaged, String released) {
  return SandboxScenario.hello(FedoraSandbox.start(), packaged, released);
}
