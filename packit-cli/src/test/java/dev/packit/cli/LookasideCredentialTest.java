package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 8: with the documented user config (a token for src.fedoraproject.org), the
 * lookaside uses Kerberos, not the dist-git token of the same host. The command stops at a missing
 * folder before any network access; --verbose has said which credential each service takes.
 */
class LookasideCredentialTest {

  private static CliSandbox.Run run(Path config, Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("PACKIT_CONFIG", config.toString());
    env.put("HOME", config.getParent().toString());
    return CliSandbox.runWith(env, "build-in-koji", "--verbose", "--dry-run", config.getParent().resolve("missing").toString());
  }

  @Test
  void theDistGitTokenIsNotTheLookasides(@TempDir Path tmp) throws Exception {
    Path cfg = tmp.resolve("packit.yaml");
    Files.writeString(cfg, "fas_user: jdoe\nauthentication:\n  src.fedoraproject.org:\n    token: DISTGIT-TOKEN-123\n");
    CliSandbox.Run r = run(cfg, Map.of());
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.err().contains("dist-git https://src.fedoraproject.org/ (git https://src.fedoraproject.org/rpms/), token: authentication.\"src.fedoraproject.org\""),
        r.err());
    assertTrue(r.err().contains("lookaside https://src.fedoraproject.org/repo/pkgs/ (upload https://src.fedoraproject.org/repo/pkgs/upload.cgi), auth: Kerberos ticket cache"),
        r.err());
    assertFalse(r.err().contains("DISTGIT-TOKEN-123"), r.err());

    // A keytab (--keytab here) is Kerberos too.
    Path keytab = Files.writeString(tmp.resolve("jdoe.keytab"), "not a real keytab");
    CliSandbox.Run k = CliSandbox.runWith(Map.of("PACKIT_CONFIG", cfg.toString(), "HOME", tmp.toString()), "build-in-koji", "--verbose",
        "--dry-run", "-k", keytab.toString(), tmp.resolve("missing").toString());
    assertTrue(k.err().contains("auth: Kerberos keytab " + keytab), k.err());
    assertTrue(k.err().contains("koji https://koji.fedoraproject.org/kojihub, login: Kerberos keytab " + keytab), k.err());
    CliSandbox.Run noKeytab = CliSandbox.runWith(Map.of("PACKIT_CONFIG", cfg.toString()), "build-in-koji", "-k", tmp.resolve("nope").toString(),
        tmp.toString());
    assertEquals(2, noKeytab.exit());
    assertTrue(noKeytab.err().contains("--keytab " + tmp.resolve("nope") + ": no such file"), noKeytab.err());
  }

  @Test
  void aLookasideCredentialGivenExplicitlyIsUsed(@TempDir Path tmp) throws Exception {
    Path cfg = tmp.resolve("packit.yaml");
    Files.writeString(cfg, "authentication:\n  src.fedoraproject.org:\n    token: DISTGIT-TOKEN-123\n");
    CliSandbox.Run env = run(cfg, Map.of("LOOKASIDE_TOKEN", "LA-TOKEN-456"));
    assertTrue(env.err().contains("auth: token from $LOOKASIDE_TOKEN"), env.err());
    assertFalse(env.err().contains("LA-TOKEN-456"), env.err());

    Files.writeString(cfg, "authentication:\n  src.fedoraproject.org:\n    token: DISTGIT-TOKEN-123\n"
        + "  \"https://src.fedoraproject.org/repo/pkgs/\":\n    token: LA-TOKEN-456\n");
    CliSandbox.Run prefix = run(cfg, Map.of());
    assertTrue(prefix.err().contains("auth: token from authentication.\"https://src.fedoraproject.org/repo/pkgs/\""), prefix.err());

    Files.writeString(cfg, "authentication:\n  src.fedoraproject.org:\n    token: SHARED-TOKEN-789\n    type: lookaside\n");
    CliSandbox.Run typed = run(cfg, Map.of());
    assertTrue(typed.err().contains("auth: token from authentication.\"src.fedoraproject.org\""), typed.err());
  }
}
