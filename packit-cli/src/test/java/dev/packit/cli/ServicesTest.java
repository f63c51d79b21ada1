package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.fedora.FedoraInstance;
import dev.packit.forge.RepoId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServicesTest {
  private static final String CONFIG = "authentication:\n"
      + "  codeberg.example:\n    token: abc\n    type: forgejo\n"
      + "  git.example.org:\n    type: forgejo\n    instance_url: https://git.example.org/\n"
      + "  koji.example:\n    type: koji\n"
      + "instances:\n  dist_git: http://127.0.0.1:9/pagure/\n  koji: http://127.0.0.1:9/kojihub\n";

  private static Services services(List<String> lines) {
    return new Services(UserConfig.parse(CONFIG.getBytes(StandardCharsets.UTF_8), "test.yaml", Map.of()), lines::add);
  }

  @Test
  void anUpstreamOfAnyInstalledForgeKindGetsItsForge() {
    List<String> lines = new ArrayList<>();
    Services s = services(lines);
    Services.Upstream forgejo = s.upstream(URI.create("https://codeberg.example/jdoe/hello.git"));
    assertEquals(RepoId.of("jdoe/hello"), forgejo.repo());
    assertEquals("forgejo", forgejo.forge().orElseThrow().kind().id());
    Services.Upstream withRoot = s.upstream(URI.create("https://git.example.org/team/lib"));
    assertEquals("forgejo", withRoot.forge().orElseThrow().kind().id());
    assertEquals("github", s.upstream(URI.create("https://github.com/o/r")).forge().orElseThrow().kind().id());
    // a service type is no forge: git only, said in the verbose output
    assertTrue(s.upstream(URI.create("https://koji.example/o/r")).forge().isEmpty());
    assertTrue(lines.stream().anyMatch(l -> l.contains("type koji is not a forge")), lines.toString());
  }

  @Test
  void theClientsComeFromOneInstanceWhereTheFileMovesOnlyWhatItNames() {
    Services s = services(new ArrayList<>());
    FedoraInstance i = s.fedora.instance();
    assertEquals(URI.create("http://127.0.0.1:9/pagure/"), i.distGit());
    assertEquals(URI.create("http://127.0.0.1:9/pagure/"), i.gitBase(), "the git base follows dist_git");
    assertEquals(URI.create("http://127.0.0.1:9/kojihub"), i.kojiHub());
    assertEquals(FedoraInstance.production().bodhi(), i.bodhi());
    assertEquals("rawhide", i.defaultBranch());
    assertEquals(i.bodhi(), s.bodhi.baseUri());
    assertEquals(i.lookaside(), s.lookaside.baseUri());
  }
}
