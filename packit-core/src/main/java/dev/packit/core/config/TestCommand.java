package dev.packit.core.config;

import java.util.List;

/**
 * {@code test_command}: defaults for {@code /packit test} comments.
 *
 * <pre>{@code
 * TestCommand t = new TestCommand(List.of("smoke"), "");
 * }</pre>
 *
 * @param defaultLabels {@code default_labels}
 * @param defaultIdentifier {@code default_identifier}, empty when unset
 */
public record TestCommand(List<String> defaultLabels, String defaultIdentifier) {
  /** Copies the list. */
  public TestCommand {
    defaultLabels = List.copyOf(defaultLabels);
    defaultIdentifier = defaultIdentifier == null ? "" : defaultIdentifier;
  }
}
