package dev.packit.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DistroAliasesTest {

  private static List<String> namevers(DistroAliases a, String alias) {
    return a.aliases().get(alias).stream().map(Distro::namever).collect(Collectors.toList());
  }

  private static List<String> branchesOf(DistroAliases a, String alias) {
    return a.aliases().get(alias).stream().map(Distro::branch).collect(Collectors.toList());
  }

  @Test
  void f42FrozenAfterBranching() {
    DistroAliases a = DistroAliases.from(FedoraReleases.fixed(
        BodhiReleaseFixtures.read("releases-bodhi-f42-post-branch-window.json")));
    assertEquals(List.of("fedora-40", "fedora-41", "fedora-42", "fedora-rawhide"), namevers(a, "fedora-all"));
    assertEquals(List.of("f40", "f41", "f42", "rawhide"), branchesOf(a, "fedora-all"));
    assertEquals(List.of("fedora-40", "fedora-41"), namevers(a, "fedora-stable"));
    assertEquals(List.of("fedora-42", "fedora-rawhide"), namevers(a, "fedora-development"));
    assertEquals(List.of("fedora-40", "fedora-41", "fedora-42"), namevers(a, "fedora-branched"));
    assertEquals(List.of("fedora-42"), namevers(a, "fedora-latest"));
    assertEquals(List.of("fedora-41"), namevers(a, "fedora-latest-stable"));
    assertEquals(List.of(), namevers(a, "epel-all"));

    assertEquals(Set.of("f40", "f41", "f42", "rawhide"), a.branches(List.of("fedora-all"), "rawhide"));
    assertEquals(Set.of("f40", "f41", "f42", "main"), a.branches(List.of("fedora-all"), "main"));
    assertEquals(Set.of("f40", "f41", "f42", "main", "rawhide"), a.branches(List.of("fedora-all"), "main", true));
    assertEquals(Set.of("main"), a.branches(List.of("fedora-rawhide"), "main"));
    assertEquals(Set.of("main"), a.branches(List.of("rawhide"), "main"));
    assertEquals(Set.of("eln"), a.branches(List.of("fedora-eln"), "main"));
    assertEquals(Set.of("f41", "f42"), a.branches(List.of("fedora-41", "f42"), "rawhide"));
    assertEquals(Set.of("f40", "f41"), a.branches(List.of(), "rawhide"));  // default: fedora-stable
    assertEquals(Set.of("my-branch"), a.branches(List.of("my-branch"), "rawhide"));

    assertEquals(Set.of("f40", "f41"), a.kojiTargets(List.of("fedora-stable")));
    assertEquals(Set.of("fedora-40-x86_64", "fedora-41-x86_64"), a.buildTargets(List.of("fedora-stable")));
    assertEquals(Set.of("fedora-rawhide-aarch64"), a.buildTargets(List.of("fedora-rawhide-aarch64")));
    assertEquals("rawhide", a.kojiBuildTarget("rawhide"));
    assertEquals("rawhide", a.kojiBuildTarget("main"));
    assertEquals("f42-candidate", a.kojiBuildTarget("f42"));
    assertEquals(Optional.of("f42-updates-candidate"), a.candidateTag("f42"));
    assertEquals(Optional.of("f43-updates-candidate"), a.candidateTag("rawhide"));
    assertEquals("frozen", a.release("f42").orElseThrow().state());
  }

  @Test
  void branchingWindowWhereBodhiStillCallsTheBranchedReleaseRawhide() {
    // Same data, but as Bodhi reports it right after branching: F42 still claims "rawhide", F43 says "f43".
    List<FedoraRelease> lying = new ArrayList<>();
    for (FedoraRelease r : BodhiReleaseFixtures.read("releases-bodhi-f42-post-branch-window.json")) {
      String branch = r.name().equals("F42") ? "rawhide" : r.name().equals("F43") ? "f43" : r.branch();
      lying.add(new FedoraRelease(r.name(), r.longName(), r.version(), r.idPrefix(), r.state(), branch, r.distTag(),
          r.candidateTag()));
    }
    DistroAliases a = DistroAliases.from(lying);
    assertEquals(List.of("f40", "f41", "f42", "rawhide"), branchesOf(a, "fedora-all"));
    assertEquals(Set.of("f40", "f41", "f42", "rawhide"), a.branches(List.of("fedora-all"), "rawhide"));
  }

  @Test
  void epel10MinorsAfterThe101Branching() {
    DistroAliases a = DistroAliases.from(BodhiReleaseFixtures.read("releases-bodhi-epel10-post-10.1-branch-window.json"));
    assertEquals(List.of("epel-8", "epel-9", "epel-10.0", "epel-10.1", "epel-10.2"), namevers(a, "epel-all"));
    assertEquals(List.of("epel-10.0", "epel-10.1", "epel-10.2"), namevers(a, "epel-10-all"));
    assertEquals(List.of("epel-10.2"), namevers(a, "epel-10"));
    assertEquals(List.of("epel-10.0", "epel-10.1"), namevers(a, "epel-10-branched"));
    assertEquals(List.of(), namevers(a, "fedora-all"));  // every Fedora release in this page is archived
    assertEquals(Set.of("epel10"), a.branches(List.of("epel-10"), "rawhide"));
    assertEquals(Set.of("epel10.0", "epel10.1"), a.branches(List.of("epel-10-branched"), "rawhide"));
    assertEquals(Set.of("epel9"), a.branches(List.of("epel-9"), "rawhide"));
    assertEquals(Set.of("epel8", "epel9", "epel10.0", "epel10.1", "epel10"), a.kojiTargets(List.of("epel-all")));
    assertEquals(Set.of("rhel+epel-10-x86_64", "epel-10-x86_64"), a.buildTargets(List.of("epel-10-all")));
    assertEquals(Set.of("epel-9-aarch64"), a.buildTargets(List.of("epel-9-aarch64")));
    assertEquals(Optional.of("epel10.2-testing-candidate"), a.candidateTag("epel10"));
  }

  @Test
  void paginatedReleaseListBeforeF41Branched() {
    DistroAliases a = DistroAliases.from(BodhiReleaseFixtures.read("releases-bodhi-page-1.json", "releases-bodhi-page-2.json"));
    assertEquals(List.of("f39", "f40", "f41", "rawhide"), branchesOf(a, "fedora-all"));
    assertEquals(List.of("fedora-39", "fedora-40"), namevers(a, "fedora-stable"));
    assertEquals(List.of("fedora-41", "fedora-rawhide"), namevers(a, "fedora-development"));
    assertEquals(List.of("fedora-41"), namevers(a, "fedora-latest"));
    assertEquals(List.of("fedora-39", "fedora-40", "fedora-41"), namevers(a, "fedora-branched"));
    assertEquals(List.of("epel-8", "epel-9", "epel-10.0"), namevers(a, "epel-all"));
    assertEquals(List.of("epel-10.0"), namevers(a, "epel-10"));
    assertEquals(List.of(), namevers(a, "epel-10-branched"));
  }

  @Test
  void recordedActiveReleasesAndFastForwards() {
    DistroAliases a = DistroAliases.from(BodhiReleaseFixtures.read("releases-active-page1.recorded.json"));
    assertEquals(List.of("fedora-40", "fedora-41"), namevers(a, "fedora-stable"));
    assertEquals(List.of("fedora-42"), namevers(a, "fedora-latest"));
    DistGitBranches ff = DistGitBranches.mapping(java.util.Map.of("fedora-rawhide", List.of("fedora-branched")));
    assertEquals(Set.of("f40", "f41", "f42"), a.fastForwardMergeBranches(ff, "rawhide", "rawhide"));
    assertEquals(Set.of("f40", "f41", "f42"), a.fastForwardMergeBranches(ff, "main", "main"));
    assertEquals(Set.of(), a.fastForwardMergeBranches(ff, "f42", "rawhide"));
    assertEquals(Set.of(), a.fastForwardMergeBranches(DistGitBranches.of("fedora-all"), "rawhide", "rawhide"));
  }

  @Test
  void oldEpelBuildsInEpelNamedKojiTargets() {
    // EPEL 6 is archived in every real list; named as Packit's own alias tests name it.
    DistroAliases a = DistroAliases.from(List.of(
        new FedoraRelease("EPEL-6", "Fedora EPEL 6", "6", "FEDORA-EPEL", "current", "el6", "dist-6E-epel", ""),
        new FedoraRelease("EPEL-7", "Fedora EPEL 7", "7", "FEDORA-EPEL", "current", "epel7", "epel7", "")));
    assertEquals(Set.of("el6"), a.branches(List.of("el6"), "main"));
    assertEquals(Set.of("epel6", "epel7"), a.kojiTargets(List.of("epel-all")));
  }
}
