package dev.packit.core.spec;

import org.jspecify.annotations.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to evaluate a spec: extra macro definitions (like {@code rpmspec --define}), target
 * architecture and OS, whether and how {@code %(shell)} runs, and the dist-git history used by
 * {@code %autorelease}.
 *
 * <pre>{@code
 * SpecOptions opts = SpecOptions.builder()
 *     .define("dist %{nil}")
 *     .define("fedora", "42")
 *     .arch("aarch64")
 *     .autoreleaseCommits(3)        // %autorelease -> 3%{?dist}
 *     .build();
 * Nevr nevr = spec.nevr(opts);
 * }</pre>
 *
 * @param defines macro definitions in {@code --define} syntax ({@code "NAME[(opts)] BODY"}), in order
 * @param arch the target CPU ({@code %_target_cpu}, {@code %ifarch}), default {@code x86_64}
 * @param os the target OS ({@code %_target_os}, {@code %ifos}), default {@code linux}
 * @param shell runs {@code %(...)}; {@code null} (the default) never runs anything and leaves the
 *     text unexpanded with a problem recorded
 * @param autoreleaseCommits commits since the last version change for rpmautospec's
 *     {@code %autorelease} numbering; 0 means unknown and gives release 1 (or {@code -b})
 * @param limits bounds on macro expansion (depth, output, total work), {@link SpecLimits#defaults()}
 */
public record SpecOptions(List<String> defines, String arch, String os, @Nullable Shell shell,
    int autoreleaseCommits, SpecLimits limits) {

  /**
   * Runs a {@code %(...)} command and returns its standard output.
   *
   * <pre>{@code
   * // %(git describe) answered without running anything:
   * SpecOptions opts = SpecOptions.builder().shell(cmd -> cmd.startsWith("git ") ? "v1.2" : "").build();
   * }</pre>
   */
  @FunctionalInterface
  public interface Shell {
    /**
     * Runs a command.
     *
     * @param command the expanded command text
     * @return its standard output
     */
    String run(String command);
  }

  private static final SpecOptions DEFAULTS = builder().build();

  /** Validates and copies. */
  public SpecOptions {
    defines = List.copyOf(defines);
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(limits, "limits");
    if (autoreleaseCommits < 0) {
      throw new IllegalArgumentException("autoreleaseCommits must not be negative");
    }
  }

  /**
   * The defaults: no defines, x86_64, linux, no shell, unknown history.
   *
   * @return the default options
   */
  public static SpecOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Starts a builder.
   *
   * @return a builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder preset with these options.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.defines.addAll(defines);
    b.arch = arch;
    b.os = os;
    b.shell = shell;
    b.autoreleaseCommits = autoreleaseCommits;
    b.limits = limits;
    return b;
  }

  /** Builds {@link SpecOptions}. */
  public static final class Builder {
    private final List<String> defines = new ArrayList<>();
    private String arch = "x86_64";
    private String os = "linux";
    private Shell shell;
    private int autoreleaseCommits;
    private SpecLimits limits = SpecLimits.defaults();

    private Builder() {}

    /**
     * Adds a definition in {@code rpmspec --define} syntax.
     *
     * @param nameAndBody e.g. {@code "dist .fc42"} or {@code "foo(a:) bar %{-a*}"}
     * @return this builder
     */
    public Builder define(String nameAndBody) {
      defines.add(Objects.requireNonNull(nameAndBody, "nameAndBody"));
      return this;
    }

    /**
     * Adds a definition.
     *
     * @param name the macro name
     * @param body the unexpanded body
     * @return this builder
     */
    public Builder define(String name, String body) {
      defines.add(name + " " + body);
      return this;
    }

    /**
     * Sets the target CPU.
     *
     * @param arch e.g. {@code x86_64}
     * @return this builder
     */
    public Builder arch(String arch) {
      this.arch = arch;
      return this;
    }

    /**
     * Sets the target OS.
     *
     * @param os e.g. {@code linux}
     * @return this builder
     */
    public Builder os(String os) {
      this.os = os;
      return this;
    }

    /**
     * Lets {@code %(...)} run through the given shell (off by default).
     *
     * @param shell the runner, {@code null} to never run
     * @return this builder
     */
    public Builder shell(@Nullable Shell shell) {
      this.shell = shell;
      return this;
    }

    /**
     * Sets the number of commits since the version last changed (rpmautospec's release number).
     *
     * @param commits the count, 0 for unknown
     * @return this builder
     */
    public Builder autoreleaseCommits(int commits) {
      this.autoreleaseCommits = commits;
      return this;
    }

    /**
     * Sets the bounds on macro expansion (a hostile {@code %global} chain fails fast).
     *
     * @param limits the limits, e.g. {@code SpecLimits.defaults().withMaxTotalExpansion(1L << 30)}
     * @return this builder
     */
    public Builder limits(SpecLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public SpecOptions build() {
      return new SpecOptions(defines, arch, os, shell, autoreleaseCommits, limits);
    }
  }
}
