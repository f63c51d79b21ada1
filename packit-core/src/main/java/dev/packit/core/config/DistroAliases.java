package dev.packit.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Target and branch aliases ({@code fedora-all}, {@code fedora-stable}, {@code fedora-development},
 * {@code fedora-latest}, {@code fedora-latest-stable}, {@code fedora-branched}, {@code epel-all},
 * {@code epel-N}, {@code epel-N-all}, {@code epel-N-branched}) computed from the active releases exactly
 * as Packit (fedora-distro-aliases) does, including the branching-window fix.
 *
 * <pre>{@code
 * DistroAliases a = DistroAliases.from(FedoraReleases.fixed(releasesFromBodhi));
 * a.branches(List.of("fedora-all", "epel-9"), "rawhide");   // [f41, f42, rawhide, epel9]
 * a.kojiTargets(List.of("fedora-stable"));                 // [f41, f42]
 * a.kojiBuildTarget("rawhide");                            // "rawhide"
 * }</pre>
 */
public final class DistroAliases {
  /** The default alias when no target is configured. */
  public static final String DEFAULT = "fedora-stable";

  private static final List<String> ARCHES = List.of("aarch64", "armhfp", "i386", "ppc64le", "s390x", "x86_64");

  private final Map<String, List<Distro>> aliases;
  private final Map<String, FedoraRelease> releasesByBranch;

  private DistroAliases(Map<String, List<Distro>> aliases, Map<String, FedoraRelease> releasesByBranch) {
    this.aliases = aliases;
    this.releasesByBranch = releasesByBranch;
  }

  /** Resolves aliases against a release source (read once). */
  public static DistroAliases from(FedoraReleases source) {
    return from(source.releases());
  }

  /**
   * Resolves aliases against a release list.
   *
   * @param releases Bodhi's active releases
   * @return the aliases
   */
  public static DistroAliases from(List<FedoraRelease> releases) {
    List<Entry> distros = new ArrayList<>();
    for (FedoraRelease r : releases) {
      if (!r.name().equals("ELN") && !r.state().equals("archived")) {
        distros.add(new Entry(r));
      }
    }
    // Stable sort by numeric version, as fedora-distro-aliases does.
    distros.sort(Comparator.comparingDouble(e -> e.versionNumber));
    List<Entry> fedora = new ArrayList<>();
    List<Entry> epel = new ArrayList<>();
    for (Entry e : distros) {
      if (e.release.idPrefix().equals("FEDORA")) {
        fedora.add(e);
      } else if (e.release.idPrefix().equals("FEDORA-EPEL")) {
        epel.add(e);
      }
    }
    if (!fedora.isEmpty()) {
      Entry last = fedora.get(fedora.size() - 1);
      last.namever = "fedora-rawhide";
      last.branch = "rawhide";
      last.rawhide = true;
    }
    if (fedora.size() > 1) {
      // Branching window: Bodhi may still call the just-branched release "rawhide".
      Entry second = fedora.get(fedora.size() - 2);
      if (second.branch.equals("rawhide")) {
        second.branch = "f" + second.release.version();
      }
    }
    List<Entry> stable = new ArrayList<>();
    List<Entry> devel = new ArrayList<>();
    for (Entry e : fedora) {
      if (e.release.state().equals("current")) {
        stable.add(e);
      } else if (e.release.state().equals("pending") || e.release.state().equals("frozen")) {
        devel.add(e);
      }
    }
    Map<String, List<Distro>> a = new LinkedHashMap<>();
    a.put("fedora-all", distros(fedora));
    a.put("fedora-stable", distros(stable));
    a.put("fedora-development", distros(devel));
    List<Entry> latest = devel.size() >= 2 ? devel.subList(devel.size() - 2, devel.size() - 1)
        : stable.isEmpty() ? List.of() : stable.subList(stable.size() - 1, stable.size());
    a.put("fedora-latest", distros(latest));
    a.put("fedora-latest-stable", distros(stable.isEmpty() ? List.of() : stable.subList(stable.size() - 1, stable.size())));
    List<Entry> branched = new ArrayList<>(stable);
    if (!devel.isEmpty()) {
      branched.addAll(devel.subList(0, devel.size() - 1));
    }
    a.put("fedora-branched", distros(branched));
    a.put("epel-all", distros(epel));
    Map<Integer, List<Entry>> byMajor = new TreeMap<>();
    for (Entry e : epel) {
      if (e.major >= 10) {
        byMajor.computeIfAbsent(e.major, k -> new ArrayList<>()).add(e);
      }
    }
    byMajor.forEach((major, minors) -> {
      a.put("epel-" + major + "-all", distros(minors));
      a.put("epel-" + major + "-branched", distros(minors.stream().filter(e -> e.branch.contains(".")).toList()));
      a.put("epel-" + major, distros(minors.stream().filter(e -> !e.branch.contains(".")).toList()));
    });
    Map<String, FedoraRelease> byBranch = new LinkedHashMap<>();
    for (Entry e : distros) {
      byBranch.putIfAbsent(e.branch, e.release);
    }
    return new DistroAliases(Collections.unmodifiableMap(a), byBranch);
  }

