package dev.packit.core.config;

import java.util.List;

/** Bad inputs, each with the exact first error Packit-java reports. */
final class BadInputCases {
  private BadInputCases() {}

  record Case(String name, String yaml, String expected) {}

  static final String JOB = "jobs:\n- job: propose_downstream\n  trigger: release\n";

  static List<Case> cases() {
    return List.of(
        new Case("typo at top level", "specfile_pth: x.spec\n", ".packit.yaml:1:1: specfile_pth: unknown key 'specfile_pth'; did you mean 'specfile_path'?"),
        new Case("removed key", "synced_files: [a.spec]\n", ".packit.yaml:1:1: synced_files: unknown key 'synced_files'; it was removed from Packit; use 'files_to_sync'"),
        new Case("job key at top level", "trigger: release\n", ".packit.yaml:1:1: trigger: unknown key 'trigger' at the top level; it belongs inside a job under 'jobs'"),
        new Case("job type typo", "jobs:\n- job: propose_downstrem\n  trigger: release\n", ".packit.yaml:2:8: jobs[0].job: unknown job type 'propose_downstrem'; did you mean 'propose_downstream'?"),
        new Case("renamed job type", "jobs:\n- job: production_build\n  trigger: release\n", ".packit.yaml:2:8: jobs[0].job: unknown job type 'production_build'; it was renamed to 'upstream_koji_build'"),
        new Case("trigger typo", "jobs:\n- job: koji_build\n  trigger: comit\n", ".packit.yaml:3:12: jobs[0].trigger: unknown trigger 'comit'; did you mean 'commit'?"),
        new Case("bad part of a multi-trigger", "jobs:\n- job: koji_build\n  trigger: commit | koji-build\n", ".packit.yaml:3:12: jobs[0].trigger: unknown trigger 'koji-build'; did you mean 'koji_build'?"),
        new Case("missing job", "jobs:\n- trigger: release\n", ".packit.yaml:2:3: jobs[0]: missing required key 'job'"),
        new Case("missing trigger", "jobs:\n- job: koji_build\n", ".packit.yaml:2:3: jobs[0]: missing required key 'trigger'"),
        new Case("jobs is a mapping", "jobs:\n  job: koji_build\n", ".packit.yaml:2:3: jobs: expected a list of jobs, got a mapping"),
        new Case("jobs is null", "jobs:\n", ".packit.yaml:1:6: jobs: expected a list of jobs, got null"),
        new Case("job is a string", "jobs:\n- propose_downstream\n", ".packit.yaml:2:3: jobs[0]: expected a job mapping with 'job' and 'trigger', got a string ('propose_downstream')"),
        new Case("integer branch", JOB + "  dist_git_branches: [f40, 41]\n", ".packit.yaml:4:28: jobs[0].dist_git_branches[1]: expected a string, got an integer (41); quote it: '41'"),
        new Case("string branches at top level", "dist_git_branches: fedora-all\n", ".packit.yaml:1:20: dist_git_branches: expected a list of branches or a mapping of branch to {fast_forward_merge_into: [...]} (a single string is only accepted inside a job), got a string ('fedora-all')"),
        new Case("fast-forward key typo", JOB + "  dist_git_branches:\n    rawhide:\n      fast_forward_merge: [f42]\n", ".packit.yaml:6:7: jobs[0].dist_git_branches.rawhide.fast_forward_merge: unknown key 'fast_forward_merge'; did you mean 'fast_forward_merge_into'?"),
        new Case("null inner branch value", JOB + "  dist_git_branches:\n    rawhide:\n", ".packit.yaml:5:13: jobs[0].dist_git_branches.rawhide: expected a mapping ({} or {fast_forward_merge_into: [...]}), got null"),
        new Case("target option typo", "targets:\n  fedora-all:\n    distro: [centos-7]\n", ".packit.yaml:3:5: targets.fedora-all.distro: unknown key 'distro'; did you mean 'distros'?"),
        new Case("not a boolean", "create_pr: maybe\n", ".packit.yaml:1:12: create_pr: expected true or false, got a string ('maybe')"),
        new Case("not an integer", "timeout: soon\n", ".packit.yaml:1:10: timeout: expected an integer, got a string ('soon')"),
        new Case("negative digits", "patch_generation_patch_id_digits: -1\n", ".packit.yaml:1:35: patch_generation_patch_id_digits: must be 0 or more, got -1"),
        new Case("slash in upstream name", "upstream_package_name: a/b\n", ".packit.yaml:1:24: upstream_package_name: must be a valid file name (no '/'), got 'a/b'"),
        new Case("bad version specifier", "version_update_specifiers: '>=1.0, <<2'\n", ".packit.yaml:1:28: version_update_specifiers: invalid version specifier set: invalid version specifier '<<2'"),
        new Case("files_to_sync without dest", "files_to_sync:\n- src: a.spec\n", ".packit.yaml:2:3: files_to_sync[0]: needs both 'src' and 'dest'"),
        new Case("files_to_sync key typo", "files_to_sync:\n- src: a\n  dest: b\n  mkdir: true\n", ".packit.yaml:4:3: files_to_sync[0].mkdir: unknown key 'mkdir'; expected one of: src, dest, mkpath, delete, filters"),
        new Case("files_to_sync not a list", "files_to_sync: hello.spec\n", ".packit.yaml:1:16: files_to_sync: expected a list of paths or {src, dest} mappings, got a string ('hello.spec')"),
        new Case("action typo", "actions:\n  post-upstream-clon: echo hi\n", ".packit.yaml:2:3: actions.post-upstream-clon: unknown action 'post-upstream-clon'; did you mean 'post-upstream-clone'?"),
        new Case("unclosed quote in action", "actions:\n  pre-sync: \"echo 'hi\"\n", ".packit.yaml:2:13: actions.pre-sync: cannot split the command: no closing quotation"),
        new Case("actions as a list", "actions:\n- pre-sync\n", ".packit.yaml:2:1: actions: expected a mapping of action names to commands, got a list"),
        new Case("notification key typo", "notifications:\n  failure_issue:\n    created: false\n", ".packit.yaml:3:5: notifications.failure_issue.created: unknown key 'created'; did you mean 'create'?"),
        new Case("source without url", "sources:\n- path: a.tar.gz\n", ".packit.yaml:2:3: sources[0]: needs both 'path' and 'url'"),
        new Case("unknown deployment", "packit_instances: [production]\n", ".packit.yaml:1:20: packit_instances[0]: must be one of: dev, stg, prod; got 'production'"),
        new Case("unquoted bootstrap off", "bootstrap: off\n", ".packit.yaml:1:12: bootstrap: must be one of: default, on, off, image; got a boolean (YAML reads off as one); quote it: 'off'"),
        new Case("undefined job package", "packages:\n  a: {}\njobs:\n- job: koji_build\n  trigger: commit\n  packages: [b]\n", ".packit.yaml:6:13: jobs[0].packages: undefined package(s) referenced: b; defined: a"),
        new Case("package not a mapping", "packages:\n  a: x\n", ".packit.yaml:2:6: packages.a: expected a mapping of keys, got a string ('x')"),
        new Case("metadata mixed with job keys", JOB + "  dist_git_branches: [f42]\n  metadata:\n    dist_git_branches: [f41]\n", ".packit.yaml:6:5: jobs[0].metadata.dist_git_branches: 'dist_git_branches' is set both in 'metadata' and on the job; mixing the obsolete metadata block with job keys is not possible, remove the metadata block"),
        new Case("key not allowed in metadata", JOB + "  metadata:\n    allowed_pr_authors: [me]\n", ".packit.yaml:5:5: jobs[0].metadata.allowed_pr_authors: unknown key 'allowed_pr_authors'; expected one of: targets, timeout, owner, project, dist_git_branches, branch, scratch, list_on_homepage, preserve_project, use_internal_tf, additional_packages, additional_repos, bootstrap, fmf_url, fmf_ref, fmf_path, skip_build, env, enable_net, tmt_plan, tf_post_install_script, tf_extra_params, module_hotfixes"),
        new Case("document is a list", "- a\n- b\n", ".packit.yaml:1:1: the configuration must be a mapping of keys, got a list"),
        new Case("invalid YAML", "jobs:\n- job: x\n trigger: y\n", ".packit.yaml:3:2: invalid YAML: while parsing a block mapping: expected <block end>, but found '<block mapping start>'"),
        new Case("custom tag", "specfile_path: !!python/object:os.system x\n", ".packit.yaml:1:16: invalid YAML: Global tag is not allowed: tag:yaml.org,2002:python/object:os.system"),
        new Case("spec_source_id list", "spec_source_id: [1]\n", ".packit.yaml:1:17: spec_source_id: expected a source number or a name like Source1, got a list"),
        new Case("null template", "upstream_tag_template:\n", ".packit.yaml:1:23: upstream_tag_template: may not be null"),
        new Case("env as a list", "env: [A=1]\n", ".packit.yaml:1:6: env: expected a mapping, got a list"),
        new Case("label requirement not a list", "require:\n  label:\n    present: ready\n", ".packit.yaml:3:14: require.label.present: expected a list of strings, got a string ('ready')"),
        new Case("job key typo", JOB + "  dist_git_branch: [f42]\n", ".packit.yaml:4:3: jobs[0].dist_git_branch: unknown key 'dist_git_branch'; did you mean 'dist_git_branches'?"),
        new Case("key typo in job packages", "packages:\n  a: {}\njobs:\n- job: koji_build\n  trigger: commit\n  packages:\n    a:\n      specfile_pat: a.spec\n", ".packit.yaml:8:7: jobs[0].packages.a.specfile_pat: unknown key 'specfile_pat'; did you mean 'specfile_path'?"));
  }
}
