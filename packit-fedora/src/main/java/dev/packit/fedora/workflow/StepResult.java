package dev.packit.fedora.workflow;

/**
 * What one applied step did: a note for people and what it produced (empty strings when nothing).
 *
 * @param note what the step found or did
 * @param pullRequest the pull request URL
 * @param build the Koji build NVR(s)
 * @param update the Bodhi update alias
 * @param stopped whether the branch stops here (the PR policy said so), reported SKIPPED
 */
record StepResult(String note, String pullRequest, String build, String update, boolean stopped) {
  static StepResult note(String note) {
    return new StepResult(note, "", "", "", false);
  }

  StepResult withPullRequest(String url) {
    return new StepResult(note, url, build, update, stopped);
  }

  StepResult withBuild(String nvr) {
    return new StepResult(note, pullRequest, nvr, update, stopped);
  }

  StepResult withUpdate(String alias) {
    return new StepResult(note, pullRequest, build, alias, stopped);
  }

  StepResult stop() {
    return new StepResult(note, pullRequest, build, update, true);
  }
}
