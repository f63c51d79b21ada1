/**
 * packit-core: the typed {@code .packit.yaml} model, the spec file editor, RPM version
 * comparison and the HTTP foundation every packit-java client is built on.
 *
 * <pre>{@code
 * requires dev.packit.core;
 * }</pre>
 */
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
}
