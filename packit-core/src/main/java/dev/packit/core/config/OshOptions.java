package dev.packit.core.config;

/**
 * {@code osh_options}: OpenScanHub settings (empty strings when unset).
 *
 * <pre>{@code
 * OshOptions o = new OshOptions("", "fedora-rawhide-x86_64", "");
 * }</pre>
 *
 * @param analyzer {@code analyzer}
 * @param config {@code config}
 * @param profile {@code profile}
 */
public record OshOptions(String analyzer, String config, String profile) {
  /** Normalises null to empty. */
  public OshOptions {
    analyzer = analyzer == null ? "" : analyzer;
    config = config == null ? "" : config;
    profile = profile == null ? "" : profile;
  }
}
