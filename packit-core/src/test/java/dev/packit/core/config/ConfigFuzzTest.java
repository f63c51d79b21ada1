package dev.packit.core.config;

import dev.packit.core.testing.Fuzz;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the {@code .packit.yaml} loader: any bytes load or fail with {@link InvalidConfigException}
 * whose every error names where it is (a line and column, or at least the key path).
 */
class ConfigFuzzTest {
  @Test
  void anyBytesLoadOrFailWithPositionedConfigErrors() {
    PackitConfigLoader loader = PackitConfigLoader.builder().repositoryName("fuzz").build();
    Fuzz.target("config")
        .seeds(Fuzz.fixtureSeeds("packit-yaml", name -> name.endsWith(".yaml") || name.endsWith(".yml")))
        .seed("""
            specfile_path: demo.spec
            upstream_package_name: demo
            downstream_package_name: demo
            files_to_sync: [demo.spec, {src: .packit.yaml, dest: .packit.yaml}]
            actions:
              post-upstream-clone: ["make spec"]
            base: &base {trigger: release, dist_git_branches: [fedora-all]}
            jobs:
              - <<: *base
                job: propose_downstream
              - job: koji_build
                trigger: commit
                allowed_committers: [packit]
              - job: bodhi_update
                trigger: commit
            """)
        .tokens("jobs:\n", "- job: ", "propose_downstream", "koji_build", "bodhi_update", "trigger: ", "release",
            "commit", "pull_request", "dist_git_branches: ", "fedora-all", "epel-9", "specfile_path: ", "actions:\n",
            "files_to_sync:\n", "packages:\n", "  ", "    ", "- ", ": ", "&a ", "*a", "<<: ", "!!binary ", "!!python/object ",
            "!!map ", "!<tag:yaml.org,2002:str> ", "? ", "|\n", ">-\n", "{", "}", "[", "]", "---\n", "...\n", "%YAML 1.1\n",
            "'", "\"", "~", "null", "yes", "no", "0x1F", "1_000", "0o17", ".inf", "-.nan", "2026-11-23",
            "a: &a [*a]\n", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "{a: {a: {a: {a: {a: {a: {a: {a:")
        .maxLength(256 * 1024)
        .expect(InvalidConfigException.class)
        // Only the document-size and nesting-depth limits are allowed to name no place.
        .rejectionsMust(t -> ((InvalidConfigException) t).errors().stream()
            .allMatch(p -> (p.line() > 0 && p.column() > 0) || !p.path().isEmpty()
                || p.message().matches("(?is).*(nesting|larger than).*")))
        .run(bytes -> loader.load(bytes, ".packit.yaml").toString());
  }
}
