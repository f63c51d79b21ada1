package dev.packit.core.spec;

/**
 * A build condition: {@code %bcond name default}, {@code %bcond_with name} (off unless
 * {@code --with name}) or {@code %bcond_without name} (on unless {@code --without name}).
 *
 * <pre>{@code
 * spec.bconds().forEach(b -> System.out.println(b.name() + "=" + b.enabled()));
 * }</pre>
 *
 * @param name the condition name ({@code %{with name}})
 * @param keyword {@code bcond}, {@code bcond_with} or {@code bcond_without}
 * @param defaultEnabled whether the condition is on by default
 * @param enabled whether it is on given the evaluation's defines
 * @param line 1-based line
 */
public record Bcond(String name, String keyword, boolean defaultEnabled, boolean enabled, int line) {}
