package dev.packit.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every real config in ../shared/fixtures/packit-yaml loads, or fails only for a reason Packit also rejects
 * (cross-checked against Packit's marshmallow schema field lists): a removed key, a renamed job type, an
 * unknown key (typo) or YAML that does not parse. Each failure names the key and line.
 */
class ConfigCorpusTest {

  /** file: its errors as {@code path@line=reason}, separated by "; ". */
  private static final String EXPECTED_FAILURES = """
      Conan-Kudo__rpmlint__.packit.yaml: current_version_command@6=removed
      IceWreck__hello-world__.packit.yaml: synced_files@3=removed
      KKoukiou__pykickstart__packit.yaml: synced_files@2=removed; upstream_project_name@5=removed
      LecrisUT__fmf__.packit.yaml: synced_files@2=removed
      LingmoOS__velora-desktop-schemas__.packit.yaml: synced_files@7=removed
      LorbusChris__origin__.packit.yaml: synced_files@3=removed; git upstream_ref@6=unknown; upstream_project_name@7=removed
      M4rtinK__anaconda__.packit.yaml: synced_files@2=removed; upstream_project_name@5=removed; current_version_command@7=removed; current_tarball_command@8=unknown
      Madeyro__sos__.packit.yaml: synced_files@12=removed
      Scribery__tlog__.packit.yml: synced_files@2=removed
      StykMartin__restraint__.packit.yaml: synced_files@7=removed
      TomasTomecek__cockpit-podman__packit.yaml: synced_files@2=removed
      dhodovsk__avocado__.packit.yml: synced_files@2=removed; upstream_project_name@5=removed
      dhodovsk__cockpit-ostree__packit.yaml: synced_files@2=removed; upstream_project_name@4=removed
      dracutdevs__dracut__.packit.yml: synced_files@23=removed
      fedora-infra__datagrepper__.packit.yaml: jobs[5].job@70=renamed
      freeipa__freeipa-healthcheck__packit.yml: synced_files@3=removed
      history/IceWreck__hello-world__1e89e7e23d__.packit.yaml: synced_files@3=removed; acrions@6=unknown; current_version_command@8=removed; create_tarball_command@9=removed
      history/KKoukiou__pykickstart__b5c05bf4f8__packit.yaml: synced_files@2=removed; jobs[0]@6=missing-job; jobs[0].release_to@7=unknown; jobs[1]@9=missing-job; jobs[1].release_to@10=unknown; upstream_project_name@12=removed; checks@15=unknown
      history/LecrisUT__fmf__290991e29d__.packit.yaml: synced_files@2=removed; upstream_project_name@5=removed; current_version_command@8=removed
      history/LecrisUT__tmt__f0e6d91995__.packit.yaml: synced_files@2=removed; upstream_project_name@5=removed; current_version_command@8=removed
      history/OpenSCAP__openscap__4d25c459fc__.packit.yaml: synced_files@18=removed
      history/TomasTomecek__cockpit-podman__9f68fd3c42__packit.yaml: synced_files@2=removed; upstream_project_name@4=removed
      history/abrt__gnome-abrt__09a7a2e226__.packit.yml: synced_files@2=removed
      history/abrt__retrace-server__faafdcd7af__.packit.yml: synced_files@2=removed
      history/abrt__will-crash__6456b0b582__.packit.yml: synced_files@2=removed
      history/fedora-infra__datagrepper__243a506f3d__.packit.yaml: jobs[4].job@69=renamed
      history/fedora-infra__fedora-messaging__b31f179d2c__.packit.yaml: jobs[6].job@71=renamed
      history/fedora-infra__mirrormanager2__c3cd6fb770__.packit.yaml: jobs[4].job@47=renamed
      history/fedora-infra__noggin__94b3124587__.packit.yaml: jobs[6].job@83=renamed
      history/fedora-iot__greenboot__303f4919a9__.packit.yaml: synced_files@2=removed
      history/fedora-iot__zezere__0b241df96c__.packit.yaml: synced_files@2=removed
      history/fedora-modularity__libmodulemd__817969cda2__.packit.yml: current_version_command@5=removed; synced_files@8=removed
      history/laurent-laporte-pro__deprecated__58ffd93795__.packit.yml: synced_files@2=removed; upstream_project_name@5=removed
      history/lbarcziova__nmstate__f241b2fdeb__.packit.yml: create_tarball_command@5=removed; current_version_command@6=removed
      history/michalfabik__reportd__36a075a815__.packit.yml: synced_files@2=removed
      history/oamg__convert2rhel__06b4dff4bd__.packit.yaml: synced_files@2=removed
      history/osbuild__images__91bce12513__.packit.yaml: synced_files@4=removed
      history/osbuild__osbuild__e14b93b06e__.packit.yaml: synced_files@4=removed; upstream_project_name@7=removed; create_tarball_command@9=removed; current_version_command@10=removed
      history/ostreedev__ostree__9c51aa3090__.packit.yaml: jobs[0].job@3=renamed
      history/packit-public-repos-bot__abrt-java-connector__8862c451c0__.packit.yml: synced_files@2=removed
      history/packit__ogr__b896165036__.packit.yaml: synced_files@4=removed; upstream_project_name@6=removed; create_tarball_command@9=removed; current_version_command@10=removed
      history/packit__packit__abb5140cb7__.packit.yaml: synced_files@3=removed; upstream_project_name@9=removed; current_version_command@11=removed; create_tarball_command@12=removed
      history/packit__requre__12afdce6c6__.packit.yaml: synced_files@3=removed
      history/packit__systemd-rhel8-flock__84825ea954__.packit.yml: synced_files@2=removed; upstream_project_name@6=removed
      history/rear__rear__4d18bf9b25__.packit.yaml: jobs[1].job@12=renamed; synced_files@20=removed; upstream_project_name@24=removed
      history/rebase-helper__rebase-helper__357fcd6658__.packit.yml: synced_files@2=removed; upstream_project_name@5=removed; current_version_command@7=removed; create_tarball_command@8=removed
      history/rpm-software-management__dnf__f58b114868__.packit.yaml: upstream_project_name@2=removed
      history/rpm-software-management__libdnf__5208ec9c9a__.packit.yaml: upstream_project_name@2=removed
      history/storaged-project__blivet-gui__2089a9a3eb__.packit.yaml: synced_files@12=removed; current_version_command@16=removed; create_tarball_command@17=removed
      invalid/davdunc__aws-sam-cli__packit.yaml: -@4=yaml
      invalid/restraint-harness__restraint__.packit.yml: -@7=yaml
      junaruga__simde__.packit.yml: current_version_command@5=removed
      martinpitt__cockpit-ostree__packit.yaml: synced_files@2=removed; upstream_project_name@4=removed
      packit-public-repos-bot__abrt-java-connector__.packit.yml: synced_files@2=removed
      packit__systemd-rhel8-flock__.packit.yml: synced_files@2=removed; upstream_project_name@6=removed
      redhat-plumbers__util-linux-rhel__.packit.yml: synced_files@7=removed
      weldr__lorax__.packit.yaml: synced_files@12=removed
      """;

  private static String reason(ConfigProblem p) {
    String m = p.message();
    if (m.contains("it was removed from Packit")) {
      return "removed";
    }
    if (m.contains("was renamed to")) {
      return "renamed";
    }
    if (m.startsWith("invalid YAML")) {
      return "yaml";
    }
    if (m.startsWith("missing required key 'job'")) {
      return "missing-job";
    }
    if (m.startsWith("unknown key")) {
      return "unknown";
    }
    return "UNEXPECTED: " + m;
  }

  @Test
  void everyRealConfigLoadsOrFailsOnlyForAReasonPackitRejects() {
    Map<String, String> expected = new LinkedHashMap<>();
    for (String line : EXPECTED_FAILURES.strip().split("\n")) {
      String[] f = line.strip().split(": ", 2);
      expected.put(f[0], f[1]);
    }
    Map<String, String> actual = new LinkedHashMap<>();
    int valid = 0;
    int metadataWarnings = 0;
    List<String> roundTripFailures = new ArrayList<>();
    List<CorpusSupport.CorpusFile> files = CorpusSupport.files();
    for (CorpusSupport.CorpusFile f : files) {
      ConfigLoadResult r = CorpusSupport.validate(f);
      metadataWarnings += (int) r.warnings().stream().filter(w -> w.path().endsWith(".metadata")).count();
      if (r.valid()) {
        valid++;
        PackitConfig c = r.orThrow();
        PackitConfig again = PackitConfigLoader.builder().repositoryName(f.repository()).build()
            .load(c.toYaml(), f.name() + " (written back)");
        if (!again.equals(c)) {
          roundTripFailures.add(f.name());
        }
        assertTrue(c.jobViews().size() >= c.jobs().size() || c.packages().isEmpty(), f.name());
        continue;
      }
      List<String> errs = new ArrayList<>();
      for (ConfigProblem p : r.errors()) {
        assertEquals(f.name(), p.source());
        assertTrue(p.line() > 0, p.toString());
        errs.add((p.path().isEmpty() ? "-" : p.path()) + "@" + p.line() + "=" + reason(p));
      }
      actual.put(f.name(), String.join("; ", errs));
    }
    for (String name : expected.keySet()) {
      assertEquals(expected.get(name), actual.get(name), name);
    }
    assertEquals(expected.keySet(), actual.keySet());
    assertEquals(List.of(), roundTripFailures);
    // Counts for the notes: 292 files, 235 valid, 57 rejected (as Packit rejects them).
    assertEquals(292, files.size());
    assertEquals(235, valid);
    assertEquals(57, actual.size());
    assertTrue(metadataWarnings > 100, "metadata warnings: " + metadataWarnings);
  }
}
