/**
 * packit-core: the typed {@code .packit.yaml} model, the spec file editor, RPM version
 * comparison and the HTTP foundation every packit-java client is built on.
 *
 * <pre>{@code
 * requires dev.packit.core;
 * }</pre>
 */
@SuppressWarnings("module") // the qualified export names a module built later in the reactor
module dev.packit.core {
  // Nullness annotations only (no run-time code): @NullMarked packages, @Nullable exceptions.
  requires static transitive org.jspecify;
  requires transitive org.slf4j;
  requires transitive java.net.http;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;
  // RE2/J ships no module name: its automatic module is named after the jar.
  requires re2j;
  requires io.github.resilience4j.retry;
  requires io.github.resilience4j.core;

  exports dev.packit.core;
  exports dev.packit.core.http;
  exports dev.packit.core.rpm;
  exports dev.packit.core.spec;
  exports dev.packit.core.config;
  // packit-bot reads its own config file with the same safe YAML reader, positions and did-you-mean.
  exports dev.packit.core.internal.config to dev.packit.bot;
}