  private static List<Distro> distros(List<Entry> entries) {
    List<Distro> out = new ArrayList<>();
    for (Entry e : entries) {
      out.add(new Distro(e.namever, e.branch));
    }
    return List.copyOf(out);
  }

  /** Every alias and its members, in version order. */
  public Map<String, List<Distro>> aliases() {
    return aliases;
  }

  /**
   * Expands targets: an alias to its members; a release name or branch ({@code fedora-42}, {@code f42},
   * {@code epel-9}, {@code epel9}, {@code fedora-eln}) to its {@link Distro}; anything else stays a string.
   *
   * @param targets the configured targets; empty means {@link #DEFAULT}
   * @return {@link Distro}s and unresolved strings, without duplicates
   */
  public Set<Object> expand(Collection<String> targets) {
    Set<Object> out = new LinkedHashSet<>();
    for (String t : targets.isEmpty() ? List.of(DEFAULT) : targets) {
      List<Distro> alias = aliases.get(t);
      if (alias != null) {
        out.addAll(alias);
        continue;
      }
      List<Distro> known = new ArrayList<>(aliases.get("fedora-all"));
      known.addAll(aliases.get("epel-all"));
      known.add(new Distro("fedora-eln", "eln"));
      boolean found = false;
      for (Distro d : known) {
        if (d.namever().equals(t) || d.branch().equals(t)) {
          out.add(d);
          found = true;
        }
      }
      if (!found) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Dist-git branches for targets; the rawhide release maps to the repository's default branch.
   *
   * @param targets the configured branches/aliases; empty means {@link #DEFAULT}
   * @param defaultBranch the dist-git default branch ({@code rawhide} on src.fedoraproject.org, {@code main} elsewhere)
   * @return the branches
   */
  public Set<String> branches(Collection<String> targets, String defaultBranch) {
    return branches(targets, defaultBranch, false);
  }

  /**
   * Dist-git branches for targets.
   *
   * @param targets the configured branches/aliases; empty means {@link #DEFAULT}
   * @param defaultBranch the dist-git default branch
   * @param withAliases also add {@code rawhide} when the default branch is in the result
   * @return the branches
   */
  public Set<String> branches(Collection<String> targets, String defaultBranch, boolean withAliases) {
    Set<String> out = new LinkedHashSet<>();
    for (Object o : expand(targets)) {
      if (o instanceof Distro) {
        Distro d = (Distro) o;
        out.add(d.branch().equals("rawhide") ? defaultBranch : d.branch());
      } else {
        out.add((String) o);
      }
    }
    if (withAliases && out.contains(defaultBranch)) {
      out.add("rawhide");
    }
    return out;
  }

  /**
   * Koji targets for targets: the branch name, except EPEL 6 and older ({@code el6} builds in {@code epel6}).
   *
   * @param targets the configured targets; empty means {@link #DEFAULT}
   * @return the Koji target names
   */
  public Set<String> kojiTargets(Collection<String> targets) {
    Set<String> out = new LinkedHashSet<>();
    for (Object o : expand(targets)) {
      if (o instanceof Distro) {
        Distro d = (Distro) o;
        out.add(d.branch().startsWith("el") && !d.branch().equals("eln") ? d.namever().replace("-", "") : d.branch());
      } else {
        out.add((String) o);
      }
    }
    return out;
  }

  /**
   * The Koji build target for a dist-git branch: {@code rawhide} for rawhide/main, else {@code <branch>-candidate}.
   *
   * @param branch the dist-git branch
   * @return the build target
   */
  public String kojiBuildTarget(String branch) {
    return branch.equals("rawhide") || branch.equals("main") ? "rawhide" : branch + "-candidate";
  }

  /**
   * The Bodhi candidate tag of the release a dist-git branch belongs to.
   *
   * @param branch the branch, e.g. {@code f42}
   * @return e.g. {@code f42-updates-candidate}
   */
  public Optional<String> candidateTag(String branch) {
    FedoraRelease r = releasesByBranch.get(branch);
    return r == null || r.candidateTag().isEmpty() ? Optional.empty() : Optional.of(r.candidateTag());
  }

  /**
   * The release behind a dist-git branch (after the rawhide renaming), if active.
   *
   * @param branch the branch
   * @return the release
   */
  public Optional<FedoraRelease> release(String branch) {
    return Optional.ofNullable(releasesByBranch.get(branch));
  }

  /**
   * Mock/Copr chroots for targets ({@code fedora-stable-aarch64} keeps its arch, else {@code x86_64});
   * EPEL 10 minors that branched build in {@code rhel+epel-10}.
   *
   * @param targets the configured targets; empty means {@link #DEFAULT}
   * @return the chroot names
   */
  public Set<String> buildTargets(Collection<String> targets) {
    Set<String> out = new LinkedHashSet<>();
    for (String t : targets.isEmpty() ? List.of(DEFAULT) : targets) {
      String namever = t;
      String arch = "x86_64";
      for (String a : ARCHES) {
        if (t.endsWith("-" + a)) {
          namever = t.substring(0, t.length() - a.length() - 1);
          arch = a;
        }
      }
      for (Object o : expand(List.of(namever))) {
        String chroot = o instanceof Distro ? chroot((Distro) o) : (String) o;
        String full = chroot + "-" + arch;
        // Packit maps the deprecated "centos-stream-<arch>" to CentOS Stream 8.
        out.add(full.equals("centos-stream-" + arch) ? "centos-stream-8-" + arch : full);
      }
    }
    return out;
  }

  private static String chroot(Distro d) {
    String[] nv = d.namever().split("-", 2);
    if (nv[0].equals("epel")) {
      int major = Integer.parseInt(nv[1].split("\\.", 2)[0]);
      if (major >= 10) {
        return d.branch().contains(".") ? "rhel+epel-" + major : "epel-" + major;
      }
    }
    return d.namever();
  }

  /**
   * Branches to fast-forward after {@code sourceBranch} is updated, from the mapping form of
   * {@code dist_git_branches} (keys may be aliases).
   *
   * @param branches the configured branches
   * @param sourceBranch the branch just updated
   * @param defaultBranch the dist-git default branch
   * @return the branches to fast-forward (empty for the list form)
   */
  public Set<String> fastForwardMergeBranches(DistGitBranches branches, String sourceBranch, String defaultBranch) {
    if (!branches.mappingForm()) {
      return Set.of();
    }
    List<String> match = null;
    for (Map.Entry<String, List<String>> e : branches.entries().entrySet()) {
      // Like Packit's dict update: a later key expanding to the same branch wins.
      if (branches(List.of(e.getKey()), defaultBranch, true).contains(sourceBranch)) {
        match = e.getValue();
      }
    }
    return match == null || match.isEmpty() ? Set.of() : branches(match, defaultBranch);
  }

  private static final class Entry {
    final FedoraRelease release;
    final double versionNumber;
    final int major;
    String namever;
    String branch;
    boolean rawhide;

    Entry(FedoraRelease r) {
      release = r;
      double v;
      try {
        v = Double.parseDouble(r.version());
      } catch (NumberFormatException e) {
        v = Double.MAX_VALUE;
      }
      versionNumber = v;
      major = (int) Math.floor(v);
      namever = r.idPrefix().equals("FEDORA-EPEL") ? r.name().toLowerCase(Locale.ROOT)
          : r.longName().toLowerCase(Locale.ROOT).replace(' ', '-');
      branch = r.branch();
    }
  }
}
