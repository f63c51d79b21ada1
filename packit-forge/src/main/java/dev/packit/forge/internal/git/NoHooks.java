package dev.packit.forge.internal.git;

import java.io.File;
import java.io.OutputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.ProcessResult;

/**
 * A JGit file system that never finds or runs a git hook. JGit runs {@code pre-commit},
 * {@code commit-msg}, {@code post-commit} and {@code pre-push} from {@code .git/hooks} (or
 * {@code core.hooksPath}) like git does; a bot's repository holds files an upstream chose, so a
 * hook planted there would run with the bot's credentials. Every repository {@code LocalRepository}
 * opens, creates or clones uses this.
 *
 * <pre>{@code
 * Git git = Git.open(dir.toFile(), NoHooks.fs());
 * }</pre>
 */
public final class NoHooks extends FS_POSIX {
  private static final FS INSTANCE = FS.DETECTED instanceof FS_POSIX ? new NoHooks(FS.DETECTED) : null;

  private NoHooks(FS src) {
    super(src);
  }

  /**
   * @return the hook-less file system on POSIX systems; elsewhere JGit's own (commits still pass
   *     {@code setNoVerify}, and the workflow never writes into {@code .git})
   */
  public static FS fs() {
    return INSTANCE != null ? INSTANCE : FS.DETECTED;
  }

  @Override
  public FS newInstance() {
    return new NoHooks(this);
  }

  @Override
  public File findHook(Repository repository, String hookName) {
    return null;
  }

  @Override
  protected ProcessResult internalRunHookIfPresent(Repository repository, String hookName, String[] args,
      OutputStream outRedirect, OutputStream errRedirect, String stdinArgs) {
    return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
  }
}
